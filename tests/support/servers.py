"""Real SMTP servers on 127.0.0.1 for tests: aiosmtpd in plain, STARTTLS and implicit-TLS modes (with AUTH and
scriptable refusals), and raw scripted fault servers for what a well-behaved server never does.

Each server records what it saw (messages, AUTH attempts, whether an AUTH command came before TLS, open
connections), so a test can assert the client's behaviour, not only its report.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from enum import StrEnum
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session, syntax

from tests.support.certs import CertKind, TlsMaterial
from tests.support.loop_thread import LoopThread
from wizard.core.secret import Secret
from wizard.core.settings import DEFAULT_PORTS, SecretSource, Security, Settings
from wizard.demo.serving import QuietSMTP

HOST = "127.0.0.1"
LOGIN = "sender@example.com"
PASSWORD = "Corr3ct horse:battery staple!"  # the secret every test server accepts for LOGIN


class Mode(StrEnum):
    PLAIN = "plain"  # no TLS at all
    STARTTLS = "starttls"  # plaintext greeting, STARTTLS offered
    SMTPS = "smtps"  # implicit TLS from the first byte


_SECURITY = {Mode.PLAIN: Security.NONE, Mode.STARTTLS: Security.STARTTLS, Mode.SMTPS: Security.SMTPS}


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll `predicate` (the server thread updates state asynchronously); True once it holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.005)
    return predicate()


@dataclass(frozen=True)
class AuthCommand:
    mechanism: str
    tls: bool  # whether the connection was encrypted when the AUTH command arrived


@dataclass(frozen=True)
class AuthAttempt:
    mechanism: str
    login: str
    success: bool
    tls: bool


@dataclass(frozen=True)
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls: bool
    login: str | None  # who was authenticated, if anyone

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class _Endpoint:
    """What both kinds of test server share: address, connection bookkeeping, helpers to build requests."""

    mode: Mode
    ca_file: Path | None

    def __init__(self, loop: LoopThread) -> None:
        self._loop = loop
        self._server: asyncio.Server | None = None
        self._open: set[Any] = set()
        self.host = HOST
        self.port = 0
        self.connections = 0  # accepted so far
        self.auth_commands: list[AuthCommand] = []

    @property
    def open_connections(self) -> int:
        return len(self._open)

    @property
    def auth_before_tls(self) -> bool:
        """Whether any AUTH command (and so a credential) arrived on a connection that was not encrypted."""
        return any(not cmd.tls for cmd in self.auth_commands)

    @property
    def connect_to(self) -> tuple[str, int]:
        return (self.host, self.port)

    def settings(self, security: Security | None = None, **changes: Any) -> Settings:
        """Settings that route to this server. For implicit TLS the port is 465 (the only one the config can
        express): pass `connect_to` to the probe (see `request`)."""
        security = security or _SECURITY[self.mode]
        values: dict[str, Any] = {
            "user": LOGIN,
            "host": self.host,
            "port": DEFAULT_PORTS[Security.SMTPS] if security is Security.SMTPS else self.port,
            "security": security,
        }
        values.update(changes)
        return Settings(**values).validated()

    def request(
        self,
        settings: Settings | None = None,
        *,
        secret: Secret | str | None = PASSWORD,
        send_to: str | None = None,
        timeout: float = 2.0,
        deadline: float = 10.0,
        **options: Any,
    ) -> Any:
        """A ProbeRequest for this server: connect_to its real port, trusting the test CA."""
        from wizard.probe.engine import ProbeRequest  # here: the support module loads before the package is used

        if isinstance(secret, str):
            secret = Secret(secret)
        if settings is None:
            source = SecretSource.NONE if secret is None else SecretSource.NEW
            settings = self.settings(secret_source=source, secret=secret)
        options.setdefault("ca_file", self.ca_file)
        options.setdefault("connect_to", self.connect_to)
        options.setdefault("ehlo_hostname", "client.test")
        return ProbeRequest(settings, secret, send_to=send_to, timeout=timeout, deadline=deadline, **options)

    def _opened(self, conn: Any) -> None:
        self.connections += 1
        self._open.add(conn)

    def _closed(self, conn: Any) -> None:
        self._open.discard(conn)

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for conn in list(self._open):
                transport = getattr(conn, "transport", None)
                if transport is not None:
                    transport.abort()

        self._loop.call(close())


class _RecordingSMTP(QuietSMTP):
    """aiosmtpd's server (quiet about its own login warning, as the demo's), noting every AUTH command with
    the connection's TLS state, and open connections."""

    def __init__(self, handler: Any, *, owner: SmtpServer, implicit: bool, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self._owner = owner
        self._implicit = implicit

    @property
    def tls_active(self) -> bool:
        return self._implicit or self._tls_protocol is not None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        first = self.transport is None
        super().connection_made(transport)
        if first:
            self._owner._opened(self)

    def connection_lost(self, error: Exception | None) -> None:
        super().connection_lost(error)
        self._owner._closed(self)

    @syntax("AUTH <mechanism>")
    async def smtp_AUTH(self, arg: str) -> None:
        self._owner.auth_commands.append(AuthCommand(arg.split()[0].upper() if arg.split() else "", self.tls_active))
        await super().smtp_AUTH(arg)


class _Handler:
    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def handle_MAIL(
        self, server: _RecordingSMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        o = self.owner
        await o.stall("MAIL")
        if o.require_auth and not session.authenticated:
            return "530 5.7.0 Authentication required"
        if o.mail_reply:
            return o.mail_reply
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: _RecordingSMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        await self.owner.stall("RCPT")
        if self.owner.rcpt_reply:
            return self.owner.rcpt_reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: _RecordingSMTP, session: Session, envelope: Envelope) -> str:
        await self.owner.stall("DATA")
        if self.owner.data_reply:
            return self.owner.data_reply
        content = envelope.original_content or b""
        login = session.auth_data if isinstance(session.auth_data, str) else None
        self.owner.messages.append(
            ReceivedMessage(envelope.mail_from or "", list(envelope.rcpt_tos), content, server.tls_active, login)
        )
        return "250 2.0.0 Message accepted for delivery"


class SmtpServer(_Endpoint):
    """An aiosmtpd server on 127.0.0.1 (port 0). Options are plain attributes, changeable between probes."""

    def __init__(
        self,
        loop: LoopThread,
        tls: TlsMaterial,
        mode: Mode | str = Mode.STARTTLS,
        *,
        cert: CertKind | str = CertKind.TRUSTED,
        auth: bool = True,
        mechanisms: tuple[str, ...] = ("PLAIN", "LOGIN"),
        credentials: dict[str, str] | None = None,
        require_auth: bool = False,
        auth_require_tls: bool | None = None,
        mail_reply: str | None = None,
        rcpt_reply: str | None = None,
        data_reply: str | None = None,
        stall_at: str | None = None,
        smtputf8: bool = True,
    ) -> None:
        super().__init__(loop)
        self.mode = Mode(mode)
        self.stall_at = stall_at.upper() if stall_at else None  # "MAIL", "RCPT" or "DATA": never answer it
        self.cert = CertKind(cert)
        self.ca_file = tls.ca_file
        self.credentials = {LOGIN: PASSWORD} if credentials is None else credentials
        self.require_auth = require_auth  # 530 at MAIL FROM until authenticated
        self.mail_reply, self.rcpt_reply, self.data_reply = mail_reply, rcpt_reply, data_reply
        self.messages: list[ReceivedMessage] = []
        self.auth_attempts: list[AuthAttempt] = []
        # aiosmtpd offers AUTH on an unencrypted connection only with auth_require_tls=False; implicit TLS is
        # not "TLS" to it, so that mode needs it too.
        if auth_require_tls is None:
            auth_require_tls = self.mode is Mode.STARTTLS
        excluded = [m for m in ("PLAIN", "LOGIN") if not auth or m not in mechanisms]
        context = tls.server_context(self.cert) if self.mode is not Mode.PLAIN else None
        handler = _Handler(self)

        def protocol() -> _RecordingSMTP:
            return _RecordingSMTP(
                handler,
                owner=self,
                implicit=self.mode is Mode.SMTPS,
                hostname="smtp.test",
                tls_context=context if self.mode is Mode.STARTTLS else None,
                authenticator=self._authenticate,
                auth_require_tls=auth_require_tls,
                auth_exclude_mechanism=excluded,
                enable_SMTPUTF8=smtputf8,  # off: a server without SMTPUTF8 (RFC 6531)
                loop=loop.loop,
            )

        async def start() -> asyncio.Server:
            return await loop.loop.create_server(protocol, HOST, 0, ssl=context if self.mode is Mode.SMTPS else None)

        self._server = loop.call(start())
        self.port = self._server.sockets[0].getsockname()[1]

    async def stall(self, verb: str) -> None:
        if self.stall_at == verb:
            await asyncio.Event().wait()  # until the connection is closed (the handler task is cancelled)

    def _authenticate(
        self, server: _RecordingSMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        login = data.login.decode("utf-8", "replace") if isinstance(data, LoginPassword) else ""
        password = data.password.decode("utf-8", "replace") if isinstance(data, LoginPassword) else ""
        ok = login in self.credentials and self.credentials[login] == password
        self.auth_attempts.append(AuthAttempt(mechanism, login, ok, server.tls_active))
        if ok:
            return AuthResult(success=True, auth_data=login)
        return AuthResult(success=False, handled=False)  # handled=True would leave the client without a reply


class Fault(StrEnum):
    SILENT = "silent"  # accepts, never says anything
    CLOSE_AFTER_BANNER = "close_after_banner"  # 220, then hangs up
    GREETING_421 = "greeting_421"  # 421 instead of 220
    MALFORMED_GREETING = "malformed_greeting"  # not SMTP at all
    STARTTLS_JUNK = "starttls_junk"  # offers STARTTLS, says 220, then sends garbage instead of a handshake
    QUIET_AFTER_EHLO = "quiet_after_ehlo"  # greets and answers EHLO, then stops answering


class FaultServer(_Endpoint):
    """A raw scripted server that misbehaves in one named way. Records every line it received."""

    def __init__(self, loop: LoopThread, fault: Fault | str, tls: TlsMaterial | None = None) -> None:
        """With `tls`, the script runs after an implicit-TLS handshake (e.g. silent once encrypted)."""
        super().__init__(loop)
        self.fault = Fault(fault)
        if tls is not None:
            self.mode = Mode.SMTPS
        else:
            self.mode = Mode.STARTTLS if self.fault is Fault.STARTTLS_JUNK else Mode.PLAIN
        self.ca_file = tls.ca_file if tls else None
        self.lines: list[str] = []
        context = tls.server_context(CertKind.TRUSTED) if tls else None

        async def start() -> asyncio.Server:
            return await asyncio.start_server(self._session, HOST, 0, ssl=context)

        self._server = loop.call(start())
        self.port = self._server.sockets[0].getsockname()[1]

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = _Conn(writer)
        self._opened(conn)
        try:
            await self._script(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            self._closed(conn)

    async def _line(self, reader: asyncio.StreamReader) -> str:
        raw = await reader.readline()
        if not raw:
            raise ConnectionResetError("client closed")
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        self.lines.append(line)
        if line.upper().startswith("AUTH"):
            self.auth_commands.append(AuthCommand("", tls=False))
        return line

    async def _script(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        fault = self.fault
        if fault is Fault.SILENT:
            while await reader.read(4096):
                pass
            return
        if fault is Fault.GREETING_421:
            writer.write(b"421 4.3.2 smtp.test Service not available, closing transmission channel\r\n")
            await writer.drain()
            return
        if fault is Fault.MALFORMED_GREETING:
            writer.write(b"HTTP/1.1 400 Bad Request\r\n\r\n")
            await writer.drain()
            await reader.read(4096)
            return
        writer.write(b"220 smtp.test ESMTP ready\r\n")
        await writer.drain()
        if fault is Fault.CLOSE_AFTER_BANNER:
            return
        while True:
            verb = (await self._line(reader)).split(" ")[0].upper()
            if verb == "EHLO":
                extra = b"250-STARTTLS\r\n" if fault is Fault.STARTTLS_JUNK else b""
                writer.write(b"250-smtp.test\r\n" + extra + b"250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")
                if fault is Fault.QUIET_AFTER_EHLO:
                    await writer.drain()
                    while await reader.read(4096):
                        pass
                    return
            elif verb == "STARTTLS":
                writer.write(b"220 2.0.0 Ready to start TLS\r\n")
                await writer.drain()
                await reader.read(4096)  # the client's ClientHello
                writer.write(b"this is not a TLS handshake\r\n" * 8)
                await writer.drain()
                await reader.read(4096)
                return
            elif verb == "QUIT":
                writer.write(b"221 Bye\r\n")
                await writer.drain()
                return
            else:
                writer.write(b"250 OK\r\n")
            await writer.drain()


@dataclass(eq=False)
class _Conn:
    writer: asyncio.StreamWriter
    transport: asyncio.BaseTransport = field(init=False)

    def __post_init__(self) -> None:
        self.transport = self.writer.transport


def refused_port() -> int:
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Backlogged(_Endpoint):
    """A listener whose accept queue is full: further connection attempts get no answer (connect timeout)."""

    def __init__(self, loop: LoopThread) -> None:
        super().__init__(loop)
        self.mode = Mode.PLAIN
        self.ca_file = None
        self._listener = socket.socket()
        self._listener.bind((HOST, 0))
        self._listener.listen(0)
        self.port = self._listener.getsockname()[1]
        self._fillers: list[socket.socket] = []
        for _ in range(4):  # more than the queue holds; the surplus stays in SYN-SENT
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex((HOST, self.port))
            self._fillers.append(filler)

    def stop(self) -> None:
        for sock in [*self._fillers, self._listener]:
            sock.close()
