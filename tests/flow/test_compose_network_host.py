"""The UI-free flow (terminal wizard) in the compose layout: a mail server that is a service of the same
compose file is tested through its published port, or not at all (said so, not `dns_failed`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.deployment.layouts import COMPOSE_PROXY_LIST, COMPOSE_RELAY_PUBLISHED, make_project
from tests.support.servers import SmtpServer
from wizard.flow.flow import Flow


def _relay_answers(flow: Flow, port: int) -> None:
    for name, value in (("user", "bom@example.org"), ("relay", True), ("host", "smtp_relay"), ("port", str(port)),
                        ("security", "none"), ("secret_source", "none")):  # fmt: skip
        flow.set(name, value)


async def test_relay_service_without_published_port_is_not_tested_and_says_why(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    flow = Flow(project.config, quick=False)
    _relay_answers(flow, 25)
    assert await flow.run_test() is None
    assert flow.test is not None and "smtp_relay" in flow.test.refusal
    assert "bomnipotent_client test-email" in flow.test.refusal and "dns_failed" not in flow.test.refusal


async def test_relay_service_with_published_port_is_tested_through_it(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False)
    published = COMPOSE_RELAY_PUBLISHED.replace("127.0.0.1:2525:25", f"127.0.0.1:{server.port}:25")
    project = make_project(tmp_path, published)
    flow = Flow(project.config, quick=False)
    _relay_answers(flow, 25)
    report = await flow.run_test()
    assert report is not None and report.ok, report.to_json() if report else flow.test


async def test_loopback_relay_in_compose_layout_is_not_tested_and_says_why(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False)
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    flow = Flow(project.config, quick=False)
    for name, value in (("user", "bom@example.org"), ("relay", True), ("host", "127.0.0.1"),
                        ("port", str(server.port)), ("security", "none"), ("secret_source", "none")):  # fmt: skip
        flow.set(name, value)
    assert await flow.run_test() is None and not flow.test_passed()  # no pass for a route the server lacks
    assert flow.test is not None and "loopback" in flow.test.refusal and "host.docker.internal" in flow.test.refusal
    assert "bomnipotent_client test-email" in flow.test.refusal
