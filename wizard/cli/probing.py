"""Running the live probe from the CLI and printing its checklist and diagnosis."""

from __future__ import annotations

import asyncio
from pathlib import Path

from wizard.cli.output import say
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import Settings
from wizard.probe.report import ProbeReport, Step, StepStatus

_MARKS = {StepStatus.OK: "✓", StepStatus.FAILED: "✗", StepStatus.SKIPPED: "–"}


def run_cli_probe(
    settings: Settings,
    secret: Secret | None,
    *,
    send_to: str | None,
    timeout: float,
    ca_file: Path | None,
    allow_plaintext_auth: bool,
    connect_to: tuple[str, int] | None = None,
) -> ProbeReport:
    """`connect_to`: reach the endpoint at this (host, port) instead, keeping its TLS host name (a compose
    service tested through its published port)."""
    from wizard.probe.engine import ProbeRequest, run_probe

    request = ProbeRequest(
        settings=settings,
        secret=secret,
        send_to=send_to,
        timeout=timeout,
        deadline=max(timeout * 3, timeout + 10),
        ca_file=ca_file,
        allow_plaintext_auth=allow_plaintext_auth,
        connect_to=connect_to,
    )
    return asyncio.run(run_probe(request))


def step_line(step: Step) -> str:
    mark = _MARKS.get(step.status, " ")
    label = tr(f"step.{step.name}")
    timing = f" ({step.ms:.0f} ms)" if step.status in (StepStatus.OK, StepStatus.FAILED) else ""
    detail = f" — {step.detail}" if step.detail and step.status is StepStatus.FAILED else ""
    return f"  {mark} {label}{timing}{detail}"


def print_report(report: ProbeReport) -> None:
    for step in report.steps:
        if step.status is not StepStatus.PENDING:
            say(step_line(step))
    if report.ok:
        say(tr("cli.probe_ok"))
        return
    diagnosis = report.diagnosis
    if diagnosis is None:
        return
    say("")
    say(f"{tr('cli.problem')} {diagnosis.title} [{diagnosis.code}]")
    say(f"  {diagnosis.meaning}")
    if diagnosis.server_reply:
        say(f"  {tr('cli.server_said')}")
        for line in diagnosis.reply_lines:  # multi-line replies line by line, as the server sent them
            say(f"    {line}")
    say(f"  {tr('cli.what_to_do')} {diagnosis.advice}")
