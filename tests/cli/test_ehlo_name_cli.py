"""The probe introduces itself with the EHLO name the server will send (SPEC §12 rev 3), asserted from the
server side: standalone this machine's gethostname() as it is; in Compose the service's `hostname:`, else a
stand-in shaped like a container id. A relay that refuses names without a dot (Postfix
reject_non_fqdn_helo_hostname) fails the test exactly as it would fail the server, with cause and fix."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.deployment.layouts import COMPOSE_PASSED_HOST_NET, make_project, make_standalone
from tests.deployment.oracle import compose_config
from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer

USER = "bom@example.org"
RCPT = "friend@example.net"
CLI = Callable[..., Run]


@pytest.fixture
def relay(server_loop: LoopThread) -> Iterator[ScriptedServer]:
    """A loopback relay that refuses EHLO names without a dot at RCPT TO, as Postfix does by default."""
    server = ScriptedServer(server_loop, Script(helo_fqdn_required=True))
    yield server
    server.stop()


def _apply(config: Path, port: int, *extra: str) -> list[str]:
    return [
        "apply", "--config", str(config), "--user", USER, "--host", "127.0.0.1", "--port", str(port),
        "--security", "none", "--no-secret", "--send-to", RCPT, "--timeout", "5", *extra,
    ]  # fmt: skip


def _ehlo_sent(server: ScriptedServer) -> list[str]:
    return [line.split(" ", 1)[1] for line in server.lines if line.upper().startswith("EHLO ")]


def _compose(tmp_path: Path, hostname: str | None) -> Path:
    text = COMPOSE_PASSED_HOST_NET
    if hostname is not None:
        text = text.replace("    image: wwhsoft/bomnipotent_server:latest\n",
                            f"    image: wwhsoft/bomnipotent_server:latest\n    hostname: {hostname}\n")  # fmt: skip
    return make_project(tmp_path, text).config


def test_standalone_sends_this_machines_gethostname_as_it_is(cli: CLI, tmp_path: Path, relay: ScriptedServer) -> None:
    config = make_standalone(tmp_path).config
    run = cli(*_apply(config, relay.port), "--json")
    payload = json.loads(run.out)
    assert _ehlo_sent(relay) == [socket.gethostname()] and payload["ehlo_name"] == socket.gethostname()
    if "." in socket.gethostname():  # a fully-qualified machine name: the strict relay takes it
        assert run.code == 0 and payload["ok"]
    else:  # a bare one (this VM's "vm"): refused as the server would be, with the machine's fix
        assert run.code == 1 and payload["diagnosis"]["advice_id"] == "helo_rejected_machine"
        assert "hostnamectl set-hostname" in payload["diagnosis"]["advice"]
        assert [w["code"] for w in payload["warnings"] if w["code"].startswith("ehlo_")] == ["ehlo_machine_not_fqdn"]


def test_compose_with_a_fully_qualified_hostname_sends_it_and_passes_a_strict_relay(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    run = cli(*_apply(_compose(tmp_path, "mail.example.com"), relay.port), "--json")
    payload = json.loads(run.out)
    assert run.code == 0 and payload["ok"], run.out + run.err
    assert _ehlo_sent(relay) == ["mail.example.com"] and payload["ehlo_name"] == "mail.example.com"
    assert not [w for w in payload["warnings"] if w["code"].startswith("ehlo_")]


def test_compose_without_hostname_sends_a_container_id_stand_in_and_fails_a_strict_relay_with_the_fix(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    run = cli(*_apply(_compose(tmp_path, None), relay.port))
    sent = _ehlo_sent(relay)
    assert len(sent) == 1 and re.fullmatch(r"[0-9a-f]{12}", sent[0])
    assert run.code == 1
    before_test = run.out.index("Helo command rejected")
    warning = run.out.index(f"such as “{sent[0]}”")
    assert warning < before_test  # said before the test ran
    assert "Add “hostname:” with a fully-qualified name" in run.out  # the fix, for this layout
    assert "BOMnipotent does not retry a refused mail" in run.out


def test_compose_with_a_bare_hostname_is_refused_naming_that_hostname(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    run = cli(*_apply(_compose(tmp_path, "bomnipotent"), relay.port), "--json")
    payload = json.loads(run.out)
    assert _ehlo_sent(relay) == ["bomnipotent"] and run.code == 1
    assert payload["diagnosis"]["advice_id"] == "helo_rejected_compose_hostname"
    assert payload["diagnosis"]["code"] == "server_unavailable"  # not "temporary, wait"


def test_compose_hostname_option_writes_the_fix_in_the_same_change_and_the_test_sends_it(
    cli: CLI, tmp_path: Path, relay: ScriptedServer
) -> None:
    config = _compose(tmp_path, None)
    compose = config.parent.parent / "compose.yaml"
    before = compose.read_text()
    run = cli(*_apply(config, relay.port, "--compose-hostname", "mail.example.com"))
    assert run.code == 0, run.out + run.err
    assert _ehlo_sent(relay) == ["mail.example.com"]
    after = compose.read_text()
    assert after.replace("    hostname: mail.example.com\n", "", 1) == before
    resolved = compose_config(compose.parent, {"BOMNIPOTENT_DB_PW": "x"})  # Docker Compose reads it back
    assert resolved["services"]["bomnipotent_server"]["hostname"] == "mail.example.com"


def test_compose_hostname_option_refuses_a_bare_name(cli: CLI, tmp_path: Path, relay: ScriptedServer) -> None:
    config = _compose(tmp_path, None)
    run = cli(*_apply(config, relay.port, "--compose-hostname", "bom"))
    assert run.code == 2 and "mail.example.com" in run.err and relay.lines == []
