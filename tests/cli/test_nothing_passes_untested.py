"""Nothing passes untested by accident (SPEC §12 rev 3): `apply` needs exactly one secret option, and a pass
says what it covered ("covered" in JSON, a sentence in human output) and what it did not try."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.servers import LOGIN, PASSWORD

CLI = Callable[..., Run]


def _apply(config: Path, host: str, port: int, *extra: str) -> list[str]:
    return ["apply", "--config", str(config), "--user", LOGIN, "--host", host, "--port", str(port), "--timeout", "5",
            *extra]  # fmt: skip


@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
def test_apply_without_a_secret_option_is_refused_naming_the_three(cli: CLI, tmp_path: Path, as_json: bool) -> None:
    config = tmp_path / "config.toml"
    run = cli(*_apply(config, "smtp.example.com", 465, "--security", "smtps", "--no-probe"),
              *(["--json"] if as_json else []))  # fmt: skip
    text = json.loads(run.out)["error"]["message"] if as_json else run.err
    assert run.code == 2 and not config.exists()
    assert all(option in text for option in ("--secret-stdin", "--keep-secret", "--no-secret"))


def test_apply_with_two_secret_options_is_refused(cli: CLI, tmp_path: Path) -> None:
    run = cli(*_apply(tmp_path / "config.toml", "smtp.example.com", 465, "--security", "smtps", "--no-secret",
                      "--keep-secret"))  # fmt: skip
    assert run.code == 2 and "--no-secret" in run.err


def test_a_pass_with_login_and_mail_covers_all_four(cli: CLI, smtp_server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    run = cli(*_apply(tmp_path / "config.toml", server.host, server.port, "--security", "starttls", "--ca-file",
                      str(server.ca_file), "--secret-stdin", "--send-to", LOGIN, "--json"), stdin=PASSWORD)  # fmt: skip
    payload = json.loads(run.out)
    assert run.code == 0 and payload["covered"] == ["connect", "tls", "login", "mail"]


def test_a_pass_without_password_or_recipient_says_what_it_did_not_try(cli: CLI, smtp_server, tmp_path: Path) -> None:
    server = smtp_server("plain", auth=False)
    args = _apply(tmp_path / "config.toml", server.host, server.port, "--security", "none", "--no-secret")
    human = cli(*args)
    assert human.code == 0
    assert "Tried and passed: connection." in human.out
    assert "no login tried (no password)" in human.out and "no test mail sent" in human.out
    payload = json.loads(cli(*args, "--json").out)
    assert payload["ok"] and payload["covered"] == ["connect"]


def test_a_pass_with_login_but_no_mail_says_no_test_mail_was_sent(cli: CLI, smtp_server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    run = cli(*_apply(tmp_path / "config.toml", server.host, server.port, "--security", "starttls", "--ca-file",
                      str(server.ca_file), "--secret-stdin"), stdin=PASSWORD)  # fmt: skip
    assert run.code == 0
    assert "Tried and passed: connection, encryption, login." in run.out and "no test mail sent" in run.out
