"""The UI-free flow (both wizards' faces) sends the server's EHLO name, says before the test when strict
relays refuse it, and writes the compose `hostname:` fix with the settings (SPEC §12 rev 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deployment.layouts import COMPOSE_PASSED_HOST_NET, make_project
from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer
from wizard.flow import testing as flow_testing
from wizard.flow.flow import Flow


@pytest.fixture
def strict_relay(server_loop: LoopThread) -> Iterator[ScriptedServer]:
    server = ScriptedServer(server_loop, Script(helo_fqdn_required=True))
    yield server
    server.stop()


def _flow(tmp_path: Path, port: int) -> Flow:
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    flow = Flow(project.config, quick=False)
    answers = {"user": "bom@example.org", "relay": True, "host": "127.0.0.1", "port": str(port),
               "security": "none", "secret_source": "none", "send_to": "friend@example.net"}  # fmt: skip
    for name, value in answers.items():
        flow.set(name, value)
    return flow


async def test_without_hostname_the_flow_warns_before_the_test_and_fails_with_the_fix(
    tmp_path: Path, strict_relay: ScriptedServer
) -> None:
    flow = _flow(tmp_path, strict_relay.port)
    seen_before: list[str] = []

    def changed(run: flow_testing.TestRun) -> None:
        if run.report is None and not seen_before:
            seen_before.extend(run.explanation())

    report = await flow.run_test(changed)
    assert any("sets no “hostname:”" in line for line in seen_before)  # said while the test had not ended
    assert report is not None and not report.ok
    assert report.diagnosis.advice_id == "helo_rejected_container_id"
    assert re.fullmatch(r"[0-9a-f]{12}", report.ehlo_name)


async def test_with_a_compose_hostname_the_flow_sends_it_passes_and_plans_the_compose_edit(
    tmp_path: Path, strict_relay: ScriptedServer
) -> None:
    flow = _flow(tmp_path, strict_relay.port)
    flow.compose_hostname = "mail.example.com"
    report = await flow.run_test()
    assert report is not None and report.ok and report.ehlo_name == "mail.example.com"
    assert "EHLO mail.example.com" in strict_relay.lines
    flow._make_plan()
    assert flow.plan is not None and "+    hostname: mail.example.com" in flow.plan.compose_diff()
