"""`check` and `apply` report the sender domain's SPF, DMARC and DKIM (SPEC §11): in JSON as `"deliverability"`,
for people after the checklist; the exit code stays the test's. DNS comes from a responder on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.cli.test_probing_commands import apply_args
from tests.deliverability.conftest import txt
from tests.deliverability.served import records
from tests.discovery.dns_responder import Zone
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from wizard.deliverability.dns_lookup import DNS_SERVER_ENV

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]
DOMAIN = LOGIN.rpartition("@")[2]
__all__ = ["records"]  # the fixture


def written_config(cli: CLI, server: SmtpServer, tmp_path: Path) -> Path:
    config = tmp_path / "config.toml"
    assert cli(*apply_args(config, server, "starttls", "--secret-stdin"), stdin=PASSWORD).code == 0
    return config


def check_json(cli: CLI, config: Path, server: SmtpServer) -> tuple[int, dict[str, object]]:
    run = cli("check", "--config", str(config), "--ca-file", str(server.ca_file), "--json")
    return run.code, json.loads(run.out)


def test_check_json_carries_the_spec_shape(cli: CLI, smtp_server: Server, tmp_path: Path, records: Zone) -> None:
    records.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    records.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=reject"))
    server = smtp_server("starttls")
    code, payload = check_json(cli, written_config(cli, server, tmp_path), server)
    assert code == 0
    found = payload["deliverability"]
    assert isinstance(found, dict) and found["domain"] == DOMAIN
    assert found["spf"]["status"] == "pass" and found["spf"]["estimate"] is True
    assert found["spf"]["record"] == "v=spf1 ip4:127.0.0.1 -all"
    assert found["dmarc"] == {
        "status": "present",
        "policy": "reject",
        "record": "v=DMARC1; p=reject",
        "advice": found["dmarc"]["advice"],
    }
    assert found["dkim"]["status"] == "unknown_selector" and found["dkim"]["selectors"] == []


def test_failing_spf_leaves_the_exit_code_of_the_passed_test(
    cli: CLI, smtp_server: Server, tmp_path: Path, records: Zone
) -> None:
    records.add(DOMAIN, "TXT", txt("v=spf1 -all"))
    server = smtp_server("starttls")
    code, payload = check_json(cli, written_config(cli, server, tmp_path), server)
    assert code == 0 and payload["ok"] is True
    assert payload["deliverability"]["spf"]["status"] == "fail"  # type: ignore[index]


def test_failed_test_reports_deliverability_not_checked(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    run = cli(*apply_args(config, server, "starttls", "--secret-stdin", "--json"), stdin="wrong")
    payload = json.loads(run.out)
    assert run.code == 1
    assert {payload["deliverability"][name]["status"] for name in ("spf", "dmarc", "dkim")} == {"not_checked"}


def test_apply_prints_the_verdicts_after_a_pass(cli: CLI, smtp_server: Server, tmp_path: Path, records: Zone) -> None:
    records.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.1 ~all"))
    server = smtp_server("starttls")
    run = cli(*apply_args(tmp_path / "config.toml", server, "starttls", "--secret-stdin"), stdin=PASSWORD)
    assert run.code == 0, run.out + run.err
    assert f"Deliverability of mail from {DOMAIN}" in run.out
    assert "SPF — softfail (estimate):" in run.out and "DMARC — missing:" in run.out


def test_check_prints_the_verdicts_in_german(cli: CLI, smtp_server: Server, tmp_path: Path, records: Zone) -> None:
    server = smtp_server("starttls")
    config = written_config(cli, server, tmp_path)
    run = cli("--lang", "de", "check", "--config", str(config), "--ca-file", str(server.ca_file))
    assert run.code == 0, run.out + run.err
    assert f"Zustellbarkeit von Mails aus {DOMAIN}" in run.out
    assert "Die Domain veröffentlicht keinen SPF-Eintrag" in run.out


def test_malformed_dns_hook_is_reported_in_the_verdicts_not_as_a_traceback(
    cli: CLI, smtp_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = smtp_server("starttls")
    config = written_config(cli, server, tmp_path)
    monkeypatch.setenv(DNS_SERVER_ENV, "dns.example:53")
    run = cli("check", "--config", str(config), "--ca-file", str(server.ca_file), "--lang", "de")
    assert run.code == 0 and "Traceback" not in run.out + run.err
    assert "SMTP_WIZARD_DNS_SERVER ist „dns.example:53“" in run.out
