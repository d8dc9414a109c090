"""The probe report as plain text for "Details" and "Copy report". Holds nothing the report does not."""

from __future__ import annotations

from wizard.probe.report import ProbeReport


def steps_text(report: ProbeReport) -> list[str]:
    return [f"{step.name!s:<10} {step.status!s:<8} {step.ms:8.1f} ms  {step.detail}".rstrip() for step in report.steps]


def facts_text(report: ProbeReport) -> list[str]:
    server = report.server
    lines = [
        f"server: {server.host}:{server.port} ({server.security}) {server.address}".rstrip(),
        f"greeting: {server.greeting}",
        f"capabilities: {', '.join(server.capabilities)}",
    ]
    if server.auth_mechanisms:
        lines.append(f"auth: {', '.join(server.auth_mechanisms)}")
    tls = report.tls
    if tls is not None:
        lines += [
            f"tls: {tls.version} {tls.cipher}".rstrip(),
            f"certificate subject: {tls.subject}",
            f"certificate issuer: {tls.issuer}",
            f"valid: {tls.not_before} .. {tls.not_after}",
            f"names: {', '.join(tls.san)}",
            f"sha256: {tls.sha256}",
        ]
    return lines


def report_text(report: ProbeReport) -> str:
    lines = [f"SMTP test: {'passed' if report.ok else 'failed'}"]
    diagnosis = report.diagnosis
    if diagnosis is not None:
        lines += [f"diagnosis: {diagnosis.code} - {diagnosis.title}", diagnosis.meaning, diagnosis.advice]
        if diagnosis.server_reply:
            lines += ["server said:", *(f"  {line}" for line in diagnosis.reply_lines)]
    if report.message_id:
        lines.append(f"test mail: {report.message_id}")
    lines += [f"warning ({w.code}): {w.text()}" for w in report.warnings]
    lines += ["", "steps:", *steps_text(report), "", *facts_text(report), "", "transcript:", *report.transcript]
    return "\n".join(lines) + "\n"
