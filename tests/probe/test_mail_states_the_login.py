"""The test mail says what took place: "Logged in as …" only when the probe logged in, else that the server
took the mail without a login (no "Login:" line that claims one) — real loopback servers."""

from __future__ import annotations

from tests.support.servers import LOGIN
from wizard.core.i18n import tr
from wizard.probe.engine import run_probe


async def test_a_mail_sent_after_a_login_names_the_login(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(send_to="ops@example.com"))
    assert report.ok, report.diagnosis
    body = server.messages[0].message.get_content()
    assert tr("faces.mail.login", user=LOGIN) in body
    assert tr("faces.mail.no_login") not in body


async def test_a_mail_sent_without_a_login_says_none_took_place(smtp_server):
    server = smtp_server("plain", auth=False)
    report = await run_probe(server.request(secret=None, send_to="ops@example.com"))
    assert report.ok, report.diagnosis
    body = server.messages[0].message.get_content()
    assert tr("faces.mail.no_login") in body
    assert LOGIN not in body.split(tr("faces.mail.no_login"))[0].splitlines()[-1]
    assert "Login: " + LOGIN not in body and tr("faces.mail.login", user=LOGIN) not in body
