"""`apply` probes before writing and `check` tests the written config, against real local SMTP servers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run
from tests.support.files import folder_bytes
from tests.support.servers import LOGIN, PASSWORD, SmtpServer, refused_port

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]


def apply_args(config: Path, server: SmtpServer, security: str, *extra: str) -> list[str]:
    return [
        "apply",
        "--config",
        str(config),
        "--user",
        LOGIN,
        "--host",
        server.host,
        "--port",
        str(server.port),
        "--security",
        security,
        "--ca-file",
        str(server.ca_file),
        "--timeout",
        "5",
        *extra,
    ]


def test_apply_starttls_with_auth_sends_and_writes(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    run = cli(
        *apply_args(config, server, "starttls", "--secret-stdin", "--send-to", "ops@example.com"), stdin=PASSWORD + "\n"
    )
    assert run.code == 0, run.out + run.err
    assert f'endpoint = "smtp://127.0.0.1:{server.port}?tls=required"' in config.read_text()
    assert len(server.messages) == 1 and server.messages[0].tls
    assert not server.auth_before_tls
    assert "✓" in run.out and PASSWORD not in run.out + run.err


def test_apply_relay_without_secret_writes_plain_endpoint(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("plain", auth=False)
    config = tmp_path / "config.toml"
    run = cli(*apply_args(config, server, "none", "--no-secret", "--send-to", "ops@example.com"))
    assert run.code == 0, run.out + run.err
    assert f'endpoint = "smtp://127.0.0.1:{server.port}"' in config.read_text()
    assert server.messages[0].message["To"] == "ops@example.com"


def test_failed_probe_writes_nothing_and_explains(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")
    before = folder_bytes(tmp_path)
    run = cli(*apply_args(config, server, "starttls", "--secret-stdin"), stdin="wrong-password")
    assert run.code == 1
    assert "auth_failed" in run.out and "Nothing was written" in run.err
    assert folder_bytes(tmp_path) == before
    assert "wrong-password" not in run.out + run.err


def test_failed_probe_json_carries_the_diagnosis(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    run = cli(
        "apply",
        "--config",
        str(config),
        "--user",
        LOGIN,
        "--host",
        "127.0.0.1",
        "--port",
        str(refused_port()),
        "--security",
        "none",
        "--no-secret",
        "--json",
        "--timeout",
        "5",
    )
    payload = json.loads(run.out)
    assert run.code == 1 and payload["ok"] is False
    assert payload["diagnosis"]["code"] == "connect_refused"
    assert payload["written"] == [] and not config.exists()


def test_check_passes_on_what_apply_wrote(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    cli(*apply_args(config, server, "starttls", "--secret-stdin"), stdin=PASSWORD)
    run = cli(
        "check", "--config", str(config), "--ca-file", str(server.ca_file), "--json", "--send-to", "ops@example.com"
    )
    payload = json.loads(run.out)
    assert run.code == 0 and payload["ok"] is True, run.out
    names = [step["name"] for step in payload["steps"]]
    assert names[:3] == ["resolve", "connect", "greeting"] and "auth" in names and "data" in names
    assert payload["tls"]["sha256"] and payload["server"]["greeting"]
    assert PASSWORD not in run.out and len(server.messages) == 1


def test_check_expands_the_secret_from_env_as_the_server_does(
    cli: CLI, smtp_server: Server, tmp_path: Path, monkeypatch: object
) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[smtp]\nuser = "${{MAIL_LOGIN}}"\nendpoint = "smtp://127.0.0.1:{server.port}?tls=required"\n'
        'secret = "${SMTP_SECRET}"\n'
    )
    (tmp_path / ".env").write_text(f'MAIL_LOGIN={LOGIN}\nSMTP_SECRET="{PASSWORD}"\n')
    run = cli("check", "--config", str(config), "--ca-file", str(server.ca_file))
    assert run.code == 0, run.out + run.err
    assert server.auth_attempts[-1].login == LOGIN


def test_check_names_an_undefined_variable(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\nsecret = "${NOPE_SECRET}"\n')
    run = cli("check", "--config", str(config))
    assert run.code == 3 and "NOPE_SECRET" in run.err


def test_check_refused_connection_exits_1_with_advice(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "a@example.com"\nendpoint = "smtp://127.0.0.1:{refused_port()}"\n')
    run = cli("check", "--config", str(config))
    assert run.code == 1
    assert "connect_refused" in run.out and "What to do:" in run.out


def test_check_output_in_german(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "a@example.com"\nendpoint = "smtp://127.0.0.1:{refused_port()}"\n')
    run = cli("--lang", "de", "check", "--config", str(config))
    assert run.code == 1 and "Was zu tun ist:" in run.out


def test_file_changed_during_the_probe_is_not_overwritten(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("plain", auth=False)
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")

    async def someone_edits(verb: str) -> None:  # runs inside the real server while the probe is under way
        if verb == "MAIL":
            config.write_text("[domain]\nname = 'edited meanwhile'\n")

    server.stall = someone_edits  # type: ignore[method-assign]
    run = cli(*apply_args(config, server, "none", "--no-secret", "--send-to", "ops@example.com"))
    assert run.code == 3 and "changed by someone else" in run.err
    assert config.read_text() == "[domain]\nname = 'edited meanwhile'\n"
