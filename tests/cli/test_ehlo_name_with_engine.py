"""With Docker Compose installed, the EHLO name comes from the project Compose computes (SPEC §12 rev 3): the
service's `hostname:` after Compose's interpolation, override files included — asserted from the server side
with the real Compose binary on PATH. (Found broken: the engine's project dropped `hostname:`, so the probe
sent a container-id stand-in and a strict relay's refusal was blamed on a missing `hostname:`.)"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.deployment.engine import put_engine_on_path
from tests.deployment.layouts import COMPOSE_PASSED_HOST_NET, make_project
from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer

CLI = Callable[..., Run]
IMAGE_LINE = "    image: wwhsoft/bomnipotent_server:latest\n"


@pytest.fixture
def relay(server_loop: LoopThread) -> Iterator[ScriptedServer]:
    server = ScriptedServer(server_loop, Script(helo_fqdn_required=True))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")


def _apply(config: Path, port: int) -> list[str]:
    return [
        "apply", "--config", str(config), "--user", "bom@example.org", "--host", "127.0.0.1", "--port", str(port),
        "--security", "none", "--no-secret", "--send-to", "friend@example.net", "--timeout", "5", "--json",
    ]  # fmt: skip


def _ehlo_sent(server: ScriptedServer) -> list[str]:
    return [line.split(" ", 1)[1] for line in server.lines if line.upper().startswith("EHLO ")]


def test_the_hostname_compose_computes_is_sent_and_passes_a_strict_relay(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    text = COMPOSE_PASSED_HOST_NET.replace(IMAGE_LINE, IMAGE_LINE + "    hostname: mail.example.com\n")
    run = cli(*_apply(make_project(tmp_path, text).config, relay.port))
    payload = json.loads(run.out)
    assert payload["deployment"]["verified_by"] is not None  # Compose computed the project
    assert _ehlo_sent(relay) == ["mail.example.com"] and payload["ehlo_name"] == "mail.example.com"
    assert run.code == 0 and payload["ok"]


def test_a_hostname_interpolated_from_the_project_env_is_sent_as_compose_expands_it(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    text = COMPOSE_PASSED_HOST_NET.replace(IMAGE_LINE, IMAGE_LINE + "    hostname: ${MAIL_NAME:-unset}\n")
    project = make_project(tmp_path, text)
    with (project.folder / ".env").open("a") as env:
        env.write("MAIL_NAME=bom.example.org\n")
    run = cli(*_apply(project.config, relay.port))
    assert _ehlo_sent(relay) == ["bom.example.org"] and json.loads(run.out)["ok"]


def test_a_hostname_from_an_override_file_is_sent(cli: CLI, tmp_path: Path, relay: ScriptedServer) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    override = "services:\n  bomnipotent_server:\n    hostname: relay-ok.example.org\n"
    (project.folder / "compose.override.yaml").write_text(override)
    run = cli(*_apply(project.config, relay.port))
    assert _ehlo_sent(relay) == ["relay-ok.example.org"] and json.loads(run.out)["ok"]


def test_without_hostname_the_engine_project_still_sends_a_container_id_stand_in(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    run = cli(*_apply(make_project(tmp_path, COMPOSE_PASSED_HOST_NET).config, relay.port))
    sent = _ehlo_sent(relay)
    assert len(sent) == 1 and re.fullmatch(r"[0-9a-f]{12}", sent[0])
    assert run.code == 1 and json.loads(run.out)["diagnosis"]["advice_id"] == "helo_rejected_container_id"


# -- A plan changes one compose file: the service edits follow the secret's edit into an override file ------

OVERRIDE_WITH_LITERAL = "services:\n  bomnipotent_server:\n    environment:\n      SMTP_SECRET: old-literal\n"


def _override_project(tmp_path: Path) -> tuple[Path, Path, str]:
    from tests.deployment.layouts import COMPOSE_MISSING_HOST_NET

    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    (project.folder / "compose.override.yaml").write_text(OVERRIDE_WITH_LITERAL)
    return project.folder, project.config, COMPOSE_MISSING_HOST_NET


@pytest.mark.parametrize(
    ("extra", "host", "added"),
    [
        (("--compose-hostname", "mail.example.com"), "127.0.0.1", "    hostname: mail.example.com\n"),
        (("--skip-network-test",), "host.docker.internal", "host.docker.internal:host-gateway"),
    ],
    ids=["hostname", "host-gateway"],
)
def test_a_service_edit_goes_into_the_override_file_the_secret_is_decided_in_never_over_the_main_file(
    cli: CLI, tmp_path: Path, extra: tuple[str, ...], host: str, added: str
) -> None:
    """Found: the hostname:/extra_hosts edit was applied to the override file's text but planned as the main
    compose file's new content (Compose's check then refused the whole change)."""
    from tests.deployment.oracle import compose_config, container_env

    folder, config, main_text = _override_project(tmp_path)
    run = cli("apply", "--config", str(config), "--user", "bom@example.org", "--host", host, "--port", "25",
              "--security", "none", "--secret-stdin", "--allow-plaintext-auth", "--no-probe", *extra,
              stdin="new-secret\n")  # fmt: skip
    assert run.code == 0, run.out + run.err
    assert (folder / "compose.yaml").read_text() == main_text  # the main file untouched
    override = (folder / "compose.override.yaml").read_text()
    assert added in override and "SMTP_SECRET: ${SMTP_SECRET}" in override
    assert container_env(folder, "bomnipotent_server")["SMTP_SECRET"] == "new-secret"
    service = compose_config(folder)["services"]["bomnipotent_server"]
    if "--compose-hostname" in extra:
        assert service["hostname"] == "mail.example.com"
    else:
        assert "host-gateway" in str(service["extra_hosts"])
