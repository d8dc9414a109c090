"""Warnings in the probe report (SPEC §4 rev 2): a pass that trusted --ca-file says the server will not, a
login that is not an address and a domain off the internet are said, also on a pass; JSON `"warnings"`."""

from __future__ import annotations

import json

from tests.support.servers import LOGIN
from wizard.core.settings import SecretSource, Security
from wizard.core.warnings import WarningCode
from wizard.probe.diagnosis import Context, describe
from wizard.probe.engine import run_probe
from wizard.probe.report import DiagnosisCode


def codes(report) -> list[WarningCode]:
    return [w.code for w in report.warnings]


async def test_a_pass_that_trusted_the_extra_ca_warns_that_the_server_must_trust_it(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request())  # the request trusts the test CA through ca_file
    assert report.ok and codes(report) == [WarningCode.EXTRA_CA]
    text = report.warnings[0].text("en")
    assert str(server.ca_file) in text and "container image" in text and "trust store" in text
    payload = json.loads(json.dumps(report.to_json()))
    assert payload["warnings"][0]["code"] == "extra_ca" and payload["warnings"][0]["ca_file"] == str(server.ca_file)


async def test_a_plaintext_pass_with_a_ca_file_has_no_ca_warning(smtp_server):
    server = smtp_server("plain", auth=False)
    report = await run_probe(server.request(secret=None))
    assert report.ok and codes(report) == []
    assert report.to_json()["warnings"] == []


async def test_a_failed_probe_does_not_claim_the_ca_was_enough(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(secret="wrong"))
    assert not report.ok and WarningCode.EXTRA_CA not in codes(report)


async def test_a_login_that_is_not_an_address_is_warned_about_on_a_pass(smtp_server):
    server = smtp_server("plain", auth=False)
    settings = server.settings(user="apikey", secret_source=SecretSource.NONE)
    report = await run_probe(server.request(settings, secret=None, send_to=LOGIN))
    assert report.ok and codes(report) == [WarningCode.LOGIN_NOT_ADDRESS]


async def test_a_sender_domain_off_the_internet_is_warned_about_on_a_pass(smtp_server):
    server = smtp_server("plain", auth=False)
    settings = server.settings(user="root@localhost")
    report = await run_probe(server.request(settings, secret=None, send_to="root@localhost"))
    assert report.ok and codes(report) == [WarningCode.DOMAIN_NOT_PUBLIC]
    assert server.messages[0].mail_from == "root@localhost"


def test_cert_untrusted_advice_names_the_servers_trust_store_not_the_wizards_option():
    for host in ("mail.example.com", "127.0.0.1"):
        diagnosis = describe(DiagnosisCode.CERT_UNTRUSTED, Context(host, 465, Security.SMTPS, "a@example.com"))
        advice = diagnosis.advice
        assert "BOMnipotent runs on" in advice and "container image" in advice
        assert "CA file option" not in advice
