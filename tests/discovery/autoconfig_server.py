"""A real HTTPS server on 127.0.0.1 (trustme certificate, the test's own loop) serving autoconfig documents,
plus a plain-HTTP twin, and the AutoconfigLookups that point discovery at them through injected base URLs.

Routes map a path (query string included, as sent) to a Reply: status, headers, body, an optional delay
before answering, or a body streamed in pieces without Content-Length. Every request is recorded."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from dataclasses import dataclass, field

import trustme

from wizard.discovery.autoconfig import AutoconfigLookups, AutoconfigUrls
from wizard.discovery.https_fetch import HttpsFetcher


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/xml"})
    delay: float = 0.0  # seconds before the answer starts
    stream_bytes: int = 0  # > 0: send this many bytes of filler in 64 KiB pieces, without Content-Length


class DocumentServer:
    def __init__(self, ca: trustme.CA, *, tls: bool = True, names: tuple[str, ...] = ("127.0.0.1",)) -> None:
        self._tls = tls
        self._context: ssl.SSLContext | None = None
        if tls:
            self._context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert(*names).configure_cert(self._context)
        self.routes: dict[str, Reply] = {}
        self.requests: list[str] = []
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def base(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    async def start(self) -> DocumentServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, ssl=self._context)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    async def close(self) -> None:
        for writer in list(self._writers):
            writer.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ")[1].decode("ascii")
            self.requests.append(path)
            reply = self.routes.get(path, Reply(b"not found", status=404))
            if reply.delay:
                await asyncio.sleep(reply.delay)
            headers = dict(reply.headers)
            if not reply.stream_bytes and "Content-Length" not in headers:
                headers["Content-Length"] = str(len(reply.body))
            lines = [f"HTTP/1.1 {reply.status} X"] + [f"{k}: {v}" for k, v in headers.items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
            if reply.stream_bytes:
                piece = b"<" + b"x" * (64 * 1024 - 1)
                for _ in range(reply.stream_bytes // len(piece)):
                    writer.write(piece)
                    await writer.drain()
            else:
                writer.write(reply.body)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, IndexError):
            pass  # the client gave up (as it should for a refused document)
        finally:
            self._writers.discard(writer)
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


def lookups_for(server: DocumentServer, ca: trustme.CA, *, timeout: float = 4.0) -> AutoconfigLookups:
    """Discovery's HTTPS lookups with every base URL injected to point at `server` (trusting only `ca`)."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    base = server.base
    urls = AutoconfigUrls(
        domain_config=base + "/autoconfig/{domain}/mail/config-v1.1.xml?emailaddress={address}",
        well_known=base + "/wellknown/{domain}/.well-known/autoconfig/mail/config-v1.1.xml",
        ispdb=base + "/ispdb/v1.1/{domain}",
    )
    return AutoconfigLookups(fetcher=HttpsFetcher(context=context, timeout=timeout), urls=urls)


def document(*servers: str, domain: str = "example.com") -> bytes:
    """A clientConfig document with these <outgoingServer> elements (and an IMAP server, to be ignored)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<clientConfig version="1.1">\n'
        f'  <emailProvider id="{domain}">\n    <domain>{domain}</domain>\n'
        '    <incomingServer type="imap"><hostname>imap.example.com</hostname><port>993</port>'
        "<socketType>SSL</socketType><username>%EMAILADDRESS%</username>"
        "<authentication>password-cleartext</authentication></incomingServer>\n"
        + "".join(servers)
        + "  </emailProvider>\n</clientConfig>\n"
    ).encode()


def smtp(host: str, port: int, socket_type: str, username: str = "%EMAILADDRESS%", *auth: str) -> str:
    """One <outgoingServer type="smtp"> element."""
    methods = "".join(f"<authentication>{a}</authentication>" for a in (auth or ("password-cleartext",)))
    user = f"<username>{username}</username>" if username else ""
    return (
        f'    <outgoingServer type="smtp"><hostname>{host}</hostname><port>{port}</port>'
        f"<socketType>{socket_type}</socketType>{user}{methods}</outgoingServer>\n"
    )
