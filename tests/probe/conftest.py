"""Helpers for the probe tests."""

from __future__ import annotations

import pytest

from tests.support.scripted_server import Script, ScriptedServer
from wizard.probe.report import ProbeReport, StepName, StepStatus


def failed_step(report: ProbeReport) -> StepName | None:
    failed = [step.name for step in report.steps if step.status is StepStatus.FAILED]
    assert len(failed) <= 1, failed
    return failed[0] if failed else None


def code_of(report: ProbeReport) -> str | None:
    return str(report.diagnosis.code) if report.diagnosis else None


@pytest.fixture
def scripted_server(server_loop, tls_material):
    """Factory: `scripted_server(Script(...), tls=False)` (tests/support/scripted_server.py)."""
    started: list[ScriptedServer] = []

    def start(script: Script | None = None, *, tls: bool = False, port: int = 0) -> ScriptedServer:
        server = ScriptedServer(server_loop, script or Script(), tls_material if tls else None, port=port)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
