"""DMARC policy discovery from records on a loopback DNS responder (RFC 7489 §6.6.3)."""

from __future__ import annotations

import dns.resolver
import pytest

from tests.deliverability.conftest import DOMAIN, txt
from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.deliverability.dmarc import dmarc_lookup, judge_dmarc
from wizard.deliverability.org_domain import organizational_domain
from wizard.deliverability.verdicts import DmarcStatus


@pytest.mark.parametrize("policy", ["none", "quarantine", "reject"])
def test_each_policy_at_the_domain_is_reported(zone: Zone, resolver: dns.resolver.Resolver, policy: str) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt(f"v=DMARC1; p={policy}; rua=mailto:d@{DOMAIN}"))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True)
    assert found.status is DmarcStatus.PRESENT and found.policy == policy
    assert found.record == f"v=DMARC1; p={policy}; rua=mailto:d@{DOMAIN}"


def test_missing_record_is_missing(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True)
    assert found.status is DmarcStatus.MISSING and found.policy is None and found.record is None


def test_subdomain_inherits_the_organizational_domains_sp(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=reject; sp=quarantine"))
    found = judge_dmarc(dmarc_lookup(resolver, f"mail.{DOMAIN}"), spf_passes=True)
    assert found.status is DmarcStatus.PRESENT and found.policy == "quarantine"
    assert f"_dmarc.{DOMAIN}" in found.advice.text()


def test_subdomain_inherits_p_when_the_organizational_record_has_no_sp(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=reject"))
    assert judge_dmarc(dmarc_lookup(resolver, f"mail.{DOMAIN}"), spf_passes=True).policy == "reject"


def test_enforced_policy_without_spf_pass_warns_about_alignment(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=reject"))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=False)
    assert found.aligned is False and found.advice.key == "dmarc.enforced_unaligned"


def test_two_records_are_an_error(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=none"), txt("v=DMARC1; p=reject"))
    assert judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True).status is DmarcStatus.ERROR


def test_record_without_a_policy_or_report_address_is_an_error(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; adkim=s"))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True)
    assert found.status is DmarcStatus.ERROR and found.advice.key == "dmarc.invalid"


def test_record_with_only_a_report_address_counts_as_policy_none(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    # RFC 7489 §6.6.3: no valid p= but a rua= -> receivers act as if p=none was published
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; rua=mailto:d@example.com"))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True)
    assert found.status is DmarcStatus.PRESENT and found.policy == "none"
    assert found.advice.key == "dmarc.none_by_reports" and "rua=" in found.advice.text()


def test_invalid_policy_with_a_report_address_counts_as_policy_none(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=bogus; rua=mailto:d@example.com"))
    assert judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=False).policy == "none"


def test_upper_case_tag_names_and_policy_are_read(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("V=DMARC1; P=REJECT; PCT=10"))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True)
    assert found.status is DmarcStatus.PRESENT and found.policy == "reject"


def test_percentage_does_not_change_the_policy(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=quarantine; pct=25"))
    assert judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True).policy == "quarantine"


@pytest.mark.parametrize("record", ["p=reject; v=DMARC1", "v=dmarc1; p=reject", "v=DMARC1 p=reject"])
def test_record_receivers_ignore_is_named_not_missing(zone: Zone, resolver: dns.resolver.Resolver, record: str) -> None:
    # RFC 7489 §6.4: the version tag comes first, its value exactly DMARC1 (and tags end with ";")
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt(record))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True)
    assert found.status is DmarcStatus.ERROR and found.advice.key == "dmarc.unread"
    assert found.record == record and f"_dmarc.{DOMAIN}" in found.advice.text()
    assert "v=DMARC1;" in found.advice.text("de")


def test_subdomain_of_a_country_second_level_inherits_from_the_registered_name(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add("_dmarc.example.co.uk", "TXT", txt("v=DMARC1; p=reject; sp=quarantine"))
    found = judge_dmarc(dmarc_lookup(resolver, "mail.example.co.uk"), spf_passes=True)
    assert found.policy == "quarantine" and "_dmarc.example.co.uk" in found.advice.text()


def test_registered_name_under_a_country_second_level_asks_no_public_suffix(
    zone: Zone, dns_server: DnsResponder, resolver: dns.resolver.Resolver
) -> None:
    found = judge_dmarc(dmarc_lookup(resolver, "example.co.uk"), spf_passes=True)
    assert found.status is DmarcStatus.MISSING
    assert [name for name, _ in dns_server.queries] == ["_dmarc.example.co.uk."]


def test_organizational_domain_fallback_rule_keeps_country_second_levels() -> None:
    assert organizational_domain("mail.example.com") == "example.com"
    assert organizational_domain("a.b.example.co.uk") == "example.co.uk"
    assert organizational_domain("example.de") == "example.de"


def test_enforced_policy_with_spf_unknown_says_what_the_policy_does(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=quarantine"))
    found = judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=None)
    assert found.aligned is None and found.advice.key == "dmarc.enforced"
