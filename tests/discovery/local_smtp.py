"""Minimal real SMTP servers on 127.0.0.1 (aiosmtpd on the test's own loop, ephemeral ports, trustme TLS),
a silent server that accepts and never speaks, and a real connection-only checker that maps the names
discovery guesses (smtp.example.com:465, ...) to those local ports."""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, field

import aiosmtplib
import trustme
from aiosmtpd.smtp import SMTP

from wizard.core.settings import Security
from wizard.discovery.candidate import Candidate

CERT_NAMES = ("smtp.example.com", "mail.example.com", "example.com", "smtp.gmail.com", "submit.example.net")


class LocalServers:
    """Starts servers on the running loop and closes them all at the end."""

    def __init__(self, ca: trustme.CA) -> None:
        self._server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        # The names discovery asks for, so a verifier that keeps the host name for TLS (the probe's
        # connect_to) sees a valid certificate for them.
        ca.issue_cert("127.0.0.1", *CERT_NAMES).configure_cert(self._server_tls)
        self._servers: list[asyncio.Server] = []
        self.silent_connections: set[asyncio.StreamWriter] = set()
        self.silent_accepted = 0

    async def implicit_tls(self) -> int:
        return await self._smtp(ssl_context=self._server_tls)

    async def starttls(self) -> int:
        return await self._smtp(tls_context=self._server_tls, require_starttls=True)

    async def plaintext(self) -> int:
        return await self._smtp()

    async def silent(self) -> int:
        """Accepts connections and never sends a greeting (a black-holed or wrong-mode port)."""

        async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.silent_accepted += 1
            self.silent_connections.add(writer)
            try:
                await reader.read()  # until the client goes away
            finally:
                self.silent_connections.discard(writer)
                writer.close()

        server = await asyncio.start_server(hold, "127.0.0.1", 0)
        self._servers.append(server)
        return int(server.sockets[0].getsockname()[1])

    async def _smtp(self, *, ssl_context: ssl.SSLContext | None = None, **options: object) -> int:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(_Sink(), hostname="mx.example.com", **options),  # type: ignore[arg-type]
            "127.0.0.1",
            0,
            ssl=ssl_context,
        )
        self._servers.append(server)
        return int(server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        for writer in list(self.silent_connections):
            writer.close()
        for server in self._servers:
            server.close()
        for server in self._servers:
            await server.wait_closed()


class _Sink:
    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        return "250 OK"


@dataclass
class LocalChecker:
    """A real connection-only check (TLS handshake as chosen, greeting, EHLO, no credentials) of each
    candidate against the local port its (host, port) is routed to; unrouted names fail like a refused port."""

    routes: dict[tuple[str, int], int]
    ca: trustme.CA
    timeout: float = 30.0
    calls: list[tuple[str, int]] = field(default_factory=list)
    finished: dict[tuple[str, int], float] = field(default_factory=dict)  # seconds each check took

    async def __call__(self, candidate: Candidate) -> bool:
        self.calls.append((candidate.host, candidate.port))
        port = self.routes.get((candidate.host, candidate.port))
        if port is None:
            return False
        context = ssl.create_default_context()
        self.ca.configure_trust(context)
        client = aiosmtplib.SMTP(
            hostname="127.0.0.1",
            port=port,
            use_tls=candidate.security is Security.SMTPS,
            start_tls=candidate.security is Security.STARTTLS,
            tls_context=context,
            timeout=self.timeout,
        )
        started = time.monotonic()
        try:
            await client.connect()
            await client.ehlo()
            return True
        except (aiosmtplib.SMTPException, OSError):
            return False
        finally:
            self.finished[(candidate.host, candidate.port)] = time.monotonic() - started
            client.close()
