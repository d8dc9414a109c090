"""Fixtures of the discovery tests: a trustme CA, local SMTP servers, a DNS responder and an HTTPS server for
autoconfig documents, all on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import trustme

from tests.discovery.autoconfig_server import DocumentServer
from tests.discovery.dns_responder import DnsResponder, Zone
from tests.discovery.local_smtp import LocalServers


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
async def servers(ca: trustme.CA) -> AsyncIterator[LocalServers]:
    local = LocalServers(ca)
    yield local
    await local.close()


@pytest.fixture
def zone() -> Zone:
    return Zone()


@pytest.fixture
def dns_server(zone: Zone) -> Iterator[DnsResponder]:
    with DnsResponder(zone) as responder:
        yield responder


@pytest.fixture
async def documents(ca: trustme.CA) -> AsyncIterator[DocumentServer]:
    """An HTTPS server on 127.0.0.1 serving autoconfig documents (see autoconfig_server.py)."""
    server = await DocumentServer(ca).start()
    yield server
    await server.close()
