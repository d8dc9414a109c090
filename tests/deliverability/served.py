"""`records`: the sender domain's DNS records, served on 127.0.0.1 to every check the test runs (in-process or
a child process) through SMTP_WIZARD_DNS_SERVER. Import it into a test module to use it as a fixture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.deliverability.dns_lookup import DNS_SERVER_ENV


@pytest.fixture
def records(monkeypatch: pytest.MonkeyPatch) -> Iterator[Zone]:
    zone = Zone(default_nxdomain=True)
    with DnsResponder(zone) as responder:
        monkeypatch.setenv(DNS_SERVER_ENV, responder.server)
        yield zone
