"""A tiny mail server on 127.0.0.1 for demo mode: it wants STARTTLS and a login, as a real provider does (so
a newcomer sees every step of the live test), accepts every message and keeps it for the last page.

The listening socket is bound at once (so its port is known before the window opens) and served on the
asyncio loop later, after the first window is shown: aiosmtpd and the certificate maker are imported only
then. The login is made here (shown to the user, filled in by the demo); the certificate at `start`.
"""

from __future__ import annotations

import secrets
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

HOSTNAME = "demo-mail-server.localhost"
LOGIN = "bomnipotent@example.com"


class _Collector:
    """aiosmtpd handler: keeps each message as text."""

    def __init__(self, received: list[str]) -> None:
        self._received = received

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.content
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else str(content)
        self._received.append(text.replace("\r\n", "\n"))
        return "250 Message accepted for delivery"


def _quiet_smtp(smtp: type[Any]) -> type[Any]:
    """aiosmtpd's server whose sessions take the login without the warning aiosmtpd prints after every AUTH
    (it sets its own deprecated `Session.login_data`): on a terminal the warning would land on the wizard."""
    from aiosmtpd.smtp import Session

    class QuietSession(Session):
        @property
        def login_data(self) -> Any:
            return self._login_data

        @login_data.setter
        def login_data(self, value: Any) -> None:
            self._login_data = value

    class QuietSMTP(smtp):  # type: ignore[misc]
        def _create_session(self) -> Any:
            return QuietSession(self.loop)

    return QuietSMTP


class DemoMailServer:
    def __init__(self, folder: Path) -> None:
        """`folder`: the demo's scratch folder, where the run's certificate authority is written."""
        self.folder = folder
        self.login = LOGIN
        self.password = secrets.token_urlsafe(9)  # this run's: shown to the user, filled in by the demo
        self.received: list[str] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)  # a client connecting before `start` waits in the backlog
        self.host, self.port = self._sock.getsockname()[:2]
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        if self._server is not None:
            return
        import asyncio

        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        from wizard.demo.certificate import make_server_context

        tls = make_server_context(self.folder)
        handler = _Collector(self.received)
        loop = asyncio.get_running_loop()

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = (
                isinstance(data, LoginPassword)
                and data.login == self.login.encode()
                and secrets.compare_digest(data.password, self.password.encode())
            )
            return AuthResult(success=ok, handled=False)

        server_class = _quiet_smtp(SMTP)
        self._server = await loop.create_server(
            lambda: server_class(
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
            sock=self._sock,
        )

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self._sock.close()
