"""The demo mail server's serving side: aiosmtpd on the socket `DemoMailServer` bound, with STARTTLS from
this run's certificate authority and the run's login (SMTP AUTH after STARTTLS, as providers do on port 587).

Imported when the demo server starts, after the first window is shown (the demo's lazy seam, see
`wizard.demo.mail_server`): aiosmtpd, ssl and cryptography are not needed before.
"""

from __future__ import annotations

import asyncio
import secrets
import socket
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, Session

from wizard.demo.certificate import make_server_context

HOSTNAME = "demo-mail-server.localhost"


class _Collector:
    """aiosmtpd handler: keeps each message as text."""

    def __init__(self, received: list[str]) -> None:
        self._received = received

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.content
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else str(content)
        self._received.append(text.replace("\r\n", "\n"))
        return "250 Message accepted for delivery"


class QuietSession(Session):
    """An aiosmtpd session that takes the login without the warning aiosmtpd prints after every AUTH (it sets
    its own deprecated `Session.login_data`): on a terminal the warning would land on the wizard."""

    @property
    def login_data(self) -> Any:
        return self._login_data

    @login_data.setter
    def login_data(self, value: Any) -> None:
        self._login_data = value


class QuietSMTP(SMTP):
    """aiosmtpd's server with `QuietSession`s."""

    def _create_session(self) -> Session:
        return QuietSession(self.loop)


async def serve(sock: socket.socket, ca_file: Path, received: list[str], login: str, password: str) -> asyncio.Server:
    """Serve SMTP on `sock` (bound and listening) on the running loop: the run's authority is written to
    `ca_file`; every message is appended to `received` as text; only `login` with `password` may send."""
    tls = make_server_context(ca_file)
    handler = _Collector(received)
    loop = asyncio.get_running_loop()

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login == login.encode()
            and secrets.compare_digest(data.password, password.encode())
        )
        return AuthResult(success=ok, handled=False)

    return await loop.create_server(
        lambda: QuietSMTP(
            handler,
            hostname=HOSTNAME,
            ident="BOMnipotent demo mail server",
            loop=loop,
            tls_context=tls,
            require_starttls=True,  # as providers do on port 587: nothing before STARTTLS
            authenticator=authenticate,
            auth_required=True,
            auth_require_tls=True,
        ),
        sock=sock,
    )
