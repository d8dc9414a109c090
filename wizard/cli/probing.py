"""Running the live probe from the CLI and printing its checklist and diagnosis."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from wizard.cli.output import say, say_warnings
from wizard.core.ehlo_name import EHLO_WARNING_CODES, EhloName, ehlo_warnings
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import Settings
from wizard.core.warnings import SetupWarning
from wizard.probe.coverage import coverage_sentence
from wizard.probe.report import ProbeReport, Step, StepStatus

if TYPE_CHECKING:
    from wizard.deliverability.verdicts import Deliverability

T = TypeVar("T")
_MARKS = {StepStatus.OK: "✓", StepStatus.FAILED: "✗", StepStatus.SKIPPED: "–"}


def run_cli_check(
    settings: Settings,
    secret: Secret | None,
    *,
    send_to: str | None,
    timeout: float,
    ca_file: Path | None,
    allow_plaintext_auth: bool,
    connect_to: tuple[str, int] | None = None,
    ehlo: EhloName | None = None,
    announce: bool = False,
) -> tuple[ProbeReport, Deliverability]:
    """The live test with its live line, and the sender domain's deliverability looked up beside it (SPEC §11):
    the verdicts come at most 2 s after the test ends; they never change its outcome. `connect_to`: reach the
    endpoint at this (host, port) instead, keeping its TLS host name (a compose service tested through its
    published port). `ehlo`: the name the server will send (None: this machine's); `announce`: say before the
    test what that name is when strict relays refuse it (human output)."""
    # lazy: the test's machinery (aiosmtplib, dnspython) when a command runs it, not when `check` is parsed
    from wizard.deliverability.check import probe_with_deliverability
    from wizard.probe.engine import ProbeRequest, run_probe

    if announce and ehlo is not None:
        say_warnings(ehlo_warnings(ehlo))
    request = ProbeRequest(
        settings=settings,
        secret=secret,
        send_to=send_to,
        timeout=timeout,
        deadline=max(timeout * 3, timeout + 10),
        ca_file=ca_file,
        allow_plaintext_auth=allow_plaintext_auth,
        connect_to=connect_to,
        ehlo=ehlo,
    )
    live = LiveLine(sys.stderr)
    probe = live.around(run_probe(request, on_step=live.show))
    checked = probe_with_deliverability(probe, settings.user, settings.host)
    return run_until_cancelled(checked)


def print_deliverability(found: Deliverability) -> None:
    """The verdicts after a passed test: the heading, then one line per record."""
    heading, *records = found.lines()
    say("")
    say(heading)
    for line in records:
        say(f"  {line}")


def fit_line(render: Callable[[str], str], waiting: str, columns: int) -> str:
    """The live line in at most `columns` characters: a line that wraps cannot be redrawn with a carriage
    return (it returns to the last row only, so every redraw would add a row). What is cut is the "waiting
    for" text, so the step and its seconds stay in view; only a step name longer than the whole line is cut
    itself."""
    text = render(waiting)
    overflow = len(text) - columns
    if overflow <= 0:
        return text
    keep = len(waiting) - overflow - 1
    text = render(waiting[:keep].rstrip() + "…") if keep > 0 else render("…")
    return text if len(text) <= columns else text[: max(columns - 1, 0)] + "…"


class LiveLine:
    """On a terminal (stderr), one line that says which step runs, what it waits for and for how long,
    redrawn a few times a second and erased when the probe ends (SPEC §4 rev 2). Silent elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()
        self._step: Step | None = None
        self._width = 0

    def show(self, step: Step) -> None:
        if step.status is StepStatus.RUNNING:
            self._step = step
            self._draw()
        elif self._step is not None and self._step.name is step.name:
            self._step = None

    async def around(self, probe: Awaitable[ProbeReport]) -> ProbeReport:
        ticker = asyncio.ensure_future(self._tick()) if self._enabled else None
        try:
            return await probe
        finally:
            if ticker is not None:
                ticker.cancel()
            self._erase()

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            self._draw()

    def _draw(self) -> None:
        step = self._step
        if not self._enabled or step is None:
            return
        elapsed = max(0.0, time.monotonic() - step.started)
        text = fit_line(
            lambda waiting: tr(
                "probe.live_step",
                step=tr(f"step.{step.name}"),
                waiting=waiting,
                elapsed=str(int(elapsed)),
                limit=f"{step.limit:.0f}",
            ),
            step.waiting_for,
            self._columns() - 1,
        )
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def _columns(self) -> int:
        """The terminal's width now (it may be resized while the probe runs); 80 when it cannot be asked or
        does not know (a pseudo-terminal nobody gave a size reports 0 columns)."""
        try:
            columns = os.get_terminal_size(self._stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 0
        return max(20, columns) if columns > 0 else 80

    def _erase(self) -> None:
        if self._enabled and self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._stream.flush()


def run_until_cancelled(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(main)`, except that after Ctrl-C / SIGTERM the errors of tasks torn down with the loop
    (a connection attempt aborted mid-way) are not printed: the run ends as `cancelled`, never a traceback."""
    interrupted = False

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if not interrupted:
            loop.default_exception_handler(context)

    with asyncio.Runner() as runner:
        runner.get_loop().set_exception_handler(handler)
        try:
            return runner.run(main)
        except KeyboardInterrupt:  # also Cancelled (SIGTERM)
            interrupted = True
            raise


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
        say(coverage_sentence(report))  # what the pass covered, and what it did not try
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


def later_warnings(warnings: list[SetupWarning]) -> list[SetupWarning]:
    """The warnings to print after the test: the EHLO name's were said before it (`run_cli_check`)."""
    return [w for w in warnings if w.code not in EHLO_WARNING_CODES]
