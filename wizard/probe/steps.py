"""The probe's checklist: which steps a run will take, their state and timing, reported as they change."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from wizard.core.settings import Security
from wizard.probe.report import Step, StepName, StepStatus

StepCallback = Callable[[Step], None]
log = logging.getLogger("wizard.probe")


def plan(security: Security, *, auth: bool, send: bool) -> list[StepName]:
    """The steps in order (SPEC §4): a connection-only check stops after AUTH, then says QUIT."""
    names = [StepName.RESOLVE, StepName.CONNECT]
    if security is Security.SMTPS:
        names.append(StepName.TLS)
    names += [StepName.GREETING, StepName.EHLO]
    if security is Security.STARTTLS:
        names += [StepName.STARTTLS, StepName.EHLO_TLS]
    if auth:
        names.append(StepName.AUTH)
    if send:
        names += [StepName.MAIL_FROM, StepName.RCPT_TO, StepName.DATA]
    names.append(StepName.QUIT)
    return names


def failure_detail(exc: BaseException) -> str:
    """A short technical line for a failed step (scrubbed by the caller)."""
    detail = getattr(exc, "detail", None)
    if isinstance(detail, str):
        return detail
    text = str(exc).strip()
    if isinstance(exc, TimeoutError) and not text:
        return "timed out"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class Checklist:
    def __init__(self, names: list[StepName], on_step: StepCallback | None, scrub: Callable[[str], str]) -> None:
        self.steps = [Step(name) for name in names]
        self._on_step = on_step
        self._scrub = scrub
        self.last: Step | None = None  # the step that ran most recently: where a failure happened

    def mute(self) -> None:
        """No more reports (the caller has gone)."""
        self._on_step = None

    def get(self, name: StepName) -> Step:
        return next(step for step in self.steps if step.name is name)

    def _emit(self, step: Step) -> None:
        if self._on_step is None:
            return
        try:
            self._on_step(replace(step))  # a snapshot: the callee may keep it
        except Exception:
            log.exception("on_step callback failed for step %s", step.name)

    @contextmanager
    def run(self, name: StepName) -> Iterator[Step]:
        """Marks the step running, then ok when the block ends, or failed (with a detail) when it raises."""
        step = self.get(name)
        step.status = StepStatus.RUNNING
        self.last = step
        self._emit(step)
        started = time.perf_counter()
        try:
            yield step
        except BaseException as exc:
            step.ms = (time.perf_counter() - started) * 1000
            step.status = StepStatus.FAILED
            step.detail = self._scrub(step.detail or failure_detail(exc))
            self._emit(step)
            raise
        step.ms = (time.perf_counter() - started) * 1000
        step.status = StepStatus.OK
        step.detail = self._scrub(step.detail)
        self._emit(step)

    def finish(self, status: StepStatus, name: StepName, detail: str) -> None:
        """Set a step's outcome without running it (a phase that happened inside another step)."""
        step = self.get(name)
        step.status, step.detail = status, self._scrub(detail)
        self.last = step
        self._emit(step)

    def skip_rest(self) -> None:
        for step in self.steps:
            if step.status in (StepStatus.PENDING, StepStatus.RUNNING):
                step.status = StepStatus.SKIPPED if step.status is StepStatus.PENDING else StepStatus.FAILED
                self._emit(step)
