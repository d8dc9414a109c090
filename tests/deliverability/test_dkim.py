"""DKIM key records at the provider's selectors, served on loopback and parsed by dkimpy (RFC 6376)."""

from __future__ import annotations

import base64

import dns.resolver
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.deliverability.conftest import DOMAIN, txt
from tests.discovery.dns_responder import Zone
from wizard.core.providers import provider_by_id
from wizard.deliverability.dkim import dkim_lookup, judge_dkim
from wizard.deliverability.verdicts import DkimStatus


def key_record() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return f"v=DKIM1; k=rsa; p={base64.b64encode(der).decode()}"


def test_key_at_a_microsoft_selector_is_found(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    provider = provider_by_id("microsoft365")
    assert provider is not None
    zone.add(f"selector2._domainkey.{DOMAIN}", "TXT", txt(key_record()))
    found = judge_dkim(dkim_lookup(resolver, DOMAIN, provider.dkim_selectors), provider)
    assert found.status is DkimStatus.FOUND and found.selectors == ("selector2",)


def test_no_key_at_the_google_selector_is_not_found(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    provider = provider_by_id("google")
    assert provider is not None
    found = judge_dkim(dkim_lookup(resolver, DOMAIN, provider.dkim_selectors), provider)
    assert found.status is DkimStatus.NOT_FOUND and found.selectors == ("google",)
    assert "google" in found.advice.text()


def test_revoked_or_broken_key_is_not_found(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    provider = provider_by_id("sendgrid")
    assert provider is not None
    zone.add(f"s1._domainkey.{DOMAIN}", "TXT", txt("v=DKIM1; k=rsa; p="))
    zone.add(f"s2._domainkey.{DOMAIN}", "TXT", txt("v=DKIM1; k=rsa; p=bm90IGEga2V5"))
    assert judge_dkim(dkim_lookup(resolver, DOMAIN, provider.dkim_selectors), provider).status is DkimStatus.NOT_FOUND


def test_relay_outside_the_table_has_an_unknown_selector() -> None:
    assert judge_dkim(None, None).status is DkimStatus.UNKNOWN_SELECTOR


def test_servfail_at_every_selector_is_not_checked(zone: Zone, resolver: dns.resolver.Resolver) -> None:
    provider = provider_by_id("google")
    assert provider is not None
    zone.servfail.add(f"google._domainkey.{DOMAIN}.")
    found = judge_dkim(dkim_lookup(resolver, DOMAIN, provider.dkim_selectors), provider)
    assert found.status is DkimStatus.NOT_CHECKED


def test_provider_own_domain_is_left_to_the_provider() -> None:
    found = judge_dkim(None, provider_by_id("google"), "gmail.com")
    assert found.status is DkimStatus.UNKNOWN_SELECTOR and found.advice.key == "dkim.provider_domain"
    assert "gmail.com" in found.advice.text()
