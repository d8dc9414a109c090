"""An international sender (SPEC §4 rev 2): the domain goes out as punycode, the way it is written, so the
server's MAIL FROM and the probe's agree with or without SMTPUTF8; a non-ASCII local part without SMTPUTF8
gets a clear diagnosis instead of `unexpected`."""

from __future__ import annotations

from wizard.core.endpoint import smtp_table_for
from wizard.probe.engine import run_probe
from wizard.probe.report import StepName

IDN_USER = "info@bücher.de"
PUNYCODE_USER = "info@xn--bcher-kva.de"


def _failed_step(report):
    return next(step.name for step in report.steps if str(step.status) == "failed")


async def test_an_international_sender_domain_goes_out_as_punycode_without_smtputf8(smtp_server):
    server = smtp_server("plain", auth=False, smtputf8=False)
    settings = server.settings(user=IDN_USER)
    report = await run_probe(server.request(settings, secret=None, send_to="ops@example.com"))
    assert report.ok, report.diagnosis
    assert server.messages[0].mail_from == PUNYCODE_USER == smtp_table_for(settings).user
    assert server.messages[0].message["From"].addresses[0].addr_spec == PUNYCODE_USER


async def test_the_sender_is_the_same_punycode_address_when_the_server_offers_smtputf8(smtp_server):
    server = smtp_server("plain", auth=False)
    report = await run_probe(server.request(server.settings(user=IDN_USER), secret=None, send_to="ops@example.com"))
    assert report.ok, report.diagnosis
    assert server.messages[0].mail_from == PUNYCODE_USER


async def test_a_non_ascii_local_part_without_smtputf8_is_diagnosed_not_unexpected(smtp_server):
    server = smtp_server("plain", auth=False, smtputf8=False)
    settings = server.settings(user="jürgen@example.com")
    report = await run_probe(server.request(settings, secret=None, send_to="ops@example.com"))
    assert str(report.diagnosis.code) == "sender_rejected"
    assert report.diagnosis.advice_id == "sender_needs_smtputf8" and "SMTPUTF8" in report.diagnosis.advice
    assert _failed_step(report) is StepName.MAIL_FROM
    assert server.messages == []


async def test_a_non_ascii_local_part_of_the_recipient_without_smtputf8_is_diagnosed(smtp_server):
    server = smtp_server("plain", auth=False, smtputf8=False)
    report = await run_probe(server.request(server.settings(), secret=None, send_to="jürgen@example.com"))
    assert str(report.diagnosis.code) == "recipient_rejected"
    assert report.diagnosis.advice_id == "recipient_needs_smtputf8"
    assert _failed_step(report) is StepName.RCPT_TO


async def test_an_international_recipient_domain_is_sent_as_punycode(smtp_server):
    server = smtp_server("plain", auth=False, smtputf8=False)
    report = await run_probe(server.request(server.settings(), secret=None, send_to="ops@bücher.de"))
    assert report.ok, report.diagnosis
    assert server.messages[0].rcpt_tos == ["ops@xn--bcher-kva.de"]


async def test_a_hand_written_international_domain_is_tested_as_the_server_sends_it(smtp_server):
    """`check` reads the file as it is: a Unicode domain there is what the server sends, which needs SMTPUTF8."""
    server = smtp_server("plain", auth=False, smtputf8=False)
    settings = server.settings().with_changes(user=IDN_USER)  # as read from config.toml, not normalised
    report = await run_probe(server.request(settings, secret=None, send_to="ops@example.com"))
    assert str(report.diagnosis.code) == "sender_rejected"
    assert report.diagnosis.advice_id == "sender_needs_smtputf8_domain" and "xn--" in report.diagnosis.advice
    with_utf8 = smtp_server("plain", auth=False)
    report = await run_probe(with_utf8.request(settings, secret=None, send_to="ops@example.com"))
    assert report.ok and with_utf8.messages[0].mail_from == IDN_USER
