"""The command line in the compose layout: `apply`, `check` and `show` name the layout, its files and the next
steps, read the secret as the container gets it, and treat hosts of the compose network honestly."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.deployment.layouts import (
    COMPOSE_MISSING_HOST_NET,
    COMPOSE_PASSED,
    COMPOSE_PASSED_HOST_NET,
    COMPOSE_PROXY_LIST,
    COMPOSE_RELAY_PUBLISHED,
    Project,
    make_project,
)
from tests.deployment.oracle import container_env
from tests.support.files import folder_bytes
from tests.support.servers import LOGIN, PASSWORD, SmtpServer

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


def _apply(project: Project, server: SmtpServer, *extra: str) -> list[str]:
    return [
        "apply",
        "--config",
        str(project.config),
        "--user",
        LOGIN,
        "--host",
        server.host,
        "--port",
        str(server.port),
        "--security",
        "starttls",
        "--ca-file",
        str(server.ca_file),
        "--timeout",
        "5",
        *extra,
    ]


def _with_smtp(project: Project, port: int, host: str = "127.0.0.1") -> None:
    project.config.write_text(
        project.config.read_text()
        + f'\n[smtp]\nuser = "{LOGIN}"\nendpoint = "smtp://{host}:{port}?tls=required"\nsecret = "${{SMTP_SECRET}}"\n'
    )


def test_apply_writes_the_compose_env_and_names_layout_and_next_steps(
    cli: CLI,
    smtp_server: Server,
    tmp_path: Path,
) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    run = cli(*_apply(project, server, "--secret-stdin"), stdin=PASSWORD)
    assert run.code == 0, run.out + run.err
    assert "Docker Compose" in run.out and "bomnipotent_server" in run.out
    assert "docker compose up -d" in run.out and "bomnipotent_client test-email" in run.out
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == PASSWORD
    assert not project.config_env.exists()


def test_apply_shows_the_compose_change_before_writing(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    run = cli(*_apply(project, server, "--secret-stdin"), stdin=PASSWORD)
    assert run.code == 0, run.out + run.err
    assert run.out.index("+      SMTP_SECRET: ${SMTP_SECRET}") < run.out.index(str(project.compose) + "\n")
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == PASSWORD


def test_apply_json_carries_the_deployment(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    run = cli(*_apply(project, server, "--secret-stdin", "--json"), stdin=PASSWORD)
    payload = json.loads(run.out)
    assert payload["deployment"] == {
        "layout": "compose",
        "env_file": str(project.env),
        "compose_file": str(project.compose),
        "compose_files": [str(project.compose)],
        "service": "bomnipotent_server",
        "verified_by": None,  # no Docker Compose on this test's PATH: the wizard's own reader
    }
    assert sorted(payload["written"]) == sorted([str(project.env), str(project.compose), str(project.config)])


def test_standalone_override_writes_next_to_config(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_PASSED)
    run = cli(*_apply(project, server, "--secret-stdin", "--deployment", "standalone"), stdin=PASSWORD)
    assert run.code == 0, run.out + run.err
    assert "SMTP_SECRET" in project.config_env.read_text()
    assert "SMTP_SECRET" not in project.env.read_text()
    assert "Restart BOMnipotent Server" in run.out


def test_check_names_the_empty_string_shadow_as_the_cause(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls", require_auth=True)
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    _with_smtp(project, server.port)
    project.config_env.write_text(f'SMTP_SECRET="{PASSWORD}"\n')  # where the old wizard put it: ignored
    run = cli("check", "--config", str(project.config), "--ca-file", str(server.ca_file), "--timeout", "5")
    assert run.code == 1, run.out + run.err
    assert "empty string" in run.out + run.err and str(project.config_env) in run.out + run.err
    assert not any(attempt.success for attempt in server.auth_attempts)


def test_check_after_apply_passes_with_the_containers_secret(
    cli: CLI,
    smtp_server: Server,
    tmp_path: Path,
) -> None:
    server = smtp_server("starttls", require_auth=True)
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    project.config_env.write_text('SMTP_SECRET="stale and ignored"\n')
    assert cli(*_apply(project, server, "--secret-stdin"), stdin=PASSWORD).code == 0
    run = cli("check", "--config", str(project.config), "--ca-file", str(server.ca_file), "--json")
    payload = json.loads(run.out)
    assert run.code == 0 and payload["ok"], run.out
    assert payload["deployment"]["layout"] == "compose"
    assert server.auth_attempts[-1].success


def test_show_json_names_the_deployment_and_where_the_secret_comes_from(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED, env="SMTP_SECRET=s3cret\n")
    _with_smtp(project, 2525)
    run = cli("show", "--config", str(project.config), "--json")
    payload = json.loads(run.out)
    assert payload["deployment"]["layout"] == "compose"
    assert payload["settings"]["secret"]["value"] == "***"
    assert str(project.env) in payload["settings"]["secret"]["source"]
    assert "s3cret" not in run.out


def test_relay_service_without_published_port_needs_confirmation(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    (project.folder / "proxy").mkdir()
    args = [
        "apply",
        "--config",
        str(project.config),
        "--user",
        "bom@example.org",
        "--host",
        "smtp_relay",
        "--security",
        "none",
        "--no-secret",
    ]
    before = folder_bytes(project.folder)
    refused = cli(*args)
    assert refused.code == 2 and "smtp_relay" in refused.err and "--skip-network-test" in refused.err
    assert "dns_failed" not in refused.out + refused.err
    assert folder_bytes(project.folder) == before
    confirmed = cli(*args, "--skip-network-test", "--send-to", "ops@example.org")
    assert confirmed.code == 0, confirmed.out + confirmed.err
    assert "bomnipotent_client test-email ops@example.org" in confirmed.out
    assert 'endpoint = "smtp://smtp_relay:25"' in project.config.read_text()


def test_relay_service_with_published_port_is_tested_through_it(
    cli: CLI,
    smtp_server: Server,
    tmp_path: Path,
) -> None:
    server = smtp_server("plain", auth=False)
    project = make_project(
        tmp_path, COMPOSE_RELAY_PUBLISHED.replace("127.0.0.1:2525:25", f"127.0.0.1:{server.port}:25")
    )
    (project.folder / "proxy").mkdir()
    run = cli(
        "apply",
        "--config",
        str(project.config),
        "--user",
        "bom@example.org",
        "--host",
        "smtp_relay",
        "--security",
        "none",
        "--no-secret",
        "--send-to",
        "ops@example.org",
        "--timeout",
        "5",
    )
    assert run.code == 0, run.out + run.err
    assert f"127.0.0.1:{server.port}" in run.out
    assert len(server.messages) == 1


def test_show_with_compose_file_option_and_standalone_override(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED, env="SMTP_SECRET=s3cret\n", name="stack.yml")
    _with_smtp(project, 2525)
    found = json.loads(cli("show", "--config", str(project.config), "--json").out)
    assert found["deployment"]["layout"] == "standalone"  # stack.yml is no name compose looks for
    chosen = cli("show", "--config", str(project.config), "--compose-file", str(project.folder / "stack.yml"), "--json")
    assert json.loads(chosen.out)["deployment"]["compose_file"] == str(project.folder / "stack.yml")
    wrong = cli("show", "--config", str(project.config), "--deployment", "compose")
    assert wrong.code == 2 and "--compose-file" in wrong.err


def test_unreadable_compose_env_is_a_file_problem_and_nothing_is_written(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_PASSED, env='BOMNIPOTENT_DB_PW="never closed\n')
    before = folder_bytes(project.folder)
    run = cli(*_apply(project, server, "--secret-stdin"), stdin=PASSWORD)
    assert run.code == 3, run.out + run.err
    assert f"{project.env}, line 1" in run.err
    assert folder_bytes(project.folder) == before
    assert PASSWORD not in run.out + run.err


def test_unparsable_compose_file_is_a_file_problem_with_line(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, "services:\n  server: [unclosed\n")
    run = cli("show", "--config", str(project.config))
    assert run.code == 3 and f"{project.compose}, line 2" in run.err


def test_json_names_the_untested_compose_network_host(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    (project.folder / "proxy").mkdir()
    run = cli(
        "apply", "--config", str(project.config), "--user", "bom@example.org", "--host", "smtp_relay",
        "--security", "none", "--no-secret", "--skip-network-test", "--json",
    )  # fmt: skip
    payload = json.loads(run.out)
    assert run.code == 0 and payload["deployment"]["service"] == "bomnipotent_server"
    skipped = [w for w in payload["warnings"] if w["code"] == "network_test_skipped"]
    assert skipped and skipped[0]["service"] == "smtp_relay" and "bomnipotent_client" in skipped[0]["message"]


def test_json_env_file_is_the_services_env_file_when_that_defines_the_secret(cli: CLI, tmp_path: Path) -> None:
    from tests.deployment.layouts import COMPOSE_ENV_FILE

    project = make_project(tmp_path, COMPOSE_ENV_FILE)
    (project.folder / "server.env").write_text("SMTP_SECRET=s3cret\n")
    _with_smtp(project, 2525)
    payload = json.loads(cli("show", "--config", str(project.config), "--json").out)
    assert payload["deployment"]["env_file"] == str(project.folder / "server.env")
    assert str(project.folder / "server.env") in payload["settings"]["secret"]["source"]


def _apply_loopback(project: Project, port: int, *extra: str) -> list[str]:
    return [
        "apply", "--config", str(project.config), "--user", "bom@example.org", "--host", "127.0.0.1",
        "--port", str(port), "--security", "none", "--no-secret", "--timeout", "5", *extra,
    ]  # fmt: skip


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])  # ::1 in test_network.py (not writable here)
def test_loopback_host_in_compose_layout_needs_confirmation_and_is_not_tested(
    cli: CLI, smtp_server: Server, tmp_path: Path, host: str
) -> None:
    server = smtp_server("plain", auth=False)
    project = make_project(tmp_path, COMPOSE_PASSED)
    before = folder_bytes(project.folder)
    args = [a if a != "127.0.0.1" else host for a in _apply_loopback(project, server.port)]
    refused = cli(*args)
    assert refused.code == 2 and "--skip-network-test" in refused.err and "host.docker.internal" in refused.err
    assert folder_bytes(project.folder) == before
    confirmed = cli(*args, "--skip-network-test", "--json")
    payload = json.loads(confirmed.out)
    assert confirmed.code == 0, confirmed.out + confirmed.err
    assert payload["steps"] == [] and not server.messages  # the loopback test is no pass of the server's route
    loopback = [w for w in payload["warnings"] if w["code"] == "loopback_in_container"]
    assert loopback and loopback[0]["service"] == "bomnipotent_server"
    assert "bomnipotent_client test-email" in loopback[0]["message"]


def test_loopback_host_in_compose_layout_is_said_plainly(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("plain", auth=False)
    project = make_project(tmp_path, COMPOSE_PASSED)
    run = cli(*_apply_loopback(project, server.port), "--skip-network-test")
    assert run.code == 0, run.out + run.err
    assert "loopback" in run.out and "host.docker.internal" in run.out and "bomnipotent_client test-email" in run.out
    checked = cli("check", "--config", str(project.config))
    assert checked.code == 2 and "--skip-network-test" in checked.err


def test_loopback_host_is_tested_when_the_server_uses_the_host_network(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("plain", auth=False)
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    run = cli(*_apply_loopback(project, server.port, "--json"))
    payload = json.loads(run.out)
    assert run.code == 0 and payload["steps"], run.out + run.err
    assert not [w for w in payload["warnings"] if w["code"] == "loopback_in_container"]
