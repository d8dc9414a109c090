"""The test mail: a proper message that says which machine and settings sent it, never the secret."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from wizard.core.endpoint import route_for, server_address, smtp_table_for
from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.core.name_syntax import InvalidName, ascii_name
from wizard.core.settings import Settings, validate_address, validate_user


@dataclass(frozen=True)
class TestMessage:
    sender: str  # the MAIL FROM address: `user`, as the server sends (SPEC §2 rev 2)
    recipient: str
    message_id: str
    data: bytes  # CRLF line endings, ready for DATA
    smtputf8: bool  # an address needs the SMTPUTF8 extension


def _ascii_domain(address: str) -> str:
    domain = address.rpartition("@")[2] if "@" in address else "localhost"  # a login that is no address
    try:
        return domain if domain.isascii() else ascii_name(domain)
    except InvalidName:
        return "localhost"


def _address(value: str, field_name: str) -> Address:
    local, _, domain = value.rpartition("@")
    try:
        return Address(username=local, domain=domain)
    except (ValueError, IndexError):
        raise ValidationError(field_name, "validation.address_invalid", address=value, reason="") from None


def describe_route(settings: Settings) -> str:
    """`host:port (mode)`: where the server will connect, the mode named in the current language."""
    route = route_for(settings)
    return f"{route.host}:{route.port} ({tr(f'diagnosis.security.{route.security.value}')})"


def build_test_message(
    settings: Settings,
    send_to: str | None = None,
    *,
    now: datetime | None = None,
    machine: str | None = None,
    logs_in: bool = True,
) -> TestMessage:
    """The message for `settings` to `send_to`, sent as the server sends: MAIL FROM and From are the `user`
    of the table (`smtp_table_for`: as written; validated settings have an international domain in
    punycode), with no display name (BOMnipotent's `[smtp]` has none). `send_to` defaults to `user` when that
    is an address; otherwise it is required (ValidationError "send_to"); its domain goes out as punycode.
    CR/LF in any address is refused. `smtputf8` is set when an address is not ASCII. `logs_in`: whether
    the probe logs in before sending (the body says so, and names the login only then)."""
    validate_user(settings.user)
    sender = smtp_table_for(settings).user
    if send_to is None and not settings.user_is_address:
        raise ValidationError("send_to", "validation.address_empty")
    recipient = server_address(validate_address(send_to if send_to is not None else settings.user, "send_to"))
    when = (now or datetime.now().astimezone()).replace(microsecond=0)
    host = machine or socket.gethostname()
    smtputf8 = not (sender.isascii() and recipient.isascii())

    msg = EmailMessage(policy=policy.SMTPUTF8 if smtputf8 else policy.SMTP)
    msg["Date"] = format_datetime(when)
    message_id = make_msgid(idstring="smtp-wizard", domain=_ascii_domain(sender))
    msg["Message-ID"] = message_id
    msg["From"] = _address(sender, "user")
    msg["To"] = _address(recipient, "send_to")
    msg["Subject"] = tr("probe.message.subject")
    msg["X-Mailer"] = "SMTP Setup Wizard"
    login = tr("faces.mail.login", user=sender) if logs_in else tr("faces.mail.no_login")
    body = tr("faces.mail.body", machine=host, time=when.isoformat(), route=describe_route(settings), login=login)
    msg.set_content(body, charset="utf-8")
    return TestMessage(sender, recipient, message_id, msg.as_bytes(), smtputf8)
