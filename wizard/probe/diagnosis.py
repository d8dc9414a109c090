"""From a failure to exactly one diagnosis: a stable code plus localized title, meaning and one piece of advice.

The texts are data in `resources/i18n/diagnosis.toml` (`diagnosis.<code>.title|meaning|advice`) and
`resources/i18n/advice.toml`; which advice fits is decided in `wizard/probe/advice.py`. This module decides
*which* code applies and renders the texts.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from dataclasses import replace

import aiosmtplib

from wizard.core.i18n import tr
from wizard.core.settings import Security
from wizard.probe.advice import Context, choose_advice
from wizard.probe.report import Diagnosis, DiagnosisCode, StepName
from wizard.probe.tls import WRONG_MODE_REASONS, cert_problem, find_cause
from wizard.probe.transcript import reply_lines, safe_text

C = DiagnosisCode

__all__ = ["Context", "code_for", "describe", "diagnose_exception", "is_local_host", "localized", "lookup_failure"]


def lookup_failure(error: socket.gaierror) -> str:
    """How a name lookup failed: "no_answer" when no name server answered (EAI_AGAIN: no DNS, no network),
    "no_such_name" when one said the name does not exist (EAI_NONAME, EAI_NODATA), else "other"."""
    if error.errno == socket.EAI_AGAIN:
        return "no_answer"
    if error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
        return "no_such_name"
    return "other"


def is_local_host(host: str) -> bool:
    """Loopback (127.0.0.0/8, ::1, localhost): credentials may go there without TLS."""
    name = host.lower().rstrip(".").strip("[]")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _seconds(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _params(ctx: Context, extra: dict[str, str]) -> dict[str, str]:
    return {
        "host": ctx.host,
        "port": str(ctx.port),
        "security": str(ctx.security),
        "sender": ctx.sender,
        "login": ctx.login or ctx.sender,
        "recipient": ctx.recipient or ctx.sender,
        "step": str(ctx.step) if ctx.step else "",
        "seconds": _seconds(ctx.seconds),
        "timeout": "deadline" if ctx.by_deadline else "step" if ctx.timed_out else "",
        "offered": "",
        "ehlo_name": ctx.ehlo_name,
        "provider": "",
        "submission_host": "",
        "submission_port": "",
        **extra,
    }


def _render(diagnosis: Diagnosis, lang: str | None) -> Diagnosis:
    """Fill in title, meaning and advice; `security` and `step` are shown by their localized names."""
    params = dict(diagnosis.params)
    fields = {
        **params,
        "security": tr(f"diagnosis.security.{params.get('security', 'none')}", lang),
        "step": tr(f"step.{params['step']}", lang) if params.get("step") else "",
    }
    code = diagnosis.code
    # A reply rule may name the failure better than its code (a HELO refusal sent with a 4xx code is no
    # temporary refusal): then the title and meaning follow the reply (advice.py, `Advice.own_texts`).
    own = params.get("advice_own_texts") == "1"
    case = diagnosis.advice_id
    title = tr(f"advice_case.{case}.title" if own else f"diagnosis.{code}.title", lang, **fields)
    meaning = tr(f"advice_case.{case}.meaning" if own else f"diagnosis.{code}.meaning", lang, **fields)
    timeout = params.get("timeout", "")
    if timeout and fields["step"]:
        if code is C.CONNECTION_LOST:
            title = tr("diagnosis.timeout.title", lang)
        meaning = f"{meaning} {tr(f'diagnosis.timeout.{timeout}', lang, **fields)}"
    return replace(
        diagnosis,
        title=title,
        meaning=meaning,
        advice=tr(params["advice_message"], lang, **fields),
    )


def describe(
    code: DiagnosisCode,
    ctx: Context,
    *,
    server_reply: str = "",
    lang: str | None = None,
) -> Diagnosis:
    """The localized diagnosis for `code` in this context (current language unless `lang`), with the one piece
    of advice `choose_advice` picks; `server_reply` is the reply as lines, already safe to show."""
    advice = choose_advice(code, ctx)
    params = _params(ctx, advice.params)
    params["advice_message"] = advice.message_id
    params["advice_own_texts"] = "1" if advice.own_texts else ""
    blank = Diagnosis(
        code=advice.code,
        title="",
        meaning="",
        advice="",
        server_reply=server_reply,
        advice_id=advice.id,
        step=str(ctx.step) if ctx.step else "",
        params=tuple(sorted(params.items())),
    )
    return _render(blank, lang)


def localized(diagnosis: Diagnosis, lang: str) -> Diagnosis:
    """The same diagnosis in another language (the GUI re-renders after a language switch)."""
    return _render(diagnosis, lang)


def _reply_code(code: int, step: StepName) -> DiagnosisCode:
    """A server reply that refused the step, by SMTP code and where it came."""
    if code == 421:
        return C.SERVER_UNAVAILABLE
    if 400 <= code < 500:
        return C.TEMPORARY_FAILURE
    if step in (StepName.GREETING, StepName.TLS, StepName.CONNECT):
        return C.SERVER_UNAVAILABLE
    if code == 530 and step in (StepName.MAIL_FROM, StepName.RCPT_TO, StepName.DATA):
        return C.AUTH_REQUIRED
    by_step = {
        StepName.STARTTLS: C.STARTTLS_UNAVAILABLE,
        StepName.AUTH: C.AUTH_FAILED,
        StepName.MAIL_FROM: C.SENDER_REJECTED,
        StepName.RCPT_TO: C.RECIPIENT_REJECTED,
        StepName.DATA: C.MESSAGE_REJECTED,
    }
    return by_step.get(step, C.UNEXPECTED)


def code_for(exc: BaseException, step: StepName, security: Security) -> DiagnosisCode:
    """The one code for an exception raised while `step` was running."""
    if isinstance(exc, asyncio.CancelledError):
        return C.CANCELLED
    if isinstance(exc, socket.gaierror) or step is StepName.RESOLVE:
        return C.DNS_FAILED if isinstance(exc, OSError) else C.UNEXPECTED
    if step is StepName.CONNECT:
        return C.CONNECT_TIMEOUT if isinstance(exc, TimeoutError) else C.CONNECT_REFUSED
    cert_error = find_cause(exc, ssl.SSLCertVerificationError)
    if isinstance(cert_error, ssl.SSLCertVerificationError):
        return cert_problem(cert_error)
    ssl_error = find_cause(exc, ssl.SSLError)
    if isinstance(ssl_error, ssl.SSLError):
        implicit = step is StepName.TLS and security is Security.SMTPS
        if implicit and (ssl_error.reason or "") in WRONG_MODE_REASONS:
            return C.TLS_WRONG_MODE
        return C.TLS_HANDSHAKE_FAILED
    if isinstance(exc, aiosmtplib.SMTPResponseException) and exc.code > 0:
        return _reply_code(exc.code, step)
    if isinstance(exc, TimeoutError):
        # No answer: before the greeting it is the greeting that never came; later the server went quiet.
        return C.GREETING_TIMEOUT if step in (StepName.TLS, StepName.GREETING) else C.CONNECTION_LOST
    if isinstance(exc, ConnectionError | aiosmtplib.SMTPServerDisconnected | EOFError):
        return C.CONNECTION_LOST
    if isinstance(exc, OSError) and step is StepName.STARTTLS:
        return C.TLS_HANDSHAKE_FAILED
    return C.UNEXPECTED


def diagnose_exception(exc: BaseException, step: StepName, ctx: Context) -> Diagnosis:
    """The diagnosis for an exception raised while `step` ran (tests and callers without an engine)."""
    code = code_for(exc, step, ctx.security)
    reply = ""
    if isinstance(exc, aiosmtplib.SMTPResponseException) and exc.code > 0:
        reply = "\n".join(reply_lines(exc.code, exc.message))
        ctx = replace(ctx, reply_code=exc.code, reply=safe_text(exc.message), step=step)
    if isinstance(exc, socket.gaierror):
        ctx = replace(ctx, lookup_failure=lookup_failure(exc), step=step)
    return describe(code, ctx, server_reply=reply)
