"""Time to verdict (SPEC §4 rev 2): a wrong TLS mode is found in about a second, a silent server after one step
timeout, and the whole-probe deadline is a hard bound. The bounds are generous (the machine is shared and
noisy); bench/verdict.py measures the actual times against msmtp."""

from __future__ import annotations

import socket
import time

from tests.probe.conftest import code_of, failed_step
from tests.support.scripted_server import Script
from tests.support.servers import PASSWORD
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security
from wizard.probe.engine import run_probe
from wizard.probe.report import StepName


async def timed(request):
    started = time.monotonic()
    report = await run_probe(request)
    return report, time.monotonic() - started


async def test_starttls_against_an_implicit_tls_port_is_diagnosed_long_before_the_step_timeout(smtp_server):
    server = smtp_server("smtps")
    settings = server.settings(Security.STARTTLS, port=server.port, secret_source=SecretSource.NEW,
                               secret=Secret(PASSWORD))
    report, elapsed = await timed(server.request(settings, timeout=20.0, deadline=60.0))
    assert code_of(report) == "tls_wrong_mode" and failed_step(report) is StepName.GREETING
    assert elapsed < 10.0  # seconds; half the 20 s step timeout it must not wait for
    assert server.auth_commands == []


async def test_implicit_tls_against_a_plaintext_port_is_diagnosed_long_before_the_step_timeout(smtp_server):
    server = smtp_server("starttls")
    settings = server.settings(Security.SMTPS, secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report, elapsed = await timed(server.request(settings, timeout=20.0, deadline=60.0))
    assert code_of(report) == "tls_wrong_mode" and elapsed < 10.0  # half the 20 s step timeout


async def test_a_silent_server_is_diagnosed_after_one_step_timeout(fault_server):
    server = fault_server("silent")
    report, elapsed = await timed(server.request(secret=None, timeout=4.0, deadline=30.0))
    assert code_of(report) == "greeting_timeout"
    assert elapsed < 1.75 * 4.0  # one step timeout and slack for a loaded machine; two would be 8 s


async def test_a_timeout_diagnosis_names_the_step_that_ran_out_of_time(fault_server):
    server = fault_server("silent")
    report = await run_probe(server.request(secret=None, timeout=0.5, deadline=30.0))
    assert report.diagnosis.step == "greeting"
    assert tr("step.greeting") in report.diagnosis.meaning and "0.5 s" in report.diagnosis.meaning


async def test_a_server_that_greets_late_on_purpose_still_passes(scripted_server):
    server = scripted_server(Script(greeting_delay=1.6))  # after the parallel TLS check has started
    report = await run_probe(server.request(secret=None, timeout=5.0, deadline=30.0))
    assert report.ok, report.diagnosis
    assert server.connections == 2  # the greeting connection and the TLS check


async def test_a_server_answering_each_line_after_four_and_a_half_seconds_never_overruns_the_deadline(
    scripted_server,
):
    server = scripted_server(Script(line_delay=4.5))
    request = server.request(secret=PASSWORD, send_to="to@example.com", timeout=5.0, deadline=15.0,
                             allow_plaintext_auth=True)
    report, elapsed = await timed(request)
    assert elapsed <= 15.0 + 0.5
    assert code_of(report) == "connection_lost" and report.diagnosis.advice_id == "slow_server"
    assert report.diagnosis.step == failed_step(report)
    assert report.diagnosis.title == tr("diagnosis.timeout.title")
    assert tr(f"step.{report.diagnosis.step}") in report.diagnosis.meaning


async def test_an_unanswering_ipv6_address_does_not_delay_the_ipv4_one(scripted_server):
    """`localhost` with an IPv6 listener whose accept queue is full (SYNs go unanswered) and a working server
    on 127.0.0.1 at the same port: Happy Eyeballs connects over IPv4 in under a second. Where `localhost`
    does not resolve to both ::1 and 127.0.0.1 (this sandbox: 127.0.0.1 only), the same answer is injected."""
    blocked = socket.socket(socket.AF_INET6)
    blocked.bind(("::1", 0))
    blocked.listen(0)
    port = blocked.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):  # more than the queue holds: further SYNs get no answer
            filler = socket.socket(socket.AF_INET6)
            filler.setblocking(False)
            filler.connect_ex(("::1", port))
            fillers.append(filler)
        server = scripted_server(Script(), port=port)
        system = {info[4][0] for info in socket.getaddrinfo("localhost", port, type=socket.SOCK_STREAM)}
        resolver = None
        if not {"::1", "127.0.0.1"} <= system:
            async def resolver(host, port_):
                assert host == "localhost"
                return [
                    (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("::1", port_, 0, 0)),
                    (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", port_)),
                ]
        settings = server.settings(host="localhost", port=port)
        request = server.request(settings, secret=None, connect_to=None, resolver=resolver, timeout=10.0)
        report = await run_probe(request)
    finally:
        for sock in [*fillers, blocked]:
            sock.close()
    assert report.ok, report.diagnosis
    connect = next(step for step in report.steps if step.name is StepName.CONNECT)
    assert connect.ms < 5000  # half the 10 s step timeout the blocked ::1 would take
    assert connect.detail.startswith("127.0.0.1 port") and "::1" in connect.detail
    assert report.server.address == "127.0.0.1"
