"""The provider table alone (offline): complete, well-formed, and the right first suggestion per domain."""

from __future__ import annotations

import itertools
import re

import pytest

from wizard.core.i18n import catalogue
from wizard.core.providers import ProviderTableError, parse_providers, provider_for_mx
from wizard.core.resources import resource
from wizard.core.settings import Security
from wizard.discovery import Source, providers, suggest_from_table
from wizard.discovery.candidate import from_provider

ALL_DOMAINS = [(domain, p.id) for p in providers() for domain in p.domains]


def test_table_has_at_least_25_providers() -> None:
    assert len(providers()) >= 25


@pytest.mark.parametrize(("domain", "provider_id"), ALL_DOMAINS)
def test_table_alone_gives_the_providers_server_first(domain: str, provider_id: str) -> None:
    provider = next(p for p in providers() if p.id == provider_id)
    first = suggest_from_table(f"someone@{domain}")[0]
    assert (first.host, first.port, first.security, first.source, first.provider_id) == (
        provider.host,
        provider.port,
        provider.security,
        Source.PROVIDER_TABLE,
        provider_id,
    )


def test_well_known_domains_map_to_the_expected_servers() -> None:
    expected = {
        "gmail.com": ("smtp.gmail.com", 465, Security.SMTPS),
        "outlook.com": ("smtp-mail.outlook.com", 587, Security.STARTTLS),
        "gmx.de": ("mail.gmx.net", 465, Security.SMTPS),  # both offer 465 and 587: implicit TLS first
        "web.de": ("smtp.web.de", 465, Security.SMTPS),
        "t-online.de": ("securesmtp.t-online.de", 465, Security.SMTPS),
        "posteo.de": ("posteo.de", 465, Security.SMTPS),
        "icloud.com": ("smtp.mail.me.com", 587, Security.STARTTLS),
    }
    for domain, server in expected.items():
        first = suggest_from_table(f"Someone@{domain.upper()}")[0]
        assert (first.host, first.port, first.security) == server


def test_no_domain_belongs_to_two_providers() -> None:
    domains = [domain for domain, _ in ALL_DOMAINS]
    assert len(domains) == len(set(domains))


def test_every_hint_exists_in_english_and_german() -> None:
    texts = catalogue()
    for provider in providers():
        assert texts[provider.hint]["en"] and texts[provider.hint]["de"], provider.id


def test_every_provider_names_the_page_its_facts_come_from() -> None:
    text = resource("providers.toml").read_text(encoding="utf-8")
    parts = re.split(r"^\[\[provider\]\]$", text, flags=re.MULTILINE)
    assert len(parts) - 1 == len(providers())
    for before, entry in itertools.pairwise(parts):
        lines = before.rstrip("\n").splitlines()
        comments: list[str] = []
        while lines and lines[-1].startswith("#"):
            comments.append(lines.pop())
        assert any("https://" in line for line in comments), entry.splitlines()[1]


@pytest.mark.parametrize(
    ("mx_host", "provider_id"),
    [
        ("aspmx.l.google.com", "google"),
        ("smtp.google.com.", "google"),
        ("contoso-com.mail.protection.outlook.com", "microsoft365"),
        ("hotmail-com.olc.protection.outlook.com", "outlook"),
        ("mx-aol.mail.gm0.yahoodns.net", "aol"),
        ("mta5.am0.yahoodns.net", "yahoo"),
        ("mx00.ionos.de", "ionos"),
        ("smtpin.rzone.de", "strato"),
        ("mxa.eu.mailgun.org", "mailgun-eu"),
        ("mxa.mailgun.org", "mailgun-us"),
        ("inbound-smtp.eu-central-1.amazonaws.com", "ses-eu-central-1"),
    ],
)
def test_mx_host_identifies_the_hosting_provider(mx_host: str, provider_id: str) -> None:
    provider = provider_for_mx(mx_host)
    assert provider is not None and provider.id == provider_id


def test_unknown_mx_host_identifies_nobody() -> None:
    assert provider_for_mx("mx.example.com") is None


def test_literal_login_is_filled_in_and_issued_logins_are_left_empty() -> None:
    by_id = {p.id: p for p in providers()}
    sendgrid = from_provider(by_id["sendgrid"], Source.MX, "a@example.com")
    ses = from_provider(by_id["ses-eu-central-1"], Source.MX, "a@example.com")
    assert (sendgrid.login, sendgrid.login_form) == ("apikey", "literal")
    assert (ses.login, ses.login_form) == ("", "iam")


def test_unknown_or_incomplete_address_gives_no_table_suggestion() -> None:
    assert suggest_from_table("someone@example.com") == []
    assert suggest_from_table("someone@") == []
    assert suggest_from_table("gmail.com") == []


def test_implicit_tls_entry_on_a_port_other_than_465_is_rejected() -> None:
    bad = """
[[provider]]
id = "x"
name = "X"
host = "smtp.x.example"
port = 2465
security = "smtps"
login = "address"
hint = "discovery.hint.generic"
"""
    with pytest.raises(ProviderTableError):
        parse_providers(bad)


def test_unknown_security_is_rejected() -> None:
    bad = '[[provider]]\nid="x"\nname="X"\nhost="h"\nport=25\nsecurity="ssl"\nlogin="address"\nhint="h"\n'
    with pytest.raises(ProviderTableError):
        parse_providers(bad)


@pytest.mark.parametrize(
    ("domain", "provider_id"),
    [("hotmail.fr", "outlook"), ("live.co.uk", "outlook"), ("yahoo.it", "yahoo"), ("gmx.eu", "gmx")],
)
def test_regional_domains_of_a_provider_map_to_it(domain: str, provider_id: str) -> None:
    assert suggest_from_table(f"someone@{domain}")[0].provider_id == provider_id


def test_local_part_login_form_fills_in_the_part_before_the_at() -> None:
    [provider] = parse_providers(
        """
        [[provider]]
        id = "x"
        name = "X"
        domains = ["x.example"]
        host = "smtp.x.example"
        port = 465
        security = "smtps"
        login = "local-part"
        hint = "discovery.hint.generic"
        """
    )
    candidate = from_provider(provider, Source.PROVIDER_TABLE, "fred@x.example")
    assert (candidate.login, candidate.login_form) == ("fred", "local-part")
