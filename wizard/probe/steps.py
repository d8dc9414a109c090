"""The probe's checklist: which steps a run will take, their state and timing, reported as they change."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import aiosmtplib

from wizard.core.i18n import tr
from wizard.core.os_reason import os_reason
from wizard.core.settings import Security
from wizard.probe.report import Step, StepName, StepStatus
from wizard.probe.tls import find_cause
from wizard.probe.transcript import reply_lines

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


def failure_detail(exc: BaseException, scrub: Callable[[str], str] | None = None) -> str:
    """A short line for a failed step in the reader's language: the server's reply, the system's words for a
    network error, never a Python class name or repr (scrubbed and made safe by the caller; a reply is
    scrubbed with `scrub` before it is shortened, so no cut leaves part of a secret)."""
    detail = getattr(exc, "detail", None)
    if isinstance(detail, str):
        return detail
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        if exc.code > 0:
            return reply_lines(exc.code, scrub(exc.message) if scrub is not None else exc.message)[0]
        # aiosmtplib's code -1: an answer that is no SMTP reply ("Malformed SMTP response line: <line>")
        line = exc.message.partition("line: ")[2].strip() if "line: " in exc.message else exc.message.strip()
        return tr("probe.detail.not_smtp", line=line.split("\n")[0])
    if isinstance(exc, TimeoutError):
        return tr("probe.detail.no_answer")
    tls = find_cause(exc, ssl.SSLError)
    if isinstance(tls, ssl.SSLCertVerificationError):
        return tr("probe.detail.tls_failed", reason=tls.verify_message or tls.reason or "")
    if isinstance(tls, ssl.SSLError):
        return tr("probe.detail.tls_failed", reason=tls.reason or tls.strerror or "")
    os_error = find_cause(exc, OSError)
    if isinstance(os_error, OSError) and os_error.errno:
        return os_reason(os_error)  # in the user's language, not the system's English
    if isinstance(exc, ConnectionError | aiosmtplib.SMTPServerDisconnected | EOFError):
        return tr("probe.detail.connection_closed")
    return tr("probe.detail.unexpected")


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
    def run(self, name: StepName, waiting_for: str = "", limit: float = 0.0) -> Iterator[Step]:
        """Marks the step running (with its start time, `limit` in seconds and what it waits for), then ok when
        the block ends, or failed (with a detail) when it raises."""
        step = self.get(name)
        step.status = StepStatus.RUNNING
        step.started = time.monotonic()
        step.limit = limit
        step.waiting_for = waiting_for
        self.last = step
        self._emit(step)
        started = time.perf_counter()
        try:
            yield step
        except BaseException as exc:
            step.ms = (time.perf_counter() - started) * 1000
            step.status = StepStatus.FAILED
            step.detail = self._scrub(step.detail or failure_detail(exc, self._scrub))
            step.waiting_for = ""
            self._emit(step)
            raise
        step.ms = (time.perf_counter() - started) * 1000
        step.status = StepStatus.OK
        step.detail = self._scrub(step.detail)
        step.waiting_for = ""
        self._emit(step)

    def waiting(self, step: Step, waiting_for: str) -> None:
        """A running step now waits for something else (e.g. also for a TLS handshake on a second connection)."""
        if step.status is StepStatus.RUNNING:
            step.waiting_for = waiting_for
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
