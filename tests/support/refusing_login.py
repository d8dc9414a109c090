"""A plain SMTP server on 127.0.0.1 that asks for a login and refuses every one: the failed test of the
terminal wizard's screenshots (docs/make_terminal_screenshots.py) and of its layout tests, one definition."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, Session


class _Accepting:
    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        return "250 OK"


def _refuse(*_args: object) -> AuthResult:
    return AuthResult(success=False, handled=False)


@contextmanager
def refusing_login_server() -> Iterator[int]:
    """Runs the server (plain SMTP, AUTH required and offered without TLS) for the `with` block; yields its port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(
        _Accepting(),
        hostname="127.0.0.1",
        port=port,
        authenticator=_refuse,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
