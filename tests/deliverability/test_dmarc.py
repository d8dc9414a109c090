"""DMARC policy discovery from records on a loopback DNS responder (RFC 7489 §6.6.3)."""

from __future__ import annotations

import dns.resolver
import pytest

from tests.deliverability.conftest import DOMAIN, txt
from tests.discovery.dns_responder import Zone
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


def test_record_without_a_policy_is_an_error(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; rua=mailto:d@example.com"))
    assert judge_dmarc(dmarc_lookup(resolver, DOMAIN), spf_passes=True).status is DmarcStatus.ERROR


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
