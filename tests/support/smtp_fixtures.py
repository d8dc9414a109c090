"""pytest fixtures for real SMTP servers on 127.0.0.1, loaded by tests/conftest.py for the whole suite.

    def test_x(smtp_server):
        server = smtp_server("starttls")                  # or "plain", "smtps"; cert="unknown_ca", ...
        report = await run_probe(server.request(send_to="to@example.com"))
        assert server.messages[0].message["Subject"]

    def test_y(fault_server):
        server = fault_server("silent")                   # see tests.support.servers.Fault

Servers run on one background thread with its own asyncio loop, so they serve sync tests, pytest-asyncio
tests and Qt/qasync tests alike; each is closed when its test ends. Every server has `.host`, `.port`,
`.connect_to`, `.ca_file` (the trusted test CA's PEM), `.auth_commands` / `.auth_before_tls`,
`.open_connections`, `.settings(...)` and `.request(...)`; aiosmtpd servers also `.messages` and
`.auth_attempts`. The accepted login is `servers.LOGIN` with the secret `servers.PASSWORD`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.certs import TlsMaterial, make_tls_material
from tests.support.loop_thread import LoopThread
from tests.support.servers import Backlogged, Fault, FaultServer, Mode, SmtpServer


@pytest.fixture(scope="session")
def tls_material(tmp_path_factory: pytest.TempPathFactory) -> TlsMaterial:
    """trustme CAs for the session: `.ca_file` is the trusted CA, `.unknown_ca_file` one nobody trusts."""
    return make_tls_material(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def test_ca_file(tls_material: TlsMaterial) -> Path:
    return tls_material.ca_file


@pytest.fixture(scope="session")
def server_loop() -> Iterator[LoopThread]:
    thread = LoopThread()
    yield thread
    thread.stop()


@pytest.fixture
def smtp_server(server_loop: LoopThread, tls_material: TlsMaterial) -> Iterator[Callable[..., SmtpServer]]:
    """Factory: `smtp_server(mode="starttls", cert="trusted", auth=True, require_auth=False, mail_reply=None,
    rcpt_reply=None, data_reply=None, stall_at=None, mechanisms=("PLAIN", "LOGIN"), credentials=None)`.
    `stall_at="RCPT"` (or MAIL, DATA) makes the server never answer that command."""
    started: list[SmtpServer] = []

    def start(mode: Mode | str = Mode.STARTTLS, **options: Any) -> SmtpServer:
        server = SmtpServer(server_loop, tls_material, mode, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def fault_server(server_loop: LoopThread, tls_material: TlsMaterial) -> Iterator[Callable[..., FaultServer]]:
    """Factory: `fault_server("silent" | "close_after_banner" | "greeting_421" | ..., tls=False)`; with
    `tls=True` the misbehaviour starts after an implicit-TLS handshake."""
    started: list[FaultServer] = []

    def start(fault: Fault | str, *, tls: bool = False) -> FaultServer:
        server = FaultServer(server_loop, fault, tls_material if tls else None)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def backlogged_server(server_loop: LoopThread) -> Iterator[Backlogged]:
    """A port whose accept queue is full, so a new connection attempt is never answered."""
    server = Backlogged(server_loop)
    yield server
    server.stop()
