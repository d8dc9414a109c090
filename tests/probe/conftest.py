"""Helpers for the probe tests."""

from __future__ import annotations

from wizard.probe.report import ProbeReport, StepName, StepStatus


def failed_step(report: ProbeReport) -> StepName | None:
    failed = [step.name for step in report.steps if step.status is StepStatus.FAILED]
    assert len(failed) <= 1, failed
    return failed[0] if failed else None


def code_of(report: ProbeReport) -> str | None:
    return str(report.diagnosis.code) if report.diagnosis else None
