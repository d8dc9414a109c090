"""Fixtures of the deliverability tests: a DNS responder on 127.0.0.1 holding the sender domain's records."""

from __future__ import annotations

from collections.abc import Iterator

import dns.resolver
import pytest

from tests.discovery.dns_responder import DnsResponder, Zone

DOMAIN = "example.com"
SENDER = f"bom@{DOMAIN}"
RELAY_ADDRESS = "127.0.0.1"  # what a probe of a loopback server connects to


def txt(text: str) -> str:
    """Zone-file text of one TXT record holding `text`, split into strings of at most 255 bytes (RFC 1035)."""
    chunks = [text[i : i + 200] for i in range(0, len(text), 200)] or [""]
    return " ".join('"' + chunk.replace('"', '\\"') + '"' for chunk in chunks)


@pytest.fixture
def zone() -> Zone:
    return Zone(default_nxdomain=True)


@pytest.fixture
def dns_server(zone: Zone) -> Iterator[DnsResponder]:
    with DnsResponder(zone) as responder:
        yield responder


@pytest.fixture
def resolver(dns_server: DnsResponder) -> dns.resolver.Resolver:
    return dns_server.sync_resolver()
