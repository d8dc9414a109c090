"""Real SMTP servers on 127.0.0.1 for the GUI tests: aiosmtpd in its own thread, with or without TLS and AUTH,
plus a silent one that accepts connections and never greets."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

LOGIN = "bom@example.com"
PASSWORD = 'Corr3ct-h0rse$battery"staple'  # quotes and $ exercise the .env escaping


@dataclass
class Inbox:
    """Keeps every message; refuses recipients whose mailbox is "nobody", as a real server refuses unknowns."""

    messages: list[str] = field(default_factory=list)
    mail_froms: list[str] = field(default_factory=list)  # the envelope sender (MAIL FROM) of each message

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        self.mail_froms.append(envelope.mail_from)
        return "250 OK"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == LOGIN
        and auth_data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@dataclass
class Server:
    host: str
    port: int
    inbox: Inbox


@contextmanager
def local_server(mode: str, tls: ssl.SSLContext | None = None, *, auth: bool = True) -> Iterator[Server]:
    """`mode`: "smtps" (implicit TLS), "starttls" (STARTTLS required) or "none" (plaintext relay)."""
    inbox = Inbox()
    kwargs: dict[str, Any] = {}
    if auth:
        # aiosmtpd counts only STARTTLS as TLS; an implicit-TLS connection is encrypted from the start.
        kwargs.update(authenticator=_authenticator, auth_required=True, auth_require_tls=mode == "starttls")
    if mode == "starttls":
        kwargs.update(tls_context=tls, require_starttls=True)
    port = _free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        ssl_context=tls if mode == "smtps" else None,
        server_hostname="localhost",
        **kwargs,
    )
    controller.start()
    try:
        yield Server("127.0.0.1", port, inbox)
    finally:
        controller.stop()


@contextmanager
def silent_server() -> Iterator[Server]:
    """Completes the TCP handshake (the kernel does, from the backlog) and then never says a word."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield Server("127.0.0.1", sock.getsockname()[1], Inbox())
    finally:
        sock.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
