"""Flow tests: the flow driven directly (no face) against real loopback servers and real files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.certs import CertKind, TlsMaterial
from tests.support.loop_thread import LoopThread
from tests.support.servers import PASSWORD, SmtpServer

PROVIDER_ADDRESS = "bom@gmail.com"  # a provider in the table (smtp.gmail.com, 465, implicit TLS)
PROVIDER_HOST = "smtp.gmail.com"


@pytest.fixture
def provider_server(server_loop: LoopThread, tls_material: TlsMaterial) -> Iterator[Callable[..., SmtpServer]]:
    """A loopback implicit-TLS server standing in for a table provider: its certificate names the provider's
    host (the probe keeps that name for TLS while `connect_to` sends it to 127.0.0.1)."""
    started: list[SmtpServer] = []

    def start(host: str = PROVIDER_HOST, **options: Any) -> SmtpServer:
        material = TlsMaterial(
            tls_material.ca, tls_material.unknown_ca, tls_material.ca_file, tls_material.unknown_ca_file
        )
        material._leaves[CertKind.TRUSTED] = tls_material.ca.issue_cert(host)
        options.setdefault("credentials", {PROVIDER_ADDRESS: PASSWORD})
        server = SmtpServer(server_loop, material, "smtps", **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
