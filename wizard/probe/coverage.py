"""What a passing test covered, in words (SPEC §12 rev 3: "a pass states what it covered"): the parts it tried
and passed (`ProbeReport.covered`: connect, tls, login, mail) and the parts it did not try, with why."""

from __future__ import annotations

from wizard.core.i18n import tr
from wizard.probe.report import COVERAGE, ProbeReport, StepName


def not_tried(report: ProbeReport) -> list[str]:
    """The parts of COVERAGE this run did not try (a failed run stops early: only what its plan left out)."""
    planned = {step.name for step in report.steps}
    missing = []
    if StepName.TLS not in planned and StepName.STARTTLS not in planned:
        missing.append("tls")
    if StepName.AUTH not in planned:
        missing.append("login")
    if StepName.DATA not in planned:
        missing.append("mail")
    return missing


def coverage_sentence(report: ProbeReport, lang: str | None = None) -> str:
    """E.g. "Tried: connection, encryption, login. Not tried: test mail (no recipient given)." ("" unless ok)."""
    if not report.ok:
        return ""
    done = [tr(f"coverage.done.{part}", lang) for part in report.covered]
    text = tr("coverage.tried", lang, parts=", ".join(done))
    missing = [tr(f"coverage.missing.{part}", lang) for part in not_tried(report) if part in COVERAGE]
    if missing:
        text += " " + tr("coverage.not_tried", lang, parts="; ".join(missing))
    return text
