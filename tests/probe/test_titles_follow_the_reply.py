"""Titles follow the server's reply, not the step it came at (SPEC §12 rev 3): "530 Must issue a STARTTLS
command first" at MAIL FROM without a password is about encryption, not "no password was given"."""

from __future__ import annotations

from tests.support.scripted_server import Script
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.diagnosis import localized
from wizard.probe.engine import ProbeRequest, run_probe


async def test_starttls_first_without_a_password_is_titled_by_encryption(scripted_server) -> None:
    server = scripted_server(Script(replies={"MAIL": b"530 5.7.0 Must issue a STARTTLS command first\r\n"}))
    settings = Settings(user="me@example.org", host="mail.example.org", port=25, security=Security.NONE,
                        secret_source=SecretSource.NONE).validated()  # fmt: skip
    request = ProbeRequest(settings, None, send_to="friend@example.net", timeout=3, deadline=10,
                           connect_to=("127.0.0.1", server.port), ehlo_hostname="client.test")  # fmt: skip
    diagnosis = (await run_probe(request)).diagnosis
    assert diagnosis.advice_id == "starttls_first"
    assert diagnosis.title == "The server wants the connection encrypted first"
    assert "password" not in (diagnosis.title + diagnosis.meaning).lower()
    assert localized(diagnosis, "de").title == "Der Server verlangt zuerst eine verschlüsselte Verbindung"
