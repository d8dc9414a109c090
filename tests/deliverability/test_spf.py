"""SPF verdicts from records served by a DNS responder on loopback, evaluated by pyspf (RFC 7208)."""

from __future__ import annotations

import dns.resolver

from tests.deliverability.conftest import DOMAIN, RELAY_ADDRESS, SENDER, txt
from tests.discovery.dns_responder import Zone
from wizard.core.providers import provider_by_id
from wizard.deliverability.spf import judge_spf, spf_records
from wizard.deliverability.verdicts import SpfStatus, SpfVerdict


def verdict(
    resolver: dns.resolver.Resolver, provider_id: str | None = None, address: str = RELAY_ADDRESS
) -> SpfVerdict:
    provider = provider_by_id(provider_id) if provider_id else None
    return judge_spf(resolver, spf_records(resolver, DOMAIN), SENDER, [address], provider)


def test_record_allowing_the_relay_address_passes_as_an_estimate(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.0/8 -all"), txt("google-site-verification=abc"))
    found = verdict(resolver)
    assert found.status is SpfStatus.PASS and found.estimate
    assert found.record == "v=spf1 ip4:127.0.0.0/8 -all"
    assert "127.0.0.1" in found.advice.text()


def test_record_forbidding_the_relay_address_fails(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.0/24 -all"))
    found = verdict(resolver)
    assert found.status is SpfStatus.FAIL and found.estimate
    assert found.advice.key == "spf.fail"


def test_record_ending_in_tilde_all_softfails(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.0/24 ~all"))
    assert verdict(resolver).status is SpfStatus.SOFTFAIL


def test_record_without_all_is_neutral(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.0/24"))
    assert verdict(resolver).status is SpfStatus.NEUTRAL


def test_include_resolved_through_dns_authorizes_the_address(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:_spf.relay.example -all"))
    zone.add("_spf.relay.example", "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    assert verdict(resolver).status is SpfStatus.PASS


def test_provider_include_present_passes_without_estimate(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:_spf.google.com ~all"))
    zone.add("_spf.google.com", "TXT", txt("v=spf1 ip4:192.0.2.0/24 ~all"))
    found = verdict(resolver, "google")
    assert found.status is SpfStatus.PASS and not found.estimate
    assert found.advice.key == "spf.provider_include" and "_spf.google.com" in found.advice.text()


def test_provider_include_missing_asks_for_it(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.0/24 -all"))
    found = verdict(resolver, "microsoft365")
    assert found.status is SpfStatus.FAIL and found.estimate
    assert "include:spf.protection.outlook.com" in found.advice.text()


def test_more_than_ten_lookups_is_a_permerror(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    names = [f"i{n}.relay.example" for n in range(11)]
    zone.add(DOMAIN, "TXT", txt("v=spf1 " + " ".join(f"include:{name}" for name in names) + " -all"))
    for name in names:
        zone.add(name, "TXT", txt("v=spf1 ip4:192.0.2.1 -all"))
    found = verdict(resolver)
    assert found.status is SpfStatus.PERMERROR and found.advice.key == "spf.lookup_limit"


def test_unknown_mechanism_is_a_permerror_naming_it(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 moo -all"))
    found = verdict(resolver)
    assert found.status is SpfStatus.PERMERROR and found.advice.key == "spf.syntax"
    assert "moo" in found.advice.text()


def test_two_records_are_a_permerror(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"), txt("v=spf1 include:_spf.google.com -all"))
    found = verdict(resolver)
    assert found.status is SpfStatus.PERMERROR and found.advice.key == "spf.two_records"
    assert found.record is not None and "include:_spf.google.com" in found.record


def test_no_record_is_none_and_names_the_provider_include(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("some other text"))
    plain, provider = verdict(resolver), verdict(resolver, "sendgrid")
    assert plain.status is SpfStatus.NONE and plain.record is None
    assert provider.status is SpfStatus.NONE and "include:sendgrid.net" in provider.advice.text()


def test_servfail_inside_an_include_is_a_temperror(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:_spf.broken.example -all"))
    zone.servfail.add("_spf.broken.example.")
    assert verdict(resolver).status is SpfStatus.TEMPERROR


def test_ipv6_loopback_relay_is_evaluated_as_it_is(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip6:::1 -all"))
    assert verdict(resolver, address="::1").status is SpfStatus.PASS
    assert verdict(resolver, address="127.0.0.1").status is SpfStatus.FAIL
