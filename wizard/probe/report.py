"""What a probe run produces: steps, server and TLS facts, a redacted transcript, at most one diagnosis.

Plain data with a JSON form (SPEC §5). Nothing in here ever holds the secret.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from wizard.core.warnings import SetupWarning


class StepName(StrEnum):
    RESOLVE = "resolve"
    CONNECT = "connect"
    TLS = "tls"  # the implicit-TLS handshake
    GREETING = "greeting"
    EHLO = "ehlo"
    STARTTLS = "starttls"
    EHLO_TLS = "ehlo_tls"  # the second EHLO, inside TLS
    AUTH = "auth"
    MAIL_FROM = "mail_from"
    RCPT_TO = "rcpt_to"
    DATA = "data"
    QUIT = "quit"


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


class DiagnosisCode(StrEnum):
    DNS_FAILED = "dns_failed"
    CONNECT_REFUSED = "connect_refused"
    CONNECT_TIMEOUT = "connect_timeout"
    GREETING_TIMEOUT = "greeting_timeout"
    TLS_WRONG_MODE = "tls_wrong_mode"
    STARTTLS_UNAVAILABLE = "starttls_unavailable"
    TLS_HANDSHAKE_FAILED = "tls_handshake_failed"
    CERT_UNTRUSTED = "cert_untrusted"
    CERT_HOSTNAME_MISMATCH = "cert_hostname_mismatch"
    CERT_EXPIRED = "cert_expired"
    AUTH_FAILED = "auth_failed"
    AUTH_UNAVAILABLE = "auth_unavailable"
    AUTH_REQUIRED = "auth_required"
    SENDER_REJECTED = "sender_rejected"
    RECIPIENT_REJECTED = "recipient_rejected"
    MESSAGE_REJECTED = "message_rejected"
    SERVER_UNAVAILABLE = "server_unavailable"
    TEMPORARY_FAILURE = "temporary_failure"
    CONNECTION_LOST = "connection_lost"
    CANCELLED = "cancelled"
    UNEXPECTED = "unexpected"


# What a run can cover, in order (JSON "covered").
COVERAGE = ("connect", "tls", "login", "mail")


@dataclass
class Step:
    """One step's state. While RUNNING, `started` (seconds on the `time.monotonic()` clock), `limit` (seconds
    it may take) and `waiting_for` (localized: what the probe waits for) let a face show the elapsed time."""

    name: StepName
    status: StepStatus = StepStatus.PENDING
    ms: float = 0.0
    detail: str = ""
    started: float = 0.0
    limit: float = 0.0
    waiting_for: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"name": str(self.name), "status": str(self.status), "ms": round(self.ms, 1), "detail": self.detail}


@dataclass(frozen=True)
class Diagnosis:
    """One named failure: a stable code and localized texts (title, what it means, what to do)."""

    code: DiagnosisCode
    title: str
    meaning: str
    advice: str
    # The server's own words as on the wire, one line per reply line ("535-5.7.8 ...", "535 5.7.8 ..."), safe
    # to print (invalid UTF-8 replaced, no control characters); empty when the server said nothing.
    server_reply: str = ""
    advice_id: str = ""  # which piece of advice was chosen (wizard/probe/advice.py): stable, for tests and JSON
    step: str = ""  # the step that failed (StepName value), empty when none ran
    params: tuple[tuple[str, str], ...] = ()  # the facts the texts were filled with: to re-localize

    @property
    def reply_lines(self) -> list[str]:
        return self.server_reply.splitlines()

    def to_json(self) -> dict[str, Any]:
        return {
            "code": str(self.code),
            "title": self.title,
            "meaning": self.meaning,
            "advice": self.advice,
            "advice_id": self.advice_id,
            "step": self.step,
            "server_reply": self.server_reply,
            "server_reply_lines": self.reply_lines,
        }


@dataclass
class ServerFacts:
    host: str = ""
    port: int = 0
    security: str = ""
    address: str = ""  # the IP address connected to
    addresses: list[str] = field(default_factory=list)  # every address the name resolved to, resolver order
    greeting: str = ""
    ehlo_name: str = ""
    capabilities: list[str] = field(default_factory=list)
    auth_mechanisms: list[str] = field(default_factory=list)
    max_size: int | None = None


@dataclass
class TlsFacts:
    version: str = ""
    cipher: str = ""
    subject: str = ""
    issuer: str = ""
    not_before: str = ""
    not_after: str = ""
    sha256: str = ""
    san: list[str] = field(default_factory=list)
    # From the second, non-verifying look after a failed verification (wizard/probe/cert_inspect.py):
    # how many certificates the server sent (None: not looked at or not known) and whether that was only its
    # own, without the certificate that issued it.
    chain_sent: int | None = None
    chain_incomplete: bool | None = None


@dataclass
class ProbeReport:
    ok: bool
    steps: list[Step]
    server: ServerFacts
    tls: TlsFacts | None = None
    diagnosis: Diagnosis | None = None
    transcript: list[str] = field(default_factory=list)  # redacted: AUTH payloads are ***
    message_id: str = ""  # of the test mail, when one was sent
    written: list[str] = field(default_factory=list)  # files written after the probe (apply)
    # What the server will do differently from this test, or what the user must know (a pass with --ca-file,
    # a login that is not an address, a domain that cannot receive internet mail). Also on a pass.
    warnings: list[SetupWarning] = field(default_factory=list)
    ehlo_name: str = ""  # the name this probe sent in EHLO: the one the server will send (SPEC §12 rev 3)

    @property
    def covered(self) -> list[str]:
        """What the run tried and passed, in order: a subset of COVERAGE (SPEC §12 rev 3, JSON "covered")."""
        done = {step.name for step in self.steps if step.status is StepStatus.OK}
        found = {
            "connect": StepName.CONNECT in done,
            "tls": bool(done & {StepName.TLS, StepName.STARTTLS}),
            "login": StepName.AUTH in done,
            "mail": StepName.DATA in done,
        }
        return [name for name in COVERAGE if found[name]]

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "ehlo_name": self.ehlo_name,
            "covered": self.covered,
            "diagnosis": self.diagnosis.to_json() if self.diagnosis else None,
            "steps": [s.to_json() for s in self.steps],
            "server": asdict(self.server),
            "tls": asdict(self.tls) if self.tls else None,
            "transcript": list(self.transcript),
            "message_id": self.message_id,
            "written": list(self.written),
            "warnings": [w.to_json() for w in self.warnings],
        }
