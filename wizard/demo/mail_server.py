"""A tiny mail server on 127.0.0.1 for demo mode: it wants STARTTLS and a login, as a real provider does (so
a newcomer sees every step of the live test), accepts every message and keeps it for the last page.

The listening socket is bound at once (so its port is known before the window opens) and served on the
asyncio loop later, after the first window is shown: the demo's one lazy seam, `wizard.demo.serving`
(aiosmtpd, ssl and the certificate maker with cryptography), is imported only then. The login is made
here (shown to the user, filled in by the demo); the certificate at `start`.
"""

from __future__ import annotations

import secrets
import socket
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio

LOGIN = "bomnipotent@example.com"
CA_NAME = "demo-ca.pem"  # the run's certificate authority, in the demo's scratch folder


class DemoMailServer:
    def __init__(self, folder: Path) -> None:
        """`folder`: the demo's scratch folder, where the run's certificate authority is written."""
        self.folder = folder
        self.ca_file = folder / CA_NAME  # written at `start`
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
        from wizard.demo import serving  # lazy: the demo's seam: aiosmtpd, ssl and cryptography when it starts

        self._server = await serving.serve(self._sock, self.ca_file, self.received, self.login, self.password)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self._sock.close()
