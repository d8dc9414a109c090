"""The CLI writes only what the server reads the same way and says what the server will do differently:
internal addresses accepted with a warning, IPv6 in the bare-host forms, warnings in human output and JSON
(issue 11 items 1, 2, 4, 5)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.servers import LOGIN, PASSWORD, SmtpServer

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]


def _no_probe(config: Path, user: str, host: str = "smtp.example.com", *extra: str) -> list[str]:
    return ["apply", "--config", str(config), "--user", user, "--host", host, "--no-secret", "--no-probe", *extra]


def _smtp(config: Path) -> dict[str, object]:
    table = tomllib.loads(config.read_text())["smtp"]
    assert isinstance(table, dict)
    return table


@pytest.mark.parametrize("user", ["ops@example.test", "noreply@corp.local", "root@localhost"])
def test_an_internal_address_is_written_with_a_warning_in_words(cli: CLI, tmp_path: Path, user: str) -> None:
    config = tmp_path / "config.toml"
    run = cli(*_no_probe(config, user, "smtp.example.com", "--security", "smtps"))
    assert run.code == 0, run.err
    assert _smtp(config)["user"] == user
    assert "Warning:" in run.out and user.rpartition("@")[2] in run.out and "public internet" in run.out


def test_the_warning_is_in_json_with_its_code(cli: CLI, tmp_path: Path) -> None:
    run = cli(*_no_probe(tmp_path / "config.toml", "noreply@corp.local", "relay.corp.local", "--security", "none",
                         "--json"))  # fmt: skip
    payload = json.loads(run.out)
    assert run.code == 0 and payload["ok"]
    assert [w["code"] for w in payload["warnings"]] == ["domain_not_public"]
    assert "corp.local" in payload["warnings"][0]["message"]


def test_the_warning_is_german_with_lang_de(cli: CLI, tmp_path: Path) -> None:
    run = cli("--lang", "de", *_no_probe(tmp_path / "config.toml", "root@localhost", "localhost", "--security", "none"))
    assert run.code == 0, run.err
    assert "Warnung:" in run.out and "öffentlichen Internets" in run.out


def test_a_login_that_is_not_an_address_is_written_with_the_warning_and_the_two_ways_out(
    cli: CLI, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    run = cli(*_no_probe(config, "apikey", "smtp.sendgrid.net", "--security", "smtps", "--json"))
    payload = json.loads(run.out)
    assert run.code == 0 and _smtp(config)["user"] == "apikey"
    [warning] = payload["warnings"]
    assert warning["code"] == "login_not_address" and "msmtpd" in warning["message"]


@pytest.mark.parametrize(("security", "port", "starttls"), [("smtps", "465", None), ("starttls", "587", True)])
def test_an_ipv6_literal_is_written_in_the_bare_host_forms(
    cli: CLI, tmp_path: Path, security: str, port: str, starttls: bool | None
) -> None:
    config = tmp_path / "config.toml"
    run = cli(*_no_probe(config, LOGIN, "[2001:DB8::7]", "--security", security, "--port", port))
    assert run.code == 0, run.err
    assert _smtp(config)["endpoint"] == "2001:db8::7" and _smtp(config).get("starttls") == starttls


def test_host_names_are_written_in_lower_case_and_idn_as_punycode(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    run = cli(*_no_probe(config, "Info@Bücher.de", "SMTP.Bücher.DE", "--security", "starttls", "--port", "2525"))
    assert run.code == 0, run.err
    assert _smtp(config)["endpoint"] == "smtp://smtp.xn--bcher-kva.de:2525?tls=required"
    assert _smtp(config)["user"] == "Info@xn--bcher-kva.de"


def test_a_pass_with_ca_file_warns_that_the_server_must_trust_the_ca(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    args = ["apply", "--config", str(config), "--user", LOGIN, "--host", server.host, "--port", str(server.port),
            "--security", "starttls", "--ca-file", str(server.ca_file), "--timeout", "5", "--secret-stdin"]  # fmt: skip
    run = cli(*args, stdin=PASSWORD)
    assert run.code == 0, run.out + run.err
    assert "Warning:" in run.out and str(server.ca_file) in run.out and "container image" in run.out
    check = cli("check", "--config", str(config), "--ca-file", str(server.ca_file), "--json")
    payload = json.loads(check.out)
    # (this machine's EHLO name may add its own warning: tests/cli/test_ehlo_name_cli.py pins that one)
    assert payload["ok"] and [w["code"] for w in payload["warnings"] if not w["code"].startswith("ehlo_")] == [
        "extra_ca"
    ]


def test_json_always_has_a_warnings_list(cli: CLI, tmp_path: Path) -> None:
    run = cli(*_no_probe(tmp_path / "nowhere" / "config.toml", LOGIN, "smtp.example.com", "--security", "smtps",
                         "--json"))  # fmt: skip
    payload = json.loads(run.out)
    assert run.code == 3 and payload["warnings"] == []


def test_check_explains_an_existing_ipv6_url_endpoint_the_server_cannot_use(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.com"\nendpoint = "smtp://[::1]:25"\n')
    run = cli("check", "--config", str(config))
    assert run.code == 3
    assert "smtp://[::1]:25" in run.err and "brackets" in run.err


def test_show_says_what_the_server_will_send_as(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "apikey"\nendpoint = "smtp.sendgrid.net"\n')
    human = cli("show", "--config", str(config))
    assert human.code == 0 and "Warning:" in human.out and "apikey" in human.out
    payload = json.loads(cli("show", "--config", str(config), "--json").out)
    assert [w["code"] for w in payload["warnings"]] == ["login_not_address"]


def test_a_non_ascii_local_part_without_smtputf8_is_a_clear_diagnosis_and_nothing_is_written(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("plain", auth=False, smtputf8=False)
    config = tmp_path / "config.toml"
    args = ["apply", "--config", str(config), "--user", "jürgen@example.com", "--host", server.host,
            "--port", str(server.port), "--security", "none", "--no-secret", "--send-to", "ops@example.com",
            "--json"]  # fmt: skip
    run = cli(*args)
    payload = json.loads(run.out)
    assert run.code == 1 and not config.exists()
    assert payload["diagnosis"]["code"] == "sender_rejected" and "SMTPUTF8" in payload["diagnosis"]["advice"]


def test_an_international_domain_is_written_and_sent_as_punycode_without_smtputf8(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("plain", auth=False, smtputf8=False)
    config = tmp_path / "config.toml"
    args = ["apply", "--config", str(config), "--user", "info@bücher.de", "--host", server.host, "--port",
            str(server.port), "--security", "none", "--no-secret", "--send-to", "ops@example.com"]  # fmt: skip
    run = cli(*args)
    assert run.code == 0, run.out + run.err
    assert _smtp(config)["user"] == server.messages[0].mail_from == "info@xn--bcher-kva.de"
