"""Suite-wide set-up: Qt offscreen, English unless a test says otherwise, and the shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.core import i18n
from wizard.deliverability.dns_lookup import DNS_SERVER_ENV

pytest_plugins = ["tests.support.smtp_fixtures"]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(scope="session", autouse=True)
def loopback_dns() -> Iterator[DnsResponder]:
    """The resolver every check asks (SPEC §11), for the whole run and the processes it starts: a responder on
    127.0.0.1 that knows no name, so no test's sender domain is looked up on the internet. A test with
    records of its own points SMTP_WIZARD_DNS_SERVER at its own responder."""
    with DnsResponder(Zone(default_nxdomain=True)) as responder:
        previous = os.environ.get(DNS_SERVER_ENV)
        os.environ[DNS_SERVER_ENV] = responder.server
        yield responder
        if previous is None:
            os.environ.pop(DNS_SERVER_ENV, None)
        else:
            os.environ[DNS_SERVER_ENV] = previous
