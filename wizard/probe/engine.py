"""The live probe (SPEC §4): connect along the route the server will take and walk the SMTP conversation step
by step on aiosmtplib's `SMTP` object, so every step is named, timed and reported as it changes.

`run_probe` never raises for a network or server problem: the report carries exactly one diagnosis. It
raises `ValidationError` for a bad recipient/sender and `FileProblem` for an unreadable `ca_file`, before any
connection. Cancelling the task running it closes the socket at once and re-raises `CancelledError`;
callers that want a report for that case build it with `cancelled_report`.

TLS modes: implicit TLS connects with `use_tls=True`; STARTTLS connects with `start_tls=False` and then
issues STARTTLS itself once EHLO has advertised it (never aiosmtplib's `start_tls=None`, which would go on in
cleartext when STARTTLS is missing); `none` connects with `start_tls=False`. One SSLContext per run.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import socket
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiosmtplib

from wizard.core.ehlo_name import EhloName, EhloOrigin, ehlo_warnings, machine_name
from wizard.core.endpoint import Route, route_for, smtp_table_for
from wizard.core.errors import FileProblem
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import Security, Settings
from wizard.core.warnings import SetupWarning, extra_ca_warning, settings_warnings
from wizard.probe.diagnosis import Context, code_for, describe, is_local_host, lookup_failure
from wizard.probe.happy_eyeballs import AddrInfo, connect_first
from wizard.probe.message import TestMessage, build_test_message
from wizard.probe.report import (
    Diagnosis,
    DiagnosisCode,
    ProbeReport,
    ServerFacts,
    Step,
    StepName,
    StepStatus,
    TlsFacts,
)
from wizard.probe.steps import Checklist, StepCallback, failure_detail, plan
from wizard.probe.tls import sniffing_context, tls_facts, verifying_context
from wizard.probe.transcript import Transcript, safe_text

if TYPE_CHECKING:
    from wizard.probe.cert_inspect import CertFindings

log = logging.getLogger("wizard.probe")

_AddrInfo = AddrInfo
Resolver = Callable[[str, int], Awaitable[list[AddrInfo]]]
SNIFF_TIMEOUT = 5.0  # a TLS server answers a ClientHello at once; waiting longer proves nothing
# SPEC §4 rev 2: after this long without a greeting, try a TLS handshake on a second connection in parallel.
WRONG_MODE_AFTER = 1.0
# aiosmtplib gets the step's limit for each read; this much later the step itself is cut off, so a command
# with several reads (AUTH LOGIN, STARTTLS) cannot overrun its limit, nor the probe its deadline, by more.
_STEP_GRACE = 0.2
# aiosmtplib refuses a reply line over 8 KiB and a reply over 32 KiB ("Response too long", its code -1): the
# probe then could not say what a server refused with a long text (a blocklist's, a policy page's), while
# the server's mail library reads it and fails on the refusal. Raised, still bounded against a hostile server;
# what is shown is shortened (wizard/probe/transcript.py).
aiosmtplib.protocol.MAX_LINE_LENGTH = 64 * 1024
aiosmtplib.protocol.MAX_RESPONSE_LENGTH = 256 * 1024


@dataclass(frozen=True)
class ProbeRequest:
    settings: Settings  # validated; the route is route_for(settings), the same mapping the writer uses
    secret: Secret | None  # None: no AUTH
    send_to: str | None = None  # None: connection-only check (stops after AUTH); else a test-send
    timeout: float = 20.0  # per step
    deadline: float = 60.0  # whole probe
    ca_file: Path | None = None  # an extra CA, added to the system store (SSL_CERT_FILE honoured)
    allow_plaintext_auth: bool = False  # credentials over plaintext to a non-loopback host need this
    # The EHLO name the server will send (wizard/core/ehlo_name.py). `ehlo` wins; `ehlo_hostname` is a bare
    # name (tests); neither: this machine's gethostname() as it is, as lettre sends it standalone.
    ehlo: EhloName | None = None
    ehlo_hostname: str | None = None
    # Connect to this (host, port) instead of the route's, keeping the route's security and TLS host name
    # (like curl --connect-to). For tests and the demo server, whose ports are not 465/587.
    connect_to: tuple[str, int] | None = None
    # How names are looked up: None is the system resolver (getaddrinfo); tests inject a fixed mapping.
    resolver: Resolver | None = None
    # The host is one the wizard suggested (provider table, discovery): a failed lookup is then no spelling error.
    host_suggested: bool = False


class _Failure(Exception):
    """A failure the engine names itself (not an exception from the network or the server)."""

    def __init__(self, code: DiagnosisCode, detail: str, reason: str = "") -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail  # shown as the failed step's detail
        self.reason = reason  # for the advice (wizard/probe/advice.py), e.g. "plaintext_auth"


class _Timeout(Exception):
    """A step ran out of time: its own limit, or (`by_deadline`) what the whole-probe deadline left of it."""

    def __init__(self, step: StepName, seconds: float, by_deadline: bool) -> None:
        self.step = step
        self.seconds = seconds
        self.by_deadline = by_deadline
        key = "probe.detail.deadline_reached" if by_deadline else "probe.detail.no_answer_within"
        self.detail = tr(key, seconds=f"{seconds:.1f}".rstrip("0").rstrip("."))
        super().__init__(self.detail)


CERT_LOOK_TIMEOUT = 5.0  # seconds for the second, non-verifying look at a certificate that failed
_CERT_CODES = frozenset(
    {DiagnosisCode.CERT_UNTRUSTED, DiagnosisCode.CERT_HOSTNAME_MISMATCH, DiagnosisCode.CERT_EXPIRED}
)
_TIMEOUT_CODES = {
    StepName.RESOLVE: DiagnosisCode.DNS_FAILED,
    StepName.CONNECT: DiagnosisCode.CONNECT_TIMEOUT,
    StepName.TLS: DiagnosisCode.GREETING_TIMEOUT,
    StepName.GREETING: DiagnosisCode.GREETING_TIMEOUT,
}


def _after_handshake(exc: BaseException) -> bool:
    """Whether aiosmtplib's implicit-TLS connect failed after the handshake (while awaiting the greeting)."""
    if isinstance(exc, aiosmtplib.SMTPConnectResponseError):
        return True  # a greeting came, but not 220
    cause = exc.__cause__
    if isinstance(exc, aiosmtplib.SMTPConnectTimeoutError):
        return isinstance(cause, aiosmtplib.SMTPTimeoutError)  # the greeting read timed out, not the handshake
    if isinstance(exc, aiosmtplib.SMTPConnectError):
        return isinstance(cause, aiosmtplib.SMTPServerDisconnected)  # closed after the handshake
    return False


def _closed_early(greeting: asyncio.Future[aiosmtplib.SMTPResponse]) -> bool:
    """The greeting connection failed without timing out (closed, reset, garbage)."""
    error = greeting.exception()
    return error is not None and not isinstance(error, TimeoutError)


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _needs_smtputf8(address: str, offered: bool, code: DiagnosisCode, hint: str) -> None:
    """An address that is not ASCII can only be sent with SMTPUTF8 (RFC 6531). Without it the server's mail
    library refuses to send, so the probe stops with that diagnosis. The wizard writes an international
    domain as punycode; a hand-written one gets the hint to do so (`<hint>_domain`)."""
    if offered or address.isascii():
        return
    local = address.rpartition("@")[0]
    reason = hint if not local.isascii() else f"{hint}_domain"
    raise _Failure(code, tr("probe.detail.needs_smtputf8", address=address), reason=reason)


def _owned_by_transport(sock: socket.socket) -> bool:
    """Whether a live asyncio transport uses this socket (then the transport closes it)."""
    transports = getattr(asyncio.get_running_loop(), "_transports", None)
    if transports is None:
        return True  # a loop that does not tell: leave the (already shut down) descriptor to its transport
    return transports.get(sock.fileno()) is not None


def ehlo_of(request: ProbeRequest) -> EhloName:
    """The EHLO name this request sends: what the server's mail library will send (never an FQDN lookup)."""
    if request.ehlo is not None:
        return request.ehlo
    if request.ehlo_hostname:
        return EhloName(request.ehlo_hostname, EhloOrigin.MACHINE)
    return machine_name()


def _context(request: ProbeRequest, route: Route) -> Context:
    s = request.settings
    return Context(
        host=route.host,
        port=route.port,
        security=route.security,
        sender=s.user,  # the server sends as `user` (SPEC §2 rev 2)
        login=s.user,
        recipient=request.send_to or s.user,
        secret_given=request.secret is not None,
        ehlo_name=ehlo_of(request).name,
        ehlo_origin=str(ehlo_of(request).origin),
        host_suggested=request.host_suggested,
    )


def cancelled_report(request: ProbeRequest, steps: list[Step] | None = None) -> ProbeReport:
    """The report for a probe the user cancelled; `steps` are the latest snapshots from `on_step`, if any."""
    route = route_for(request.settings)
    names = plan(route.security, auth=request.secret is not None, send=request.send_to is not None)
    known = {step.name: step for step in steps or []}
    final: list[Step] = []
    for name in names:
        step = known.get(name, Step(name))
        status = {StepStatus.RUNNING: StepStatus.FAILED, StepStatus.PENDING: StepStatus.SKIPPED}.get(step.status)
        detail = tr("probe.detail.cancelled") if status is StepStatus.FAILED else step.detail
        final.append(Step(name, status or step.status, step.ms, detail))
    return ProbeReport(
        ok=False,
        steps=final,
        server=ServerFacts(host=route.host, port=route.port, security=str(route.security)),
        diagnosis=describe(DiagnosisCode.CANCELLED, _context(request, route)),
        warnings=settings_warnings(request.settings),
        ehlo_name=ehlo_of(request).name,
    )


async def run_probe(request: ProbeRequest, on_step: StepCallback | None = None) -> ProbeReport:
    """Probe the settings' route; `on_step` gets a snapshot each time a step changes state.

    The conversation runs in its own task. On cancellation the connection is aborted right here, before
    CancelledError is re-raised: on Python 3.11 `asyncio.wait_for` (used inside aiosmtplib) can swallow a
    cancellation that arrives just as its inner operation completes, which would otherwise leave the probe
    waiting for a full step timeout.
    """
    probe = _Probe(request, on_step)
    task = asyncio.ensure_future(probe.run())
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        probe.abort()
        task.cancel()
        task.add_done_callback(_discard_result)
        raise


def _discard_result(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()  # retrieved: an aborted run's outcome is of no interest


class _Probe:
    def __init__(self, request: ProbeRequest, on_step: StepCallback | None) -> None:
        self.request = request
        self.route = route_for(request.settings)
        self.target = request.connect_to or (self.route.host, self.route.port)
        self.ctx = _context(request, self.route)
        self.message: TestMessage | None = None
        if request.send_to is not None:
            self.message = build_test_message(
                request.settings, request.send_to, logs_in=request.secret is not None
            )
        self.table_user = smtp_table_for(request.settings).user  # the login and sender the server will use
        self.transcript = Transcript(request.secret, self.table_user)
        names = plan(self.route.security, auth=request.secret is not None, send=self.message is not None)
        self.checklist = Checklist(names, on_step, self.transcript.scrub)
        self.server = ServerFacts(host=self.route.host, port=self.route.port, security=str(self.route.security))
        self.tls: TlsFacts | None = None
        self.sock: socket.socket | None = None
        self.smtp: aiosmtplib.SMTP | None = None
        self._deadline = 0.0
        self._aborted = False
        self.ehlo = ehlo_of(request)
        self._ehlo_name = self.ehlo.name
        self._ehlo_seen = False  # an EHLO was answered: its AUTH offer tells the advice something
        self._tls_context: ssl.SSLContext | None = None

    # --- time ---

    def abort(self) -> None:
        """The caller was cancelled: end the connection now, report nothing more, start nothing new."""
        self._aborted = True
        self.checklist.mute()
        self._close()

    def _remaining(self) -> float:
        return self._deadline - asyncio.get_running_loop().time()

    @contextlib.asynccontextmanager
    async def _step(self, name: StepName, waiting_for: str, cap: float | None = None) -> AsyncIterator[Step]:
        """Run a step within its time limit: the per-step timeout (or `cap`), cut to what the whole-probe
        deadline leaves. Running out raises `_Timeout` naming the step; the step shows what it waits for."""
        if self._aborted:
            raise asyncio.CancelledError()
        remaining = self._remaining()
        limit = min(self.request.timeout, cap or self.request.timeout, max(remaining, 0.0))
        by_deadline = remaining <= min(self.request.timeout, cap or self.request.timeout)
        with self.checklist.run(name, tr(waiting_for), limit) as step:
            if limit <= 0:
                raise _Timeout(name, 0.0, by_deadline=True)
            try:
                async with asyncio.timeout(limit + _STEP_GRACE if not by_deadline else limit):
                    yield step
            except TimeoutError as exc:
                raise _Timeout(name, limit, by_deadline) from exc

    def _limit(self) -> float:
        """The limit of the running step, for aiosmtplib's own per-read timeouts."""
        step = self.checklist.last
        return step.limit if step is not None and step.limit > 0 else self.request.timeout

    # --- the run ---

    async def run(self) -> ProbeReport:
        loop = asyncio.get_running_loop()
        self._deadline = loop.time() + self.request.deadline
        diagnosis: Diagnosis | None = None
        try:
            # The deadline is a hard bound (SPEC §4 rev 2): whatever runs outside a step is cut off too.
            async with asyncio.timeout_at(self._deadline + _STEP_GRACE):
                tls_context = None
                if self.route.security is not Security.NONE:
                    tls_context = await asyncio.to_thread(verifying_context, self.request.ca_file)
                    self._tls_context = tls_context
                await self._converse(tls_context)
        except _Failure as failure:
            diagnosis = describe(failure.code, self._situation(reason=failure.reason))
        except _Timeout as timeout:
            code = _TIMEOUT_CODES.get(timeout.step, DiagnosisCode.CONNECTION_LOST)
            ctx = self._situation(step=timeout.step)
            ctx = replace(ctx, timed_out=True, by_deadline=timeout.by_deadline, seconds=timeout.seconds)
            diagnosis = describe(code, ctx)
        except Exception as exc:
            if isinstance(exc, FileProblem):
                raise  # an unreadable CA file: the caller's input, not a probe result
            step = self.checklist.last.name if self.checklist.last else StepName.RESOLVE
            if isinstance(exc, TimeoutError):  # the outer deadline, outside any step
                ctx = replace(self._situation(step=step), timed_out=True, by_deadline=True)
                diagnosis = describe(_TIMEOUT_CODES.get(step, DiagnosisCode.CONNECTION_LOST), ctx)
            else:
                reply, ctx = "", self._situation(step=step)
                if isinstance(exc, socket.gaierror):
                    ctx = replace(ctx, lookup_failure=lookup_failure(exc))
                if isinstance(exc, aiosmtplib.SMTPResponseException) and exc.code > 0:
                    reply = self.transcript.reply(exc.code, exc.message)
                    ctx = replace(ctx, reply_code=exc.code, reply=self.transcript.scrub(exc.message))
                code = code_for(exc, step, self.route.security)
                if code in _CERT_CODES:
                    ctx = replace(ctx, cert=await self._look_at_certificate(), ca_file=str(self.request.ca_file or ""))
                diagnosis = describe(code, ctx, server_reply=reply)
                log.debug("probe failed at %s: %s", step, self.transcript.scrub(repr(exc)))
        finally:
            self._close()
        self.checklist.skip_rest()
        if diagnosis is not None:
            self.transcript.event(f"diagnosis: {diagnosis.code}")
        return ProbeReport(
            ok=diagnosis is None,
            steps=self.checklist.steps,
            server=self.server,
            tls=self.tls,
            diagnosis=diagnosis,
            transcript=self.transcript.lines,
            message_id=self.message.message_id if self.message and diagnosis is None else "",
            warnings=self._warnings(passed=diagnosis is None),
            ehlo_name=self._ehlo_name,
        )

    async def _look_at_certificate(self) -> CertFindings | None:
        """After a failed verification: a second handshake that verifies nothing and sends no credentials
        (SPEC §12 rev 3), within what the deadline leaves (at most CERT_LOOK_TIMEOUT)."""
        from wizard.probe.cert_inspect import inspect_certificate  # lazy: cryptography only when a certificate failed

        limit = min(CERT_LOOK_TIMEOUT, self._remaining() - _STEP_GRACE)
        if limit <= 0 or self._tls_context is None or not self.server.address:
            return None
        try:
            async with asyncio.timeout(limit):
                found = await inspect_certificate(
                    self.server.address,
                    self.target[1],
                    self.route.host,
                    starttls=self.route.security is Security.STARTTLS,
                    ehlo_name=self._ehlo_name,
                    context=self._tls_context,
                    ca_file=self.request.ca_file,
                )
        except TimeoutError:
            return None
        if found is not None:
            self.transcript.event(
                f"second look (not verified): certificate for {', '.join(found.names)}, "
                f"issued by {found.issuer}, {found.chain_sent or '?'} certificate(s) sent"
            )
            self.tls = TlsFacts(
                subject=found.subject,
                issuer=found.issuer,
                not_before=found.not_before,
                not_after=found.not_after,
                san=list(found.names),
                chain_sent=found.chain_sent if found.chain_known else None,
                chain_incomplete=found.leaf_only and not found.issuer_in_store if found.chain_known else None,
            )
        return found

    def _warnings(self, *, passed: bool) -> list[SetupWarning]:
        """The settings' warnings, and for a pass over TLS that trusted --ca-file, that the server will not."""
        found = settings_warnings(self.request.settings) + ehlo_warnings(self.ehlo)
        if passed and self.tls is not None:
            found += extra_ca_warning(self.request.ca_file, self.route.security)
        return found

    def _situation(self, *, step: StepName | None = None, reason: str = "") -> Context:
        """What the advice may know about this failure (never the secret)."""
        last = self.checklist.last
        return replace(
            self.ctx,
            step=step or (last.name if last else None),
            encrypted=self.tls is not None,
            auth_offered=tuple(self.server.auth_mechanisms) if self._ehlo_seen else None,
            capabilities=tuple(self.server.capabilities),
            reason=reason,
        )

    def _close(self) -> None:
        """End the connection now, on every path (also cancellation), without closing a descriptor that an
        asyncio transport still owns (a TLS transport closes its socket only after its own shutdown; closing
        the descriptor under it lets a later connection reuse the number while the old transport holds it)."""
        if self.smtp is not None:
            self.smtp.close()
        sock, self.sock = self.sock, None
        if sock is None or sock.fileno() == -1:
            return
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # the server sees the end at once, whoever owns the descriptor
        if not _owned_by_transport(sock):
            sock.close()  # cancelled before aiosmtplib took the socket over

    async def _converse(self, tls_context: ssl.SSLContext | None) -> None:
        async with self._step(StepName.RESOLVE, "probe.wait.resolve") as step:
            infos = await self._resolve()
            self.server.addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
            step.detail = ", ".join(self.server.addresses)
        async with self._step(StepName.CONNECT, "probe.wait.connect") as step:
            step.detail = await self._connect(infos)
        await self._greeting(tls_context)
        async with self._step(StepName.EHLO, "probe.wait.ehlo") as step:
            step.detail = await self._ehlo()
        if self.route.security is Security.STARTTLS:
            assert tls_context is not None
            async with self._step(StepName.STARTTLS, "probe.wait.starttls") as step:
                step.detail = await self._starttls(tls_context)
            async with self._step(StepName.EHLO_TLS, "probe.wait.ehlo") as step:
                step.detail = await self._ehlo()
        if self.request.secret is not None:
            async with self._step(StepName.AUTH, "probe.wait.auth") as step:
                step.detail = await self._auth(self.request.secret)
        if self.message is not None:
            await self._send(self.message)
        async with self._step(StepName.QUIT, "probe.wait.quit", cap=5.0) as step:
            step.detail = await self._quit()

    async def _resolve(self) -> list[_AddrInfo]:
        host, port = self.target
        literal = _ip_literal(host)
        if literal is not None:  # no lookup (and no executor thread) for an address
            if literal.version == 6:
                return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (str(literal), port, 0, 0))]
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (str(literal), port))]
        infos: list[Any]
        if self.request.resolver is not None:
            infos = list(await self.request.resolver(host, port))
        else:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        # Raw (non-IP) address forms are skipped.
        return [tuple(info) for info in infos if isinstance(info[4][0], str)]

    async def _connect(self, infos: list[_AddrInfo]) -> str:
        """Happy Eyeballs (RFC 8305): the first address to accept wins; the detail says which one answered."""
        sock, info, failed = await connect_first(infos)
        self.sock = sock
        address, port = str(info[4][0]), int(info[4][1])
        self.server.address = address
        self.transcript.event(f"connected to {address} port {port}")
        for other, error in failed:
            self.transcript.event(f"no connection to {other[4][0]}: {failure_detail(error)}")
        tried = [str(other[4][0]) for other, _ in failed]
        pending = [str(i[4][0]) for i in infos if str(i[4][0]) not in tried and str(i[4][0]) != address]
        others = ", ".join(dict.fromkeys(tried + pending))
        if others:
            return tr("probe.detail.connected_first", address=address, port=port, others=others)
        return tr("probe.detail.connected", address=address, port=port)

    def _new_smtp(self, implicit_context: ssl.SSLContext | None) -> aiosmtplib.SMTP:
        return aiosmtplib.SMTP(
            hostname=self.route.host,  # the TLS server name (SNI and certificate check)
            local_hostname=self._ehlo_name,
            timeout=self.request.timeout,
            use_tls=implicit_context is not None,
            start_tls=False,  # STARTTLS, when chosen, is issued below after EHLO showed it
            tls_context=implicit_context,
            sock=self.sock,
        )

    async def _greeting(self, tls_context: ssl.SSLContext | None) -> None:
        implicit = self.route.security is Security.SMTPS
        self.smtp = self._new_smtp(tls_context if implicit else None)
        if implicit:
            greeting = await self._implicit_tls_and_greeting()
        else:
            async with self._step(StepName.GREETING, "probe.wait.greeting") as step:
                greeting = await self._plain_greeting(step)
                step.detail = self.transcript.scrub(greeting.message.split("\n")[0]) if greeting.message else ""
        self.server.greeting = self.transcript.scrub(greeting.message)
        self.transcript.server(greeting.code, greeting.message)

    async def _plain_greeting(self, step: Step) -> aiosmtplib.SMTPResponse:
        """Wait for the greeting; after WRONG_MODE_AFTER without one, also try a TLS handshake on a second
        connection (SPEC §4 rev 2). A completed handshake is `tls_wrong_mode` at once; otherwise the first
        connection keeps waiting for a late greeting until its own limit (some servers greet late on purpose)."""
        greeting = asyncio.ensure_future(self._smtp().connect(timeout=self._limit()))
        sniff: asyncio.Future[bool] | None = None
        try:
            # Half the limit when it is short, so a short --timeout still detects the wrong mode.
            done, _ = await asyncio.wait({greeting}, timeout=min(WRONG_MODE_AFTER, self._limit() / 2))
            if not done:
                self.checklist.waiting(step, tr("probe.wait.greeting_or_tls"))
                sniff = asyncio.ensure_future(self._speaks_tls())
                await asyncio.wait({greeting, sniff}, return_when=asyncio.FIRST_COMPLETED)
                if sniff.done() and sniff.result():
                    raise _Failure(DiagnosisCode.TLS_WRONG_MODE, tr("probe.detail.port_speaks_tls"))
                if not greeting.done():  # the handshake failed: wait for the greeting alone
                    await asyncio.wait({greeting})
                elif _closed_early(greeting) and not sniff.done():
                    # Closed or garbage instead of a greeting while the handshake is under way: let the handshake
                    # decide whether this port expects implicit TLS before the failure is reported.
                    await asyncio.wait({sniff})
                    if sniff.result():
                        raise _Failure(DiagnosisCode.TLS_WRONG_MODE, tr("probe.detail.port_speaks_tls"))
            return greeting.result()
        finally:
            for task in (greeting, sniff):
                if task is not None and not task.done():
                    task.cancel()  # a cancelled connect closes its own socket
                    task.add_done_callback(_discard_result)

    async def _implicit_tls_and_greeting(self) -> aiosmtplib.SMTPResponse:
        """aiosmtplib does the handshake and reads the greeting in one call; the error says which failed."""
        failed_after_handshake: Exception | None = None
        async with self._step(StepName.TLS, "probe.wait.tls") as step:
            try:
                greeting = await self._smtp().connect(timeout=self._limit())
            except Exception as exc:
                if not _after_handshake(exc):
                    raise
                failed_after_handshake = exc
                step.detail = tr("probe.detail.handshake_done")
            else:
                self._record_tls()
                step.detail = f"{self.tls.version} {self.tls.cipher}" if self.tls else ""
        if failed_after_handshake is not None:
            if isinstance(failed_after_handshake, TimeoutError):
                with self.checklist.run(StepName.GREETING, tr("probe.wait.greeting"), self.request.timeout):
                    raise _Timeout(StepName.GREETING, self._limit(), by_deadline=False) from failed_after_handshake
            with self.checklist.run(StepName.GREETING):
                raise failed_after_handshake
        self.checklist.finish(StepStatus.OK, StepName.GREETING, greeting.message.split("\n")[0])
        return greeting

    async def _speaks_tls(self) -> bool:
        """Wrong-mode check while no greeting came: does the same address and port complete a TLS handshake?"""
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(min(self._limit(), SNIFF_TIMEOUT)):
                transport, _ = await loop.create_connection(
                    asyncio.Protocol,
                    self.server.address,
                    self.target[1],
                    ssl=sniffing_context(),
                    server_hostname=self.route.host,
                )
        except (OSError, TimeoutError):
            return False
        transport.close()
        self.transcript.event("a second connection completed a TLS handshake: the port expects implicit TLS")
        return True

    def _record_tls(self) -> None:
        assert self.smtp is not None
        self.tls = tls_facts(self.smtp.get_transport_info("ssl_object"))
        if self.tls:
            self.transcript.event(f"TLS {self.tls.version} {self.tls.cipher}, certificate {self.tls.subject}")

    async def _ehlo(self) -> str:
        smtp = self._smtp()
        self.transcript.client(f"EHLO {smtp.local_hostname}")
        response = await self._command(smtp.ehlo(timeout=self._limit()))
        lines = [self.transcript.scrub(line) for line in response.message.split("\n")]
        self.server.ehlo_name = lines[0].split(" ")[0] if lines else ""
        self.server.capabilities = [line.strip() for line in lines[1:]]
        self.server.auth_mechanisms = [safe_text(m.upper()) for m in smtp.server_auth_methods]
        self._ehlo_seen = True
        size = smtp.esmtp_extensions.get("size", "")
        self.server.max_size = int(size) if size.isdigit() else None
        return tr("probe.detail.ehlo_as", name=self._ehlo_name, capabilities=", ".join(self.server.capabilities))

    async def _starttls(self, tls_context: ssl.SSLContext) -> str:
        smtp = self._smtp()
        if not smtp.supports_extension("starttls"):
            raise _Failure(DiagnosisCode.STARTTLS_UNAVAILABLE, tr("probe.detail.no_starttls"))
        self.transcript.client("STARTTLS")
        await self._command(
            smtp.starttls(server_hostname=self.route.host, tls_context=tls_context, timeout=self._limit())
        )
        self._record_tls()
        return f"{self.tls.version} {self.tls.cipher}" if self.tls else ""

    async def _auth(self, secret: Secret) -> str:
        smtp = self._smtp()
        encrypted = self.route.security is not Security.NONE
        local = is_local_host(self.route.host) and is_local_host(self.server.address)
        if not (encrypted or local or self.request.allow_plaintext_auth):
            detail = tr("probe.detail.plaintext_auth_refused")
            raise _Failure(DiagnosisCode.AUTH_UNAVAILABLE, detail, reason="plaintext_auth")
        methods = smtp.server_auth_methods
        login = self.table_user  # exactly what the server will log in with
        if "plain" in methods:
            self.transcript.auth("PLAIN")
            await self._command(smtp.auth_plain(login, secret.reveal(), timeout=self._limit()))
            return tr("probe.detail.auth_as", mechanism="PLAIN", login=login)
        if "login" in methods:
            self.transcript.auth("LOGIN")
            await self._command(smtp.auth_login(login, secret.reveal(), timeout=self._limit()))
            return tr("probe.detail.auth_as", mechanism="LOGIN", login=login)
        offered = " ".join(self.server.auth_mechanisms) or "—"
        raise _Failure(DiagnosisCode.AUTH_UNAVAILABLE, tr("probe.detail.no_auth_mechanism", offered=offered))

    async def _send(self, message: TestMessage) -> None:
        smtp = self._smtp()
        utf8 = message.smtputf8 and smtp.supports_extension("smtputf8")
        options = ["SMTPUTF8"] if utf8 else []
        encoding = "utf-8" if utf8 else "ascii"
        async with self._step(StepName.MAIL_FROM, "probe.wait.mail_from") as step:
            _needs_smtputf8(message.sender, utf8, DiagnosisCode.SENDER_REJECTED, "sender_needs_smtputf8")
            self.transcript.client(f"MAIL FROM:<{message.sender}>")
            await self._command(smtp.mail(message.sender, options=options, encoding=encoding, timeout=self._limit()))
            step.detail = message.sender
        async with self._step(StepName.RCPT_TO, "probe.wait.rcpt_to") as step:
            _needs_smtputf8(message.recipient, utf8, DiagnosisCode.RECIPIENT_REJECTED, "recipient_needs_smtputf8")
            self.transcript.client(f"RCPT TO:<{message.recipient}>")
            await self._command(smtp.rcpt(message.recipient, encoding=encoding, timeout=self._limit()))
            step.detail = message.recipient
        async with self._step(StepName.DATA, "probe.wait.data") as step:
            self.transcript.client(f"DATA ({len(message.data)} bytes, Message-ID {message.message_id})")
            response = await self._command(smtp.data(message.data, timeout=self._limit()))
            step.detail = self.transcript.reply(response.code, response.message).split("\n")[-1]

    async def _quit(self) -> str:
        """QUIT is a courtesy: a server that hangs up (or stays silent) instead does not fail the probe."""
        smtp = self._smtp()
        self.transcript.client("QUIT")
        try:
            response = await self._command(smtp.quit(timeout=self._limit()))
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            self.transcript.event(f"no orderly QUIT: {failure_detail(exc)}")
            return tr("probe.detail.closed_without_reply")
        return self.transcript.reply(response.code, response.message).split("\n")[-1]

    def _smtp(self) -> aiosmtplib.SMTP:
        assert self.smtp is not None
        return self.smtp

    async def _command(self, call: Awaitable[aiosmtplib.SMTPResponse]) -> aiosmtplib.SMTPResponse:
        """Await an aiosmtplib call and log the server's answer, also when it refused."""
        try:
            response = await call
        except aiosmtplib.SMTPResponseException as exc:
            if exc.code > 0:
                self.transcript.server(exc.code, exc.message)
            raise
        self.transcript.server(response.code, response.message)
        return response
