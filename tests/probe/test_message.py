"""The test message: proper headers, UTF-8 safe, no secret, header injection refused."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

import pytest

from wizard.core.errors import ValidationError
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.engine import run_probe
from wizard.probe.message import build_test_message

SECRET = "top-secret-value"


def _settings(**changes) -> Settings:
    values = dict(user="bom@example.com", host="smtp.example.com", port=465, security=Security.SMTPS,
                  secret_source=SecretSource.NEW, secret=Secret(SECRET))
    values.update(changes)
    return Settings(**values)


def _parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def test_message_has_date_message_id_from_to_subject():
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    built = build_test_message(_settings(), "ops@example.org", now=when, machine="host1")
    msg = _parse(built.data)
    assert msg["Date"].datetime == when
    assert msg["Message-ID"] == built.message_id and built.message_id.endswith("@example.com>")
    assert str(msg["From"]) == "bom@example.com"
    assert msg["To"] == "ops@example.org"
    assert msg["Subject"]


def test_from_and_mail_from_are_user_without_a_display_name():
    built = build_test_message(_settings(), "ops@example.org")
    assert built.sender == "bom@example.com"
    assert _parse(built.data)["From"].addresses[0].display_name == ""


def test_recipient_defaults_to_user_when_it_is_an_address():
    built = build_test_message(_settings())
    assert built.recipient == "bom@example.com"
    assert _parse(built.data)["To"] == "bom@example.com"


def test_a_login_that_is_not_an_address_is_still_the_sender_but_needs_a_recipient():
    built = build_test_message(_settings(user="apikey"), "ops@example.org")
    assert built.sender == "apikey"  # what the server would send as: the test does the same
    with pytest.raises(ValidationError) as caught:
        build_test_message(_settings(user="apikey"))
    assert caught.value.field == "send_to"


def test_body_names_machine_time_and_settings_but_not_the_secret():
    built = build_test_message(_settings(), machine="build-host-7")
    body = _parse(built.data).get_content()
    assert "build-host-7" in body
    assert "smtp.example.com:465 (implicit TLS)" in body
    assert SECRET not in built.data.decode("utf-8", "replace")


def test_lines_end_in_crlf():
    data = build_test_message(_settings()).data
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("field", "changes", "send_to"),
    [
        ("user", {"user": "bom@example.com\r\nBcc: victim@example.com"}, None),
        ("send_to", {}, "ops@example.org\nBcc: victim@example.com"),
    ],
)
def test_line_breaks_in_any_address_or_name_are_refused(field, changes, send_to):
    with pytest.raises(ValidationError) as caught:
        build_test_message(_settings(**changes), send_to)
    assert caught.value.field == field


async def test_an_internationalised_address_is_sent_with_smtputf8(smtp_server):
    server = smtp_server("plain")
    settings = server.settings(user="jürgen@example.com")
    report = await run_probe(server.request(settings, secret=None, send_to="jürgen@example.com"))
    assert report.ok, report.diagnosis
    assert server.messages[0].mail_from == "jürgen@example.com"
    assert _parse(server.messages[0].data)["To"] == "jürgen@example.com"
