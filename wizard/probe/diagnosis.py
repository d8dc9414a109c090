"""From a failure to exactly one diagnosis: a stable code plus localized title, meaning, advice and hints.

The texts are data in `resources/i18n/diagnosis.toml` (`diagnosis.<code>.title|meaning|advice` and
`diagnosis.hint.<key>`). This module only decides *which* code and *which* hints apply.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from dataclasses import dataclass, replace

import aiosmtplib

from wizard.core.i18n import tr
from wizard.core.settings import Security, is_address
from wizard.probe.report import Diagnosis, DiagnosisCode, StepName
from wizard.probe.tls import WRONG_MODE_REASONS, cert_problem, find_cause

C = DiagnosisCode

# Host names by provider, for provider-specific hints (suffix match).
PROVIDER_HOSTS: dict[str, tuple[str, ...]] = {
    "gmail": ("smtp.gmail.com", "smtp.googlemail.com", "smtp-relay.gmail.com"),
    "microsoft365": ("smtp.office365.com", "smtp-mail.outlook.com", "outlook.office365.com"),
}

# Which hint applies to which codes; the texts are `diagnosis.hint.<key>`.
_PROVIDER_HINTS: dict[str, frozenset[DiagnosisCode]] = {
    "gmail": frozenset({C.AUTH_FAILED, C.AUTH_UNAVAILABLE, C.AUTH_REQUIRED}),
    "microsoft365": frozenset({C.AUTH_FAILED, C.AUTH_UNAVAILABLE, C.AUTH_REQUIRED}),
}
_PORT25_CODES = frozenset({C.CONNECT_TIMEOUT, C.CONNECT_REFUSED, C.GREETING_TIMEOUT})
_LOCAL_CERT_CODES = frozenset({C.CERT_UNTRUSTED, C.CERT_HOSTNAME_MISMATCH})
_SENDER_CODES = frozenset({C.SENDER_REJECTED, C.MESSAGE_REJECTED})


@dataclass(frozen=True)
class Context:
    """What the diagnosis may talk about; never the secret."""

    host: str
    port: int
    security: Security
    sender: str = ""
    login: str = ""
    recipient: str = ""
    secret_given: bool = False


def provider_of(host: str) -> str:
    name = host.lower().rstrip(".")
    for provider, hosts in PROVIDER_HOSTS.items():
        if any(name == h or name.endswith("." + h) for h in hosts):
            return provider
    return ""


def is_local_host(host: str) -> bool:
    """Loopback (127.0.0.0/8, ::1, localhost): credentials may go there without TLS."""
    name = host.lower().rstrip(".").strip("[]")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_relay_host(host: str) -> bool:
    """A machine on this host or network, where a self-signed certificate is common."""
    name = host.lower().rstrip(".").strip("[]")
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return is_local_host(name) or "." not in name or name.endswith((".local", ".lan", ".internal", ".home.arpa"))
    return address.is_loopback or address.is_private or address.is_link_local


def hints_for(code: DiagnosisCode, ctx: Context, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    hints = list(extra)
    provider = provider_of(ctx.host)
    if provider and code in _PROVIDER_HINTS[provider]:
        hints.append(provider)
    if ctx.port == 25 and code in _PORT25_CODES:
        hints.append("port25_blocked")
    if code in _LOCAL_CERT_CODES and _is_relay_host(ctx.host):
        hints.append("local_self_signed")
    if code is C.TLS_WRONG_MODE:
        hints.append("wrong_mode_plain_port" if ctx.security is Security.SMTPS else "wrong_mode_tls_port")
    if code in _SENDER_CODES and ctx.login and not is_address(ctx.login):
        hints.append("login_not_address")
    return tuple(hints)


def _params(ctx: Context) -> dict[str, str]:
    return {
        "host": ctx.host,
        "port": str(ctx.port),
        "security": str(ctx.security),
        "sender": ctx.sender,
        "login": ctx.login or ctx.sender,
        "recipient": ctx.recipient or ctx.sender,
    }


def _render(diagnosis: Diagnosis, lang: str | None) -> Diagnosis:
    """Fill in title, meaning, advice and hint texts; `security` is shown by its localized name."""
    params = dict(diagnosis.params)
    fields = {**params, "security": tr(f"diagnosis.security.{params.get('security', 'none')}", lang)}
    code = diagnosis.code
    return replace(
        diagnosis,
        title=tr(f"diagnosis.{code}.title", lang, **fields),
        meaning=tr(f"diagnosis.{code}.meaning", lang, **fields),
        advice=tr(f"diagnosis.{code}.advice", lang, **fields),
        provider_advice=" ".join(tr(f"diagnosis.hint.{h}", lang, **fields) for h in diagnosis.hints),
    )


def describe(
    code: DiagnosisCode,
    ctx: Context,
    *,
    server_reply: str = "",
    extra_hints: tuple[str, ...] = (),
    lang: str | None = None,
) -> Diagnosis:
    """The localized diagnosis for `code` in this context (current language unless `lang`)."""
    blank = Diagnosis(
        code=code,
        title="",
        meaning="",
        advice="",
        server_reply=server_reply,
        hints=hints_for(code, ctx, extra_hints),
        params=tuple(sorted(_params(ctx).items())),
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
    code = code_for(exc, step, ctx.security)
    reply = ""
    if isinstance(exc, aiosmtplib.SMTPResponseException) and exc.code > 0:
        reply = f"{exc.code} {exc.message}".strip()
    return describe(code, ctx, server_reply=reply)
