"""How suggestions from several sources merge and stream: one row per server, the best source wins,
the table's suggestion shows at once and is updated when its check finishes."""

from __future__ import annotations

import time

import trustme

from tests.discovery.dns_responder import DnsResponder, Zone
from tests.discovery.local_smtp import LocalChecker, LocalServers
from wizard.core.i18n import catalogue
from wizard.core.providers import LOGIN_FORMS
from wizard.core.settings import Security
from wizard.discovery import Candidate, Source, Unusable, discover
from wizard.discovery.discover import mail_domain


async def test_server_found_by_srv_and_by_guessing_is_listed_once_as_srv(
    zone: Zone, dns_server: DnsResponder, servers: LocalServers, ca: trustme.CA
) -> None:
    zone.add("_submissions._tcp.example.com", "SRV", "0 1 465 smtp.example.com.")
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    found = await discover("alice@example.com", resolver=dns_server.resolver(), verify=checker, deadline=5)
    assert [(c.host, c.port, c.source, c.verified) for c in found] == [("smtp.example.com", 465, Source.SRV, True)]
    assert checker.calls.count(("smtp.example.com", 465)) == 1


async def test_table_suggestion_streams_at_once_then_its_result(
    zone: Zone, dns_server: DnsResponder, servers: LocalServers, ca: trustme.CA
) -> None:
    zone.silent.update({"_submissions._tcp.gmail.com.", "_submission._tcp.gmail.com.", "gmail.com."})
    checker = LocalChecker({("smtp.gmail.com", 465): await servers.implicit_tls()}, ca)
    started = time.monotonic()
    events: list[tuple[float, Candidate]] = []
    await discover(
        "bob@gmail.com",
        resolver=dns_server.resolver(),
        verify=checker,
        deadline=5,
        on_candidate=lambda c: events.append((time.monotonic() - started, c)),
    )
    assert [(c.key, c.checked, c.verified) for _, c in events] == [
        (("smtp.gmail.com", 465, Security.SMTPS), False, False),
        (("smtp.gmail.com", 465, Security.SMTPS), True, True),
    ]
    assert events[0][0] < 2.0  # before any network answer (the silent DNS server gives none)
    # within the 5 s deadline: the silent DNS server does not hold back the verified table answer
    assert events[1][0] < 3.0


def test_international_domain_is_looked_up_in_its_ascii_form() -> None:
    assert mail_domain("jörg@Bücher.example") == "xn--bcher-kva.example"
    assert mail_domain("not yet an address") == ""


def test_every_label_exists_in_english_and_german() -> None:
    texts = catalogue()
    ids = [f"discovery.source.{s}" for s in Source] + [f"discovery.security.{s}" for s in Security]
    ids += [f"discovery.login.{form}" for form in [*LOGIN_FORMS, "literal", "none"]]
    ids += [f"discovery.unusable.{reason}" for reason in Unusable]
    ids += [f"discovery.login_hint.{form}" for form in ("local-part", "literal", "none")]
    ids += ["discovery.status.verified", "discovery.status.unreachable", "discovery.status.unchecked"]
    for msg_id in ids:
        assert texts[msg_id]["en"] and texts[msg_id]["de"], msg_id
