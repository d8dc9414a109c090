"""A small, strict HTTPS GET for autoconfig documents: verified TLS, one deadline, a size limit, and redirects
that may only lead to HTTPS again.

Native asyncio (standard library only), so the discovery deadline and the GUI's Cancel stop a download at
once — no worker thread is left behind. The request is HTTP/1.0 with `Connection: close`: the answer then
never uses chunked transfer coding (RFC 9112 §6.1), and its body ends with the connection or after
`Content-Length` bytes. Host names are resolved as the system resolves them (getaddrinfo, which honours
/etc/hosts and the name service switch, like browsers and Thunderbird), or with an injected dnspython
resolver (tests that confine DNS to a loopback name server); IP literals are used as they are. The
certificate is always checked against the host name of the URL (the ssl context's `check_hostname`).
"""

from __future__ import annotations

import asyncio
import http.client
import io
import ipaddress
import logging
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import dns.asyncresolver
import dns.exception

from wizard import __version__

log = logging.getLogger(__name__)

FETCH_TIMEOUT = 4.0  # seconds for one document, redirects included
MAX_DOCUMENT_BYTES = 512 * 1024  # real autoconfig documents are a few KiB; anything near this is not one
MAX_HEADER_BYTES = 32 * 1024
MAX_REDIRECTS = 3
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """The document could not be fetched; `reason` is a short English word for logs and tests (never shown
    as a user message: a failed lookup simply contributes no suggestion)."""

    def __init__(self, reason: str, url: str) -> None:
        super().__init__(f"{reason}: {url}")
        self.reason = reason
        self.url = url


def tls_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """A verifying client context: the system trust store, or only `ca_file` (a PEM bundle) when given."""
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


@dataclass(frozen=True)
class HttpsFetcher:
    """GET over HTTPS only. `get(url)` returns the body (bytes, at most `max_bytes`) of a 200 answer or
    raises FetchError (also for timeouts, TLS and network failures); cancellation propagates."""

    context: ssl.SSLContext = field(default_factory=tls_context)
    resolver: dns.asyncresolver.Resolver | None = None  # None: the system's getaddrinfo
    timeout: float = FETCH_TIMEOUT
    max_bytes: int = MAX_DOCUMENT_BYTES
    max_redirects: int = MAX_REDIRECTS

    async def get(self, url: str) -> bytes:
        try:
            async with asyncio.timeout(self.timeout):
                for _ in range(self.max_redirects + 1):
                    status, headers, body = await self._once(url)
                    if status in REDIRECT_CODES and headers.get("Location"):
                        url = urljoin(url, headers["Location"])
                        continue
                    if status != 200:
                        raise FetchError(f"status {status}", url)
                    return body
                raise FetchError("too many redirects", url)
        except TimeoutError:
            raise FetchError("timeout", url) from None
        except (OSError, dns.exception.DNSException, UnicodeError, ValueError, http.client.HTTPException) as exc:
            raise FetchError(exc.__class__.__name__, url) from None

    async def _once(self, url: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise FetchError("not https", url)  # also every redirect target: never plain HTTP
        host, port = parts.hostname, parts.port or 443
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        reader, writer = await self._connect(host, port, url)
        try:
            authority = host if port == 443 else f"{host}:{port}"
            if ":" in host:
                authority = f"[{host}]" if port == 443 else f"[{host}]:{port}"
            request = (
                f"GET {target} HTTP/1.0\r\nHost: {authority}\r\nUser-Agent: smtp-wizard/{__version__}\r\n"
                "Accept: application/xml, text/xml\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n"
            )
            writer.write(request.encode("ascii"))
            await writer.drain()
            return await self._response(reader, url)
        finally:
            writer.close()

    async def _connect(self, host: str, port: int, url: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        failure: Exception = FetchError("no address", url)
        for address in await self._addresses(host):
            try:
                return await asyncio.open_connection(
                    address, port, ssl=self.context, server_hostname=host, limit=MAX_HEADER_BYTES
                )
            except OSError as exc:  # ssl.SSLError included: a bad certificate is as good as no server
                failure = exc
        raise failure

    async def _addresses(self, host: str) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        if self.resolver is None:
            return [host]
        resolver = self.resolver

        async def records(rdtype: str) -> list[str]:
            try:
                answer = await resolver.resolve(host, rdtype, raise_on_no_answer=False)
            except dns.exception.DNSException as exc:
                log.debug("%s %s: %s", host, rdtype, exc.__class__.__name__)
                return []
            return [record.to_text() for record in answer.rrset or []]

        # Both at once; IPv6 first (RFC 8305), a host without an IPv6 route fails those at once and moves on.
        v6, v4 = await asyncio.gather(records("AAAA"), records("A"))
        return v6 + v4

    async def _response(self, reader: asyncio.StreamReader, url: str) -> tuple[int, http.client.HTTPMessage, bytes]:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.LimitOverrunError:
            raise FetchError("header too large", url) from None
        except asyncio.IncompleteReadError:
            raise FetchError("no answer", url) from None
        status_line, _, rest = head.partition(b"\r\n")
        version, _, code = status_line.decode("latin-1").partition(" ")
        if not version.startswith("HTTP/") or not code[:3].isdigit():
            raise FetchError("not HTTP", url)
        headers = http.client.parse_headers(io.BytesIO(rest))
        status = int(code[:3])
        if status != 200:
            return status, headers, b""
        length = headers.get("Content-Length")
        if length is not None and (not length.strip().isdigit() or int(length) > self.max_bytes):
            raise FetchError("too large", url)  # refused before reading a byte of the body
        body = bytearray()
        while chunk := await reader.read(64 * 1024):
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchError("too large", url)
        return status, headers, bytes(body)
