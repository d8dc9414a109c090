"""SPF records as people and providers really write them (RFC 7208), served on loopback: mechanisms that look
things up (`ptr`, `exists` with macros), every `all` qualifier, IPv6, records split into strings or reached
through a CNAME, several relay addresses (the worst counts), and the provider's include found through the
records the domain's own record includes."""

from __future__ import annotations

import itertools

import dns.resolver
import pytest

from tests.deliverability.conftest import DOMAIN, RELAY_ADDRESS, SENDER, txt
from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.deliverability.dns_lookup import DnsUnavailable
from wizard.deliverability.spf import judge_spf, reaches_provider, spf_records
from wizard.deliverability.verdicts import SpfStatus, SpfVerdict
from wizard.discovery.providers import provider_by_id


def verdict(
    resolver: dns.resolver.Resolver, addresses: tuple[str, ...] = (RELAY_ADDRESS,), provider_id: str | None = None
) -> SpfVerdict:
    provider = provider_by_id(provider_id) if provider_id else None
    return judge_spf(resolver, spf_records(resolver, DOMAIN), SENDER, list(addresses), provider)


def test_ptr_naming_a_host_of_the_domain_passes(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ptr -all"))
    zone.add("1.0.0.127.in-addr.arpa", "PTR", f"mail.{DOMAIN}.")
    zone.add(f"mail.{DOMAIN}", "A", RELAY_ADDRESS)
    assert verdict(resolver).status is SpfStatus.PASS


def test_ptr_without_a_reverse_name_fails(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ptr -all"))
    assert verdict(resolver).status is SpfStatus.FAIL


def test_exists_with_the_address_macro_passes_when_the_name_exists(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 exists:%{i}._allow.example -all"))
    zone.add(f"{RELAY_ADDRESS}._allow.example", "A", "127.0.0.2")
    assert verdict(resolver).status is SpfStatus.PASS


def test_exists_with_the_address_macro_fails_when_the_name_does_not(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 exists:%{i}._allow.example -all"))
    assert verdict(resolver).status is SpfStatus.FAIL


def test_include_spelled_with_a_macro_is_expanded_not_taken_for_a_provider(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:%{d}._spf.example -all"))
    zone.add(f"{DOMAIN}._spf.example", "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    assert verdict(resolver).status is SpfStatus.PASS
    assert verdict(resolver, provider_id="google").advice.key != "spf.provider_include"


@pytest.mark.parametrize(
    ("record", "status"),
    [
        ("v=spf1 +all", SpfStatus.PASS),
        ("v=spf1 all", SpfStatus.PASS),
        ("v=spf1 ?all", SpfStatus.NEUTRAL),
        ("v=spf1 ~all", SpfStatus.SOFTFAIL),
        ("v=spf1 -all", SpfStatus.FAIL),
    ],
)
def test_each_all_qualifier_gives_its_result(
    zone: Zone, resolver: dns.resolver.Resolver, record: str, status: SpfStatus
) -> None:
    zone.add(DOMAIN, "TXT", txt(record))
    assert verdict(resolver).status is status


def test_ip6_network_covers_an_ipv6_relay(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip6:::1/128 -all"))
    assert verdict(resolver, ("::1",)).status is SpfStatus.PASS


def test_worst_of_the_relay_addresses_counts_and_each_is_named(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip6:::1 -all"))
    found = verdict(resolver, ("::1", RELAY_ADDRESS))
    assert found.status is SpfStatus.FAIL and found.estimate and found.advice.key == "spf.fail_worst"
    text = found.advice.text()
    assert "::1 pass" in text and "127.0.0.1 fail" in text and "worst" in text
    assert "schlechteste" in found.advice.text("de")


@pytest.mark.parametrize(("ending", "status"), [("~all", SpfStatus.SOFTFAIL), ("?all", SpfStatus.NEUTRAL)])
def test_worst_softer_result_is_named_for_several_addresses(
    zone: Zone, resolver: dns.resolver.Resolver, ending: str, status: SpfStatus
) -> None:
    zone.add(DOMAIN, "TXT", txt(f"v=spf1 ip4:127.0.0.1 {ending}"))
    found = verdict(resolver, (RELAY_ADDRESS, "::1"))
    assert found.status is status and found.advice.key == f"spf.{status}_worst"


def test_every_address_allowed_passes_naming_them(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 ip6:::1 -all"))
    found = verdict(resolver, (RELAY_ADDRESS, "::1", RELAY_ADDRESS))
    assert found.status is SpfStatus.PASS and found.advice.key == "spf.pass_all"
    assert "127.0.0.1 pass, ::1 pass" in found.advice.text()


def test_record_split_into_strings_is_joined_without_spaces(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    # RFC 7208 §3.3: the strings are concatenated as they are, even inside a term
    zone.add(DOMAIN, "TXT", '"v=spf1 ip4:127.0" ".0.1 -all"')
    found = verdict(resolver)
    assert found.record == "v=spf1 ip4:127.0.0.1 -all" and found.status is SpfStatus.PASS


def test_upper_case_version_is_an_spf_record(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("V=SPF1 IP4:127.0.0.1 -ALL"))
    assert verdict(resolver).status is SpfStatus.PASS


def test_version_with_more_digits_is_no_spf_record(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf10 ip4:127.0.0.1 -all"))
    assert verdict(resolver).status is SpfStatus.NONE


def test_cname_at_the_domain_is_followed(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "CNAME", "alias.example.net.")
    zone.add("alias.example.net", "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    assert verdict(resolver).status is SpfStatus.PASS


def test_cname_loop_is_dns_unavailable(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "CNAME", "loop.example.net.")
    zone.add("loop.example.net", "CNAME", f"{DOMAIN}.")
    with pytest.raises(DnsUnavailable):
        spf_records(resolver, DOMAIN)


def test_truncated_answer_is_asked_again_over_tcp(
    zone: Zone, dns_server: DnsResponder, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    zone.truncated.add(f"{DOMAIN}.")
    assert verdict(resolver).status is SpfStatus.PASS
    assert (f"{DOMAIN}.", "TXT/tcp") in dns_server.queries


def test_truncated_include_inside_pyspf_is_asked_over_tcp(
    zone: Zone, dns_server: DnsResponder, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:_spf.relay.example -all"))
    zone.add("_spf.relay.example", "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    zone.truncated.add("_spf.relay.example.")
    assert verdict(resolver).status is SpfStatus.PASS
    assert ("_spf.relay.example.", "TXT/tcp") in dns_server.queries


# -- the provider's include, nested ------------------------------------------------------------------------


def test_provider_include_inside_another_include_passes_without_estimate(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:_spf.example.com -all"))
    zone.add("_spf.example.com", "TXT", txt("v=spf1 ip4:192.0.2.1 include:_spf.google.com ~all"))
    zone.add("_spf.google.com", "TXT", txt("v=spf1 ip4:192.0.2.2 ~all"))
    found = verdict(resolver, provider_id="google")
    assert found.status is SpfStatus.PASS and not found.estimate and found.advice.key == "spf.provider_include"


def test_provider_include_behind_a_redirect_passes(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 redirect=_spf.example.com"))
    zone.add("_spf.example.com", "TXT", txt("v=spf1 include:spf.protection.outlook.com -all"))
    zone.add("spf.protection.outlook.com", "TXT", txt("v=spf1 ip4:192.0.2.3 -all"))
    assert verdict(resolver, provider_id="microsoft365").advice.key == "spf.provider_include"


def test_redirect_beside_all_is_not_followed(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    # RFC 7208 §6.1: a record with an "all" mechanism ignores its redirect=
    record = "v=spf1 ip4:192.0.2.9 -all redirect=_spf.google.com"
    assert not reaches_provider(resolver, record, "_spf.google.com")


def test_provider_include_with_a_fail_qualifier_does_not_count(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add("_spf.example.com", "TXT", txt("v=spf1 -include:_spf.google.com ~all"))
    assert not reaches_provider(resolver, "v=spf1 include:_spf.example.com -all", "_spf.google.com")


def test_provider_include_beyond_ten_lookups_is_not_found(
    zone: Zone, dns_server: DnsResponder, resolver: dns.resolver.Resolver
) -> None:
    chain = [f"n{n}.relay.example" for n in range(12)]
    for here, there in itertools.pairwise(chain):
        zone.add(here, "TXT", txt(f"v=spf1 include:{there} -all"))
    zone.add(chain[-1], "TXT", txt("v=spf1 include:_spf.google.com -all"))
    assert not reaches_provider(resolver, f"v=spf1 include:{chain[0]} -all", "_spf.google.com")
    assert len(dns_server.queries) <= 10


def test_include_loop_ends(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add("a.relay.example", "TXT", txt("v=spf1 include:b.relay.example -all"))
    zone.add("b.relay.example", "TXT", txt("v=spf1 include:a.relay.example -all"))
    assert not reaches_provider(resolver, "v=spf1 include:a.relay.example -all", "_spf.google.com")


def test_unanswered_include_is_skipped_in_the_search(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.servfail.add("broken.relay.example.")
    zone.add("ok.relay.example", "TXT", txt("v=spf1 include:_spf.google.com -all"))
    record = "v=spf1 include:broken.relay.example include:ok.relay.example -all"
    assert reaches_provider(resolver, record, "_spf.google.com")
