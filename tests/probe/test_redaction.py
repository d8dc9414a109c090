"""The secret appears in no report, transcript, JSON, step detail or log line, whatever the server does."""

from __future__ import annotations

import base64
import json
import logging

from tests.support.servers import LOGIN, PASSWORD
from wizard.probe.engine import run_probe

FORMS = [
    PASSWORD,
    base64.b64encode(PASSWORD.encode()).decode(),
    base64.b64encode(f"\0{LOGIN}\0{PASSWORD}".encode()).decode(),
]


def _assert_clean(text: str) -> None:
    for form in FORMS:
        assert form not in text


def _client_log(caplog) -> str:
    """Every captured log line except the test server's own (aiosmtpd logs what it sends as `mail.log`)."""
    return "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("mail.log"))


async def test_secret_is_in_no_output_of_a_successful_send(smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    server = smtp_server("starttls")
    report = await run_probe(server.request(send_to=LOGIN))
    assert report.ok and server.auth_attempts[0].success  # the secret really was used
    assert "C: AUTH PLAIN ***" in _client_log(caplog)  # the conversation is logged, redacted
    _assert_clean(json.dumps(report.to_json()))
    _assert_clean(repr(report))
    _assert_clean(_client_log(caplog))
    _assert_clean(server.messages[0].data.decode("utf-8", "replace"))
    assert "C: AUTH PLAIN ***" in report.transcript


async def test_secret_is_in_no_output_of_a_failed_login(smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    server = smtp_server("smtps", mechanisms=("LOGIN",), credentials={LOGIN: "something else"})
    report = await run_probe(server.request(send_to=LOGIN))
    assert str(report.diagnosis.code) == "auth_failed"
    _assert_clean(json.dumps(report.to_json()))
    _assert_clean(_client_log(caplog))
    assert "C: AUTH LOGIN ***" in report.transcript


async def test_a_server_echoing_the_secret_does_not_leak_it(smtp_server, caplog):
    caplog.set_level(logging.DEBUG)
    server = smtp_server("starttls", mail_reply=f"553 5.7.1 sender refused for password {PASSWORD}")
    report = await run_probe(server.request(send_to=LOGIN))
    assert str(report.diagnosis.code) == "sender_rejected"
    assert "***" in report.diagnosis.server_reply
    _assert_clean(json.dumps(report.to_json()))
    _assert_clean(_client_log(caplog))
