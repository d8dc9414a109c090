"""DNS SRV (RFC 6186 / RFC 8314) and MX against a real responder on 127.0.0.1, the resolver injected."""

from __future__ import annotations

import socket
import time

import dns.asyncresolver
import trustme

from tests.discovery.dns_responder import DnsResponder, Zone
from tests.discovery.local_smtp import LocalChecker, LocalServers
from wizard.core.settings import Security
from wizard.discovery import Source, discover
from wizard.discovery.dns_records import mx_candidates, srv_candidates

DOMAIN = "example.com"
ADDRESS = f"alice@{DOMAIN}"


async def test_submissions_srv_gives_implicit_tls_candidate(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(f"_submissions._tcp.{DOMAIN}", "SRV", "0 1 465 submit.example.net.")
    found = await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert [(c.host, c.port, c.security, c.source) for c in found] == [
        ("submit.example.net", 465, Security.SMTPS, Source.SRV)
    ]


async def test_submission_srv_gives_starttls_candidate(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(f"_submission._tcp.{DOMAIN}", "SRV", "0 1 587 submit.example.net.")
    found = await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert [(c.host, c.port, c.security) for c in found] == [("submit.example.net", 587, Security.STARTTLS)]


async def test_both_srv_services_list_implicit_tls_first_then_by_priority(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(f"_submission._tcp.{DOMAIN}", "SRV", "10 1 587 backup.example.net.", "0 1 587 main.example.net.")
    zone.add(f"_submissions._tcp.{DOMAIN}", "SRV", "0 1 465 main.example.net.")
    found = await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert [(c.host, c.port) for c in found] == [
        ("main.example.net", 465),
        ("main.example.net", 587),
        ("backup.example.net", 587),
    ]


async def test_srv_target_dot_means_not_offered(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(f"_submissions._tcp.{DOMAIN}", "SRV", "0 0 0 .")
    zone.add(f"_submission._tcp.{DOMAIN}", "SRV", "0 1 587 submit.example.net.")
    found = await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert [(c.host, c.security) for c in found] == [("submit.example.net", Security.STARTTLS)]


async def test_srv_implicit_tls_on_other_port_is_skipped_as_unwritable(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(f"_submissions._tcp.{DOMAIN}", "SRV", "0 1 4465 submit.example.net.")
    assert await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver()) == []


async def test_srv_pointing_at_known_provider_carries_its_login_hint(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(f"_submissions._tcp.{DOMAIN}", "SRV", "0 1 465 smtp.gmail.com.")
    [found] = await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert (found.source, found.provider_id, found.hint_id) == (Source.SRV, "google", "discovery.hint.google")


async def test_mx_at_microsoft_maps_to_microsoft_365(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(DOMAIN, "MX", "10 example-com.mail.protection.outlook.com.")
    found = await mx_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert [(c.host, c.port, c.security, c.source, c.provider_id, c.login) for c in found] == [
        ("smtp.office365.com", 587, Security.STARTTLS, Source.MX, "microsoft365", ADDRESS)
    ]


async def test_mx_lowest_preference_known_host_wins(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(DOMAIN, "MX", "20 alt1.aspmx.l.google.com.", "5 mx.unknown-filter.example.", "10 aspmx.l.google.com.")
    found = await mx_candidates(DOMAIN, ADDRESS, dns_server.resolver())
    assert [c.provider_id for c in found] == ["google"]


async def test_mx_of_unknown_host_gives_nothing(zone: Zone, dns_server: DnsResponder) -> None:
    zone.add(DOMAIN, "MX", "10 mx.example.com.")
    assert await mx_candidates(DOMAIN, ADDRESS, dns_server.resolver()) == []


async def test_nxdomain_gives_nothing(zone: Zone, dns_server: DnsResponder) -> None:
    for name in (f"_submissions._tcp.{DOMAIN}.", f"_submission._tcp.{DOMAIN}.", f"{DOMAIN}."):
        zone.nxdomain.add(name)
    resolver = dns_server.resolver()
    assert await srv_candidates(DOMAIN, ADDRESS, resolver) == []
    assert await mx_candidates(DOMAIN, ADDRESS, resolver) == []
    assert len(dns_server.queries) == 3


async def test_silent_dns_server_times_out_quietly(zone: Zone, dns_server: DnsResponder) -> None:
    zone.silent.update({f"_submissions._tcp.{DOMAIN}.", f"_submission._tcp.{DOMAIN}.", f"{DOMAIN}."})
    started = time.monotonic()
    assert await srv_candidates(DOMAIN, ADDRESS, dns_server.resolver(), timeout=0.3) == []
    assert await mx_candidates(DOMAIN, ADDRESS, dns_server.resolver(), timeout=0.3) == []
    assert time.monotonic() - started < 2.0


def _closed_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_without_dns_server_table_answer_comes_fast(ca: trustme.CA, servers: LocalServers) -> None:
    resolver = dns.asyncresolver.Resolver(configure=False)
    resolver.port = _closed_udp_port()  # nothing listens there: every query is refused at once
    resolver.nameservers = ["127.0.0.1"]
    checker = LocalChecker({("smtp.gmail.com", 465): await servers.implicit_tls()}, ca)
    started = time.monotonic()
    found = await discover("bob@gmail.com", resolver=resolver, verify=checker, deadline=5, dns_timeout=2)
    assert time.monotonic() - started < 1.0
    assert [(c.host, c.source, c.verified) for c in found] == [("smtp.gmail.com", Source.PROVIDER_TABLE, True)]


async def test_discover_ranks_verified_srv_above_unverified_mx_and_guesses(
    zone: Zone, dns_server: DnsResponder, servers: LocalServers, ca: trustme.CA
) -> None:
    zone.add(f"_submission._tcp.{DOMAIN}", "SRV", "0 1 587 submit.example.net.")
    zone.add(DOMAIN, "MX", "10 aspmx.l.google.com.")
    routes = {
        ("submit.example.net", 587): await servers.starttls(),
        ("mail.example.com", 465): await servers.implicit_tls(),
    }
    found = await discover(ADDRESS, resolver=dns_server.resolver(), verify=LocalChecker(routes, ca), deadline=5)
    assert [(c.host, c.port, c.source, c.verified) for c in found] == [
        ("submit.example.net", 587, Source.SRV, True),
        ("mail.example.com", 465, Source.GUESS, True),
        ("smtp.gmail.com", 465, Source.MX, False),
    ]
