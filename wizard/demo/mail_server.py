"""A tiny mail server on 127.0.0.1 for demo mode: accepts every message and keeps it for the last page.

The listening socket is bound at once (so its port is known before the window opens) and served on the
asyncio loop later, after the first window is shown: aiosmtpd is imported only then.
"""

from __future__ import annotations

import asyncio
import socket
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

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


class DemoMailServer:
    def __init__(self) -> None:
        self.received: list[str] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)  # a client connecting before `start` waits in the backlog
        self.host, self.port = self._sock.getsockname()[:2]
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        if self._server is not None:
            return

        from aiosmtpd.smtp import SMTP  # lazy: aiosmtpd only when the demo server starts

        handler = _Collector(self.received)
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: SMTP(handler, hostname=HOSTNAME, ident="BOMnipotent demo mail server", loop=loop),
            sock=self._sock,
        )

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
        self._sock.close()
