"""The CLI tests as the server sends: MAIL FROM and From are `user` (SPEC §2 rev 2); there is no --sender."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run
from tests.support.servers import LOGIN, PASSWORD, SmtpServer

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]


def _apply(config: Path, server: SmtpServer, user: str, *extra: str) -> list[str]:
    return [
        "apply", "--config", str(config), "--user", user, "--host", server.host, "--port", str(server.port),
        "--security", "starttls", "--ca-file", str(server.ca_file), "--timeout", "5", *extra,
    ]  # fmt: skip


def test_apply_sends_the_test_mail_as_the_user_it_writes(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    run = cli(*_apply(config, server, LOGIN, "--secret-stdin", "--send-to", "ops@example.com"), stdin=PASSWORD)
    assert run.code == 0, run.out + run.err
    assert f'user = "{LOGIN}"' in config.read_text()
    assert server.messages[0].mail_from == LOGIN
    assert str(server.messages[0].message["From"]) == LOGIN  # no display name: the server sends none


def test_check_sends_as_the_configured_user(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    assert cli(*_apply(config, server, LOGIN, "--secret-stdin", "--no-probe"), stdin=PASSWORD).code == 0
    run = cli("check", "--config", str(config), "--ca-file", str(server.ca_file), "--send-to", "ops@example.com")
    assert run.code == 0, run.out + run.err
    assert [m.mail_from for m in server.messages] == [LOGIN]
    assert str(server.messages[0].message["From"]) == LOGIN


def test_a_login_that_is_not_an_address_is_accepted_and_tested_as_the_sender(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("starttls", auth=False)
    config = tmp_path / "config.toml"
    run = cli(*_apply(config, server, "apikey", "--no-secret", "--send-to", "ops@example.com"))
    assert run.code == 0, run.out + run.err
    assert server.messages[0].mail_from == "apikey"  # what BOMnipotent would send as
    assert 'user = "apikey"' in config.read_text()


def test_a_refused_login_sender_is_diagnosed_as_the_login_not_being_an_address(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("starttls", auth=False, mail_reply="553 5.7.1 Sender address rejected")
    run = cli(
        *_apply(tmp_path / "config.toml", server, "apikey", "--no-secret", "--send-to", "ops@example.com", "--json")
    )
    payload = json.loads(run.out)
    assert run.code == 1 and payload["diagnosis"]["code"] == "sender_rejected"
    assert payload["diagnosis"]["advice_id"] == "login_not_address"
    assert "MAIL FROM:<apikey>" in "\n".join(payload["transcript"])
