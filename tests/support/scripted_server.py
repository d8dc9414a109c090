"""A raw SMTP server on 127.0.0.1 that answers from a script: given reply bytes per command, an optional delay
before every reply, invalid bytes where a test wants them, implicit TLS or STARTTLS. For replaying real-world
replies (tests/probe/test_reply_corpus.py), timing tests and bench/verdict.py.

    server = ScriptedServer(loop, Script(replies={"AUTH": b"535 5.7.8 Username and Password not accepted\\r\\n"}))
    request = server.request(settings, ...)
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass, field

from tests.support.certs import CertKind, TlsMaterial
from tests.support.loop_thread import LoopThread
from tests.support.servers import HOST, Mode, _Conn, _Endpoint

GREETING = b"220 smtp.test ESMTP ready\r\n"
EHLO = b"250-smtp.test\r\n250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n"
DEFAULT_REPLIES = {
    "AUTH": b"235 2.7.0 Authentication successful\r\n",
    "MAIL": b"250 2.1.0 Sender OK\r\n",
    "RCPT": b"250 2.1.5 Recipient OK\r\n",
    "DATA": b"250 2.0.0 Queued\r\n",
    "QUIT": b"221 2.0.0 Bye\r\n",
    "RSET": b"250 2.0.0 OK\r\n",
    "NOOP": b"250 2.0.0 OK\r\n",
}


@dataclass
class Script:
    greeting: bytes | None = GREETING  # None: never greet (a silent server)
    ehlo: bytes = EHLO
    replies: dict[str, bytes] = field(default_factory=dict)  # by verb, over DEFAULT_REPLIES
    line_delay: float = 0.0  # seconds before every reply, the greeting included
    greeting_delay: float = 0.0  # seconds before the greeting only (a server that greets late on purpose)
    close_after_greeting: bool = False
    starttls: bool = False  # offer STARTTLS in EHLO and do it (needs `tls`)
    implicit_tls: bool = False  # TLS from the first byte (needs `tls`)
    # Postfix's reject_non_fqdn_helo_hostname under smtpd_delay_reject=yes (its default): an EHLO name without a
    # dot is refused at RCPT TO, with Postfix's words (https://www.postfix.org/postconf.5.html).
    helo_fqdn_required: bool = False
    # Verbs after whose (scripted) reply the server closes the connection, as a 421 "closing channel" does
    # (RFC 5321 §3.8): the client then reads end-of-file instead of the next reply.
    close_after: frozenset[str] = frozenset()


class ScriptedServer(_Endpoint):
    """Answers every connection from `script`; records the command lines it received in `lines`."""

    def __init__(
        self,
        loop: LoopThread,
        script: Script,
        tls: TlsMaterial | None = None,
        port: int = 0,
        context: ssl.SSLContext | None = None,  # a server context of its own (a chain, a wildcard), over `tls`
    ) -> None:
        super().__init__(loop)
        self.script = script
        self.lines: list[str] = []
        self._sessions: set[asyncio.Task[None]] = set()
        self.mode = Mode.SMTPS if script.implicit_tls else Mode.STARTTLS if script.starttls else Mode.PLAIN
        self.ca_file = tls.ca_file if tls else None
        self._context: ssl.SSLContext | None = context or (tls.server_context(CertKind.TRUSTED) if tls else None)

        async def start() -> asyncio.Server:
            implicit = self._context if script.implicit_tls else None
            return await asyncio.start_server(self._session, HOST, port, ssl=implicit)

        self._server = loop.call(start())
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        """Close the listener and every connection, and end the sessions (also those sleeping in a delay)."""
        super().stop()

        async def end_sessions() -> None:
            tasks = list(self._sessions)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        self._loop.call(end_sessions())

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = _Conn(writer)
        self._opened(conn)
        task = asyncio.current_task()
        if task is not None:
            self._sessions.add(task)
            task.add_done_callback(self._sessions.discard)
        try:
            await self._converse(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            pass
        except asyncio.CancelledError:
            # Ended by stop(): end normally, since Python 3.11's stream callback calls exception() on the task
            # and logs a CancelledError traceback for a cancelled one.
            pass
        finally:
            writer.close()
            self._closed(conn)

    async def _say(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        if self.script.line_delay:
            await asyncio.sleep(self.script.line_delay)
        writer.write(data)
        await writer.drain()

    async def _line(self, reader: asyncio.StreamReader) -> str:
        raw = await reader.readline()
        if not raw:
            raise ConnectionResetError("client closed")
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        self.lines.append(line)
        return line

    async def _converse(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        script = self.script
        if script.greeting is None:
            while await reader.read(4096):
                pass
            return
        await asyncio.sleep(script.greeting_delay)
        await self._say(writer, script.greeting)
        if script.close_after_greeting:
            return
        replies = {**DEFAULT_REPLIES, **script.replies}
        helo_name = ""
        while True:
            line = await self._line(reader)
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            if verb in ("EHLO", "HELO"):
                helo_name = arg.strip()
                ehlo = script.ehlo
                if script.starttls and not writer.get_extra_info("ssl_object"):
                    first, _, rest = ehlo.partition(b"\r\n")  # the first line names the server
                    ehlo = first + b"\r\n250-STARTTLS\r\n" + rest
                await self._say(writer, replies.get(verb, ehlo) if verb == "HELO" else ehlo)
            elif verb == "STARTTLS" and script.starttls and self._context is not None:
                await self._say(writer, replies.get("STARTTLS", b"220 2.0.0 Ready to start TLS\r\n"))
                await writer.start_tls(self._context)
            elif verb == "AUTH":
                await self._auth(arg, reader, writer, replies["AUTH"])
            elif verb == "RCPT" and script.helo_fqdn_required and "." not in helo_name:
                refusal = f"504 5.5.2 <{helo_name}>: Helo command rejected: need fully-qualified hostname\r\n"
                await self._say(writer, refusal.encode())
            elif verb == "DATA":
                await self._data(reader, writer, replies["DATA"])
            else:
                await self._say(writer, replies.get(verb, b"502 5.5.2 Command not implemented\r\n"))
                if verb == "QUIT":
                    return
            if verb in script.close_after:
                return

    async def _auth(self, arg: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, final: bytes) -> None:
        mechanism, _, initial = arg.partition(" ")
        if mechanism.upper() == "LOGIN":
            if not initial:
                await self._say(writer, b"334 VXNlcm5hbWU6\r\n")
                await self._line(reader)
            await self._say(writer, b"334 UGFzc3dvcmQ6\r\n")
            await self._line(reader)
        elif not initial:
            await self._say(writer, b"334 \r\n")
            await self._line(reader)
        await self._say(writer, final)

    async def _data(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, final: bytes) -> None:
        await self._say(writer, b"354 Go ahead\r\n")
        while (await reader.readline()).rstrip(b"\r\n") != b".":
            pass
        await self._say(writer, final)

