"""The check's edges: every address the probe resolved the relay to, senders at an IP literal or an IDN domain,
slow and unanswering DNS against the 2 s bound, and the SMTP_WIZARD_DNS_SERVER test hook (SPEC §11)."""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Callable
from typing import Any

import dns.resolver
import pytest

from tests.deliverability.conftest import txt
from tests.deliverability.test_check import DOMAIN, checked
from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.deliverability.check import GRACE_SECONDS, DeliverabilityRun, probe_with_deliverability
from wizard.deliverability.dns_lookup import (
    DNS_SERVER_ENV,
    BadDnsServer,
    NoResolver,
    announced_server,
    parse_server,
    system_resolver,
)
from wizard.deliverability.verdicts import Deliverability, DmarcStatus, SpfStatus
from wizard.probe.engine import run_probe
from wizard.probe.happy_eyeballs import AddrInfo
from wizard.probe.report import ProbeReport, ServerFacts

Server = Callable[..., Any]


def passed(*addresses: str) -> ProbeReport:
    """What a passed test reports when the relay's name resolved to `addresses` (it reached the first)."""
    return ProbeReport(ok=True, steps=[], server=ServerFacts(address=addresses[0], addresses=list(addresses)))


async def test_probe_reports_every_address_the_name_resolved_to(smtp_server: Server) -> None:
    server = smtp_server("plain", auth=False)
    settings = server.settings()

    async def two_addresses(host: str, port: int) -> list[AddrInfo]:
        tcp = (socket.SOCK_STREAM, socket.IPPROTO_TCP, "")
        return [(socket.AF_INET, *tcp, (address, port)) for address in ("127.0.0.1", "127.0.0.2")]

    request = server.request(settings, secret=None, connect_to=("relay.test", server.port), resolver=two_addresses)
    report = await run_probe(request)
    assert report.ok and report.server.address == "127.0.0.1"
    assert report.server.addresses == ["127.0.0.1", "127.0.0.2"]


async def test_spf_is_judged_for_every_resolved_address(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 ~all"))
    found = await DeliverabilityRun(f"bom@{DOMAIN}", "relay.example", resolver=resolver).finish(
        passed("127.0.0.1", "::1")
    )
    assert found.spf.status is SpfStatus.SOFTFAIL and found.spf.estimate
    assert "127.0.0.1 pass, ::1 softfail" in found.spf.advice.text()


async def test_a_real_probe_carries_its_addresses_into_the_check(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    report, found = await checked(smtp_server("plain", auth=False), resolver)
    assert report.server.addresses == ["127.0.0.1"]
    assert found.spf.status is SpfStatus.PASS and found.spf.advice.key == "spf.pass_estimate"


@pytest.mark.parametrize("user", ["bom@[127.0.0.1]", "bom@[192.0.2.5]", "bom@[IPv6:2001:db8::1]"])
async def test_sender_at_an_ip_literal_is_not_checked_and_asks_no_dns(
    dns_server: DnsResponder, resolver: dns.resolver.Resolver, user: str
) -> None:
    found = await DeliverabilityRun(user, "127.0.0.1", resolver=resolver).finish(passed("127.0.0.1"))
    assert not found.checked and found.spf.advice.key == "not_checked.ip_literal"
    assert "IP address" in found.spf.advice.text() and "IP-Adresse" in found.spf.advice.text("de")
    assert dns_server.queries == []


async def test_idn_sender_domain_is_looked_up_as_punycode(
    zone: Zone, dns_server: DnsResponder, resolver: dns.resolver.Resolver
) -> None:
    zone.add("xn--bcher-kva.example", "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    zone.add("_dmarc.xn--bcher-kva.example", "TXT", txt("v=DMARC1; p=reject"))
    found = await DeliverabilityRun("bom@bücher.example", "127.0.0.1", resolver=resolver).finish(passed("127.0.0.1"))
    assert found.domain == "bücher.example"
    assert found.spf.status is SpfStatus.PASS and found.dmarc.policy == "reject"
    assert ("xn--bcher-kva.example.", "TXT") in dns_server.queries


async def test_idn_domain_follows_idna_2008_for_sharp_s(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    # IDNA 2008 keeps ß (xn--strae-oqa); IDNA 2003 would map it to "strasse", a different domain
    zone.add("xn--strae-oqa.example", "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    zone.add("strasse.example", "TXT", txt("v=spf1 -all"))
    found = await DeliverabilityRun("bom@straße.example", "127.0.0.1", resolver=resolver).finish(passed("127.0.0.1"))
    assert found.spf.status is SpfStatus.PASS


async def test_slow_chain_of_lookups_ends_within_the_bound_as_not_finished(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    # a subdomain without DMARC: its own name, then the organizational domain's, each answering after 1.2 s
    sub = f"mail.{DOMAIN}"
    zone.add(sub, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    zone.add(f"_dmarc.{sub}", "TXT", txt("not dmarc"))
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=reject"))
    zone.delayed.update({f"_dmarc.{sub}.": 1.2, f"_dmarc.{DOMAIN}.": 1.2})
    run = DeliverabilityRun(f"bom@{sub}", "127.0.0.1", resolver=resolver)
    started = time.monotonic()
    found = await run.finish(passed("127.0.0.1"))
    assert time.monotonic() - started < GRACE_SECONDS + 0.5
    assert found.spf.status is SpfStatus.PASS
    assert found.dmarc.status is DmarcStatus.NOT_CHECKED and found.dmarc.advice.key == "not_checked.unfinished"
    assert "not finished" in found.dmarc.advice.text().lower() and "Nicht fertig" in found.dmarc.advice.text("de")


async def test_slow_includes_end_as_temperror_within_the_bound(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:a.relay.example include:b.relay.example -all"))
    for name in ("a.relay.example", "b.relay.example"):
        zone.add(name, "TXT", txt("v=spf1 ip4:192.0.2.1 -all"))
        zone.delayed[f"{name}."] = 1.0
    started = time.monotonic()
    found = await DeliverabilityRun(f"bom@{DOMAIN}", "127.0.0.1", resolver=resolver).finish(passed("127.0.0.1"))
    assert time.monotonic() - started < GRACE_SECONDS + 0.5
    assert found.spf.status in (SpfStatus.TEMPERROR, SpfStatus.NOT_CHECKED)


async def test_cname_loop_at_the_domain_is_a_temperror(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "CNAME", "loop.example.net.")
    zone.add("loop.example.net", "CNAME", f"{DOMAIN}.")
    _, found = await checked(smtp_server("plain", auth=False), resolver)
    assert found.spf.status is SpfStatus.TEMPERROR


# -- the resolver: none at all, and the test hook ----------------------------------------------------------


def test_configuration_without_a_nameserver_line_is_no_resolver(tmp_path: Any) -> None:
    conf = tmp_path / "resolv.conf"
    conf.write_text("search example.com\noptions ndots:1\n")
    with pytest.raises(NoResolver):
        system_resolver({}, str(conf))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1:5353", ("127.0.0.1", 5353)),
        ("127.0.0.1", ("127.0.0.1", 53)),
        ("[::1]:5353", ("::1", 5353)),
        ("[::1]", ("::1", 53)),
        ("::1", ("::1", 53)),
        (" 10.0.0.53:53 ", ("10.0.0.53", 53)),
    ],
)
def test_dns_server_hook_accepts_an_address_and_port(value: str, expected: tuple[str, int]) -> None:
    assert parse_server(value) == expected


@pytest.mark.parametrize(
    "value", ["dns.example:53", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:x", "[::1", "[::1]x", "fe80::1%eth0"]
)
def test_dns_server_hook_refuses_anything_else(value: str) -> None:
    with pytest.raises(BadDnsServer):
        system_resolver({DNS_SERVER_ENV: value})


async def test_malformed_dns_server_hook_is_not_checked_saying_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DNS_SERVER_ENV, "dns.example:53")
    found = await DeliverabilityRun("bom@example.com", "127.0.0.1").finish(passed("127.0.0.1"))
    assert found.spf.status is SpfStatus.NOT_CHECKED and found.spf.advice.key == "not_checked.bad_dns_server"
    assert "dns.example:53" in found.spf.advice.text() and DNS_SERVER_ENV in found.spf.advice.text("de")


def test_non_loopback_dns_server_hook_is_announced() -> None:
    assert announced_server({DNS_SERVER_ENV: "192.0.2.53:53"}) == "192.0.2.53:53"
    assert announced_server({DNS_SERVER_ENV: "127.0.0.1:5353"}) == ""
    assert announced_server({DNS_SERVER_ENV: "[::1]:5353"}) == ""
    assert announced_server({}) == ""


def test_announced_dns_server_is_the_last_line_every_face_shows() -> None:
    found = dataclasses.replace(Deliverability.not_checked(DOMAIN, passed_reason()), dns_server="192.0.2.53:53")
    assert found.lines()[-1].startswith("DNS asked: 192.0.2.53:53 (from SMTP_WIZARD_DNS_SERVER")
    assert "192.0.2.53:53" in found.lines("de")[-1] and "Resolver des Systems" in found.lines("de")[-1]
    assert "DNS" not in Deliverability.not_checked(DOMAIN, passed_reason()).lines()[-1]


async def test_loopback_hook_reaches_the_check_unannounced(
    smtp_server: Server, zone: Zone, dns_server: DnsResponder, monkeypatch: pytest.MonkeyPatch
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    monkeypatch.setenv(DNS_SERVER_ENV, dns_server.server)
    server = smtp_server("plain", auth=False)
    settings = server.settings()
    _, found = await probe_with_deliverability(
        run_probe(server.request(settings, secret=None)), settings.user, settings.host
    )
    assert found.spf.status is SpfStatus.PASS and found.dns_server == ""


def passed_reason() -> Any:
    from wizard.deliverability.verdicts import Advice

    return Advice("not_checked.no_pass")
