"""The probe report as plain text for "Details" and "Copy report", in the user's language where it is prose.
Holds nothing the report does not (the transcript is already redacted by the probe)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.core.i18n import tr
from wizard.probe.coverage import coverage_sentence
from wizard.probe.report import ProbeReport

if TYPE_CHECKING:
    from wizard.deliverability.verdicts import Deliverability


def _steps(report: ProbeReport) -> list[str]:
    lines = []
    for step in report.steps:
        name, status = tr(f"step.{step.name}"), tr(f"flow.status.{step.status}")
        lines.append(f"{name:<34} {status:<14} {step.ms:8.1f} ms  {step.detail}".rstrip())
    return lines


def _facts(report: ProbeReport) -> list[str]:
    server = report.server
    lines = [
        f"{tr('flow.report.server')}: {server.host}:{server.port} ({server.security}) {server.address}".rstrip(),
        f"EHLO: {report.ehlo_name}",  # the name sent, the one the server will send
        f"{tr('flow.report.greeting')}: {server.greeting}",
        f"{tr('flow.report.capabilities')}: {', '.join(server.capabilities)}",
    ]
    if server.auth_mechanisms:
        lines.append(f"AUTH: {', '.join(server.auth_mechanisms)}")
    tls = report.tls
    if tls is not None:
        lines += [
            f"TLS: {tls.version} {tls.cipher}".rstrip(),
            f"{tr('flow.report.subject')}: {tls.subject}",
            f"{tr('flow.report.issuer')}: {tls.issuer}",
            f"{tr('flow.report.valid')}: {tls.not_before} .. {tls.not_after}",
            f"{tr('flow.report.names')}: {', '.join(tls.san)}",
            f"SHA-256: {tls.sha256}",
        ]
    return lines


def report_text(report: ProbeReport, deliverability: Deliverability | None = None) -> str:
    """The report; with `deliverability` (the sender domain's verdicts, SPEC §11) its heading and one line
    per record after the verdict, as the Test page shows them."""
    lines = [tr("flow.report.passed" if report.ok else "flow.report.failed")]
    if report.ok:
        lines.append(coverage_sentence(report))
    diagnosis = report.diagnosis
    if diagnosis is not None:
        lines += [f"{diagnosis.code}: {diagnosis.title}", diagnosis.meaning, diagnosis.advice]
        if diagnosis.server_reply:
            lines += [tr("flow.test.server_said", reply=""), *(f"  {line}" for line in diagnosis.reply_lines)]
    lines += [warning.text() for warning in report.warnings]
    if report.message_id:
        lines.append(f"Message-ID: {report.message_id}")
    if deliverability is not None:
        lines += ["", *deliverability.lines()]
    lines += ["", *_steps(report), "", *_facts(report), "", tr("flow.report.transcript"), *report.transcript]
    return "\n".join(lines) + "\n"
