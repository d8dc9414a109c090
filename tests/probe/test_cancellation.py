"""Cancelling a probe returns at once, re-raises CancelledError and leaves no connection open."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.support.servers import wait_until
from wizard.core.settings import Security
from wizard.probe.engine import cancelled_report, run_probe
from wizard.probe.report import Step, StepName, StepStatus

# Cancelling takes milliseconds; the bound is far above that (a loaded machine) and far below the steps' 30 s.
CANCELLED_WITHIN = 2.0


async def _until(predicate, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "condition not reached"
        await asyncio.sleep(0.005)


async def _cancel_and_time(task: asyncio.Task) -> float:
    started = time.perf_counter()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    return time.perf_counter() - started


async def test_cancel_while_waiting_for_a_greeting_returns_at_once(fault_server):
    server = fault_server("silent")
    task = asyncio.create_task(run_probe(server.request(secret=None, timeout=30, deadline=60)))
    await _until(lambda: server.open_connections == 1)
    assert await _cancel_and_time(task) < CANCELLED_WITHIN
    assert wait_until(lambda: server.open_connections == 0)


async def test_cancel_during_an_implicit_tls_handshake_closes_the_connection(fault_server):
    server = fault_server("silent")
    request = server.request(server.settings(Security.SMTPS), secret=None, timeout=30, deadline=60)
    task = asyncio.create_task(run_probe(request))
    await _until(lambda: server.open_connections == 1)
    assert await _cancel_and_time(task) < CANCELLED_WITHIN
    assert wait_until(lambda: server.open_connections == 0)


async def test_cancel_marks_the_running_step_failed_in_the_cancelled_report(fault_server):
    server = fault_server("silent")
    request = server.request(secret=None, timeout=30, deadline=60)
    latest: dict[StepName, Step] = {}
    task = asyncio.create_task(run_probe(request, on_step=lambda s: latest.__setitem__(s.name, s)))
    await _until(lambda: StepName.GREETING in latest)
    await _cancel_and_time(task)
    report = cancelled_report(request, list(latest.values()))
    assert report.diagnosis is not None and str(report.diagnosis.code) == "cancelled"
    statuses = {s.name: s.status for s in report.steps}
    assert statuses[StepName.CONNECT] is StepStatus.OK
    assert statuses[StepName.GREETING] is StepStatus.FAILED
    assert statuses[StepName.QUIT] is StepStatus.SKIPPED


async def test_cancel_inside_tls_while_the_server_holds_a_command_closes_the_connection(smtp_server):
    server = smtp_server("starttls", stall_at="RCPT")
    latest: dict[StepName, Step] = {}
    task = asyncio.create_task(run_probe(server.request(send_to="x@example.com", timeout=30, deadline=60),
                                         on_step=lambda s: latest.__setitem__(s.name, s)))
    await _until(lambda: StepName.RCPT_TO in latest)
    assert await _cancel_and_time(task) < CANCELLED_WITHIN
    assert wait_until(lambda: server.open_connections == 0)
