"""The live test as a face shows it: the checklist with each step's state and time, the verdict, the
diagnosis with its fix-it link, and the details (transcript) — built from the probe's step events."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.ehlo_name import EHLO_WARNING_CODES, ehlo_warnings
from wizard.core.endpoint import route_for
from wizard.core.i18n import tr
from wizard.core.warnings import SetupWarning
from wizard.flow.pages import PageId
from wizard.flow.report_text import report_text
from wizard.probe.coverage import coverage_sentence as coverage_sentence  # re-exported: the faces show it

# ProbeReport, StepName, StepStatus are re-exported: the faces show the flow's test through these names
from wizard.probe.report import DiagnosisCode, Step
from wizard.probe.report import ProbeReport as ProbeReport
from wizard.probe.report import StepName as StepName
from wizard.probe.report import StepStatus as StepStatus
from wizard.probe.steps import plan

if TYPE_CHECKING:
    from wizard.deliverability.verdicts import Deliverability
    from wizard.probe.engine import ProbeRequest

# Which page holds the value a diagnosis points at, and the words of the link that leads there.
FIX_PAGE: dict[DiagnosisCode, tuple[PageId, str]] = {
    DiagnosisCode.DNS_FAILED: (PageId.SERVER, "flow.fix.server_name"),
    DiagnosisCode.CONNECT_REFUSED: (PageId.SERVER, "flow.fix.server_port"),
    DiagnosisCode.CONNECT_TIMEOUT: (PageId.SERVER, "flow.fix.server_port"),
    DiagnosisCode.GREETING_TIMEOUT: (PageId.SECURITY, "flow.fix.encryption"),
    DiagnosisCode.TLS_WRONG_MODE: (PageId.SECURITY, "flow.fix.encryption"),
    DiagnosisCode.STARTTLS_UNAVAILABLE: (PageId.SECURITY, "flow.fix.encryption"),
    DiagnosisCode.TLS_HANDSHAKE_FAILED: (PageId.SECURITY, "flow.fix.encryption"),
    DiagnosisCode.CERT_UNTRUSTED: (PageId.SERVER, "flow.fix.server_name"),
    DiagnosisCode.CERT_HOSTNAME_MISMATCH: (PageId.SERVER, "flow.fix.server_name"),
    DiagnosisCode.CERT_EXPIRED: (PageId.SERVER, "flow.fix.server_name"),
    DiagnosisCode.AUTH_FAILED: (PageId.SECRET, "flow.fix.password"),
    DiagnosisCode.AUTH_REQUIRED: (PageId.SECRET, "flow.fix.enter_password"),
    DiagnosisCode.AUTH_UNAVAILABLE: (PageId.SECURITY, "flow.fix.encryption"),
    DiagnosisCode.SENDER_REJECTED: (PageId.ACCOUNT, "flow.fix.address"),
    DiagnosisCode.MESSAGE_REJECTED: (PageId.ACCOUNT, "flow.fix.sender"),
    DiagnosisCode.RECIPIENT_REJECTED: (PageId.TEST, "flow.fix.recipient"),
}
# Where the chosen advice (wizard/probe/advice.py) says the fix is, when that is not the code's usual page.
# None: the fix is outside the wizard (an administrator, the provider's console): no link then, rather than
# one back to a value that cannot help (e.g. "Change the password" when SMTP AUTH is switched off).
ADVICE_FIX_PAGE: dict[str, PageId | None] = {
    "ms_smtp_auth_disabled": None,
    "ms_security_defaults": None,
    "ms_basic_auth_disabled": None,
    "ms_conditional_access": None,
    "ms_personal_password_login_ended": None,
    "too_many_logins": None,
    "ip_blocked": None,
    "ses_not_authorized": None,
    "ses_identity_unverified": None,
    "sendgrid_sender_identity": None,
    "slow_server": None,
    "starttls_first": PageId.SECURITY,
    "auth_needs_tls": PageId.SECURITY,
    "plaintext_auth": PageId.SECURITY,
    "no_auth_after_tls": PageId.SERVER,
    "mx_not_submission": PageId.SERVER,
    "auth_mechanism_unsupported": PageId.SERVER,
    "login_not_address": PageId.ACCOUNT,
    "sender_not_owned": PageId.ACCOUNT,
    "send_as_denied": PageId.ACCOUNT,
    # Issue #21: causes outside the wizard's values (the machine's name and DNS, the relay's policy tables)
    "no_name_service": None,
    "helo_rejected_machine": None,
    "helo_rejected_compose_hostname": None,
    "helo_rejected_container_id": None,
    "helo_not_in_dns": None,
    "reverse_dns": None,
    "spf_failed": None,
    "dmarc_failed": None,
    "sender_login_map": None,
    "auth_windows_only": None,
    "zoho_relaying_disallowed": PageId.SERVER,
    "cert_names": PageId.SERVER,
    "cert_wildcard_depth": PageId.SERVER,
    "cert_dates": None,
    "cert_dates_intermediate": None,
    "cert_chain_incomplete": None,
    "cert_issuer_not_sent": None,
    "cert_issuer_not_sent_ca_given": None,
    "cert_other_ca": None,
    "cert_unknown_ca": None,
    "ses_sandbox_recipient": PageId.TEST,
    "authorized_recipients_only": PageId.TEST,
}
# The link's words when the advice chose the page.
FIX_LABEL_FOR_PAGE = {
    PageId.SERVER: "flow.fix.server_port",
    PageId.SECURITY: "flow.fix.encryption",
    PageId.SECRET: "flow.fix.password",
    PageId.ACCOUNT: "flow.fix.address",
    PageId.TEST: "flow.fix.recipient",
}


def offers_no_password(code: DiagnosisCode, *, password_set: bool) -> bool:
    """Whether the failure's remedy includes "Retry without a password": the server offers no login at all
    (a relay such as msmtpd), yet a password is set. Every face offers it next to the fix link."""
    return code is DiagnosisCode.AUTH_UNAVAILABLE and password_set


def fix_for(code: DiagnosisCode, advice_id: str = "") -> tuple[PageId, str] | None:
    """The page holding the value to change and the link's message id; None when no value of the wizard
    helps. The advice chosen for the failure decides first, then the diagnosis code."""
    if advice_id in ADVICE_FIX_PAGE:
        page = ADVICE_FIX_PAGE[advice_id]
        return (page, FIX_LABEL_FOR_PAGE[page]) if page is not None else None
    return FIX_PAGE.get(code)


@dataclass
class TestRun:
    """One run of the probe. `steps` in checklist order; `report` once it has ended (or `refusal`)."""

    steps: dict[StepName, Step] = field(default_factory=dict)
    started: dict[StepName, float] = field(default_factory=dict)  # time.monotonic() a step began running
    report: ProbeReport | None = None
    refusal: str = ""  # a value refused before connecting (the test never started)
    host: str = ""
    port: int = 0
    # The sender domain's SPF, DMARC and DKIM (SPEC §11): set at most 2 s after a passed test ended.
    deliverability: Deliverability | None = None
    # Said before the test (SPEC §12 rev 3): the EHLO name the server will send, when strict relays refuse it.
    notices: list[SetupWarning] = field(default_factory=list)

    @classmethod
    def start(cls, request: ProbeRequest) -> TestRun:
        # lazy: aiosmtplib when a test starts, not when the Test page's views are built
        from wizard.probe.engine import ehlo_of

        route = route_for(request.settings)
        names = plan(route.security, auth=request.secret is not None, send=request.send_to is not None)
        return cls(
            steps={name: Step(name) for name in names},
            host=request.settings.host,
            port=request.settings.port,
            notices=ehlo_warnings(ehlo_of(request)),
        )

    @classmethod
    def refused(cls, reason: str) -> TestRun:
        return cls(refusal=reason)

    def update(self, step: Step) -> None:
        if step.status is StepStatus.RUNNING:
            self.started[step.name] = time.monotonic()
        self.steps[step.name] = step

    def finish(self, report: ProbeReport) -> None:
        self.report = report
        for step in report.steps:
            self.steps[step.name] = step

    def crash(self, reason: str) -> None:
        self.refusal = reason

    # -- what a face shows ------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.report is not None or bool(self.refusal)

    @property
    def passed(self) -> bool:
        return self.report is not None and self.report.ok

    @property
    def cancelled(self) -> bool:
        diagnosis = self.report.diagnosis if self.report is not None else None
        return diagnosis is not None and diagnosis.code is DiagnosisCode.CANCELLED

    def elapsed_ms(self, name: StepName, now: float | None = None) -> float:
        """A finished step's time, or how long a running step has been waiting so far."""
        step = self.steps[name]
        if step.status is StepStatus.RUNNING and name in self.started:
            return ((now if now is not None else time.monotonic()) - self.started[name]) * 1000
        return step.ms

    def rows(self, now: float | None = None) -> list[tuple[str, StepStatus, str, str]]:
        """(step label, status, status word, time) for each step of the checklist."""
        found = []
        for name, step in self.steps.items():
            ms = self.elapsed_ms(name, now)
            timed = step.status in (StepStatus.RUNNING, StepStatus.OK, StepStatus.FAILED)
            shown = "" if not timed else f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"
            found.append((tr(f"step.{name}"), step.status, tr(f"flow.status.{step.status}"), shown))
        return found

    def verdict(self) -> str:
        if self.refusal:
            return self.refusal
        if self.report is None:
            return tr("flow.test.testing", host=self.host, port=self.port)
        if self.report.ok:
            return tr("flow.test.passed_mail" if self.report.message_id else "flow.test.passed")
        diagnosis = self.report.diagnosis
        return diagnosis.title if diagnosis is not None else tr("flow.test.failed")

    def explanation(self) -> list[str]:
        """What a failure means and what to do (the server's own words last), then any warnings (which a
        passing test can carry too, e.g. a login that is not an address)."""
        report = self.report
        if report is None:
            return [notice.text() for notice in self.notices]  # before and while the test runs
        lines: list[str] = [coverage_sentence(report)]  # a pass says what it covered ("" otherwise)
        diagnosis = report.diagnosis
        if diagnosis is not None and not report.ok:
            lines += [diagnosis.meaning, diagnosis.advice]
            if diagnosis.server_reply:
                lines.append(tr("flow.test.server_said", reply=" / ".join(diagnosis.reply_lines)))
        warnings = report.warnings
        if not report.ok:  # the failure comes first; the EHLO name was said before the test and returns on a pass
            warnings = [w for w in warnings if w.code not in EHLO_WARNING_CODES]
        lines += [warning.text() for warning in warnings]
        return [line for line in lines if line]

    @property
    def fix(self) -> tuple[PageId, str] | None:
        """The page holding the value the diagnosis points at, with the link's message id."""
        diagnosis = self.report.diagnosis if self.report is not None else None
        return fix_for(diagnosis.code, diagnosis.advice_id) if diagnosis is not None else None

    def details(self, secret: str = "") -> str:
        """The report as text for "Details": the deliverability verdicts (once looked up), steps, server and
        TLS facts, the redacted transcript. `secret` is scrubbed as well, should any server echo it."""
        if self.report is None:
            return ""

        text = report_text(self.report, self.deliverability)
        return text.replace(secret, "***") if secret else text
