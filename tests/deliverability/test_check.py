"""The check beside a real probe of a loopback SMTP server, with DNS from a loopback responder (SPEC §11)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import dns.resolver

from tests.deliverability.conftest import txt
from tests.deliverability.test_dkim import key_record
from tests.discovery.dns_responder import DnsResponder, Zone
from tests.support.servers import LOGIN
from wizard.core import i18n
from wizard.deliverability.check import GRACE_SECONDS, DeliverabilityRun, probe_with_deliverability
from wizard.deliverability.verdicts import Deliverability, DkimStatus, DmarcStatus, SpfStatus
from wizard.probe.engine import run_probe
from wizard.probe.report import ProbeReport, ServerFacts

DOMAIN = LOGIN.rpartition("@")[2]
Server = Callable[..., Any]


async def checked(
    server: Any, resolver: dns.resolver.Resolver, *, user: str = LOGIN, grace: float = GRACE_SECONDS
) -> tuple[ProbeReport, Deliverability]:
    settings = server.settings(user=user)
    return await probe_with_deliverability(
        run_probe(server.request(settings, secret=None)), user, settings.host, resolver=resolver, grace=grace
    )


async def test_passed_test_reports_all_three_records(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.1 -all"))
    zone.add(f"_dmarc.{DOMAIN}", "TXT", txt("v=DMARC1; p=quarantine"))
    report, found = await checked(smtp_server("plain", auth=False), resolver)
    assert report.ok
    assert found.spf.status is SpfStatus.PASS and found.spf.estimate
    assert found.dmarc.status is DmarcStatus.PRESENT and found.dmarc.policy == "quarantine"
    assert found.dkim.status is DkimStatus.UNKNOWN_SELECTOR


async def test_json_has_exactly_the_spec_shape(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 -all"))
    _, found = await checked(smtp_server("plain", auth=False), resolver)
    shape = found.to_json()
    assert set(shape) == {"domain", "spf", "dmarc", "dkim"} and shape["domain"] == DOMAIN
    assert set(shape["spf"]) == {"status", "record", "estimate", "advice"}
    assert set(shape["dmarc"]) == {"status", "policy", "record", "advice"}
    assert set(shape["dkim"]) == {"status", "selectors", "advice"}
    assert shape["spf"] == {
        "status": "fail",
        "record": "v=spf1 -all",
        "estimate": True,
        "advice": shape["spf"]["advice"],
    }


async def test_failed_test_is_not_checked_with_the_reason(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    server = smtp_server("starttls")
    settings = server.settings()
    report, found = await probe_with_deliverability(
        run_probe(server.request(settings, secret="wrong")), settings.user, settings.host, resolver=resolver
    )
    assert not report.ok
    assert {found.spf.status, found.dmarc.status, found.dkim.status} == {"not_checked"}
    assert found.spf.advice.key == "not_checked.no_pass"


async def test_domain_that_cannot_receive_internet_mail_asks_no_dns(
    smtp_server: Server, dns_server: DnsResponder, resolver: dns.resolver.Resolver
) -> None:
    _, found = await checked(smtp_server("plain", auth=False), resolver, user="bom@mail.example.test")
    assert found.spf.status is SpfStatus.NOT_CHECKED and found.spf.advice.key == "not_checked.not_public"
    assert dns_server.queries == []


async def test_servfail_gives_temperror_and_dmarc_error(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.servfail |= {f"{DOMAIN}.", f"_dmarc.{DOMAIN}."}
    _, found = await checked(smtp_server("plain", auth=False), resolver)
    assert found.spf.status is SpfStatus.TEMPERROR
    assert found.dmarc.status is DmarcStatus.ERROR


async def test_silent_dns_is_reported_within_the_grace_after_the_test(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.silent |= {f"{DOMAIN}.", f"_dmarc.{DOMAIN}."}
    started = time.monotonic()
    _, found = await checked(smtp_server("plain", auth=False), resolver)
    assert time.monotonic() - started < GRACE_SECONDS + 2.0  # generous: the test itself takes milliseconds
    assert found.spf.status in (SpfStatus.TEMPERROR, SpfStatus.NOT_CHECKED)
    assert found.dmarc.status in (DmarcStatus.ERROR, DmarcStatus.NOT_CHECKED)


async def test_lookups_not_done_by_the_grace_are_reported_as_not_finished(
    smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.silent |= {f"{DOMAIN}.", f"_dmarc.{DOMAIN}."}
    _, found = await checked(smtp_server("plain", auth=False), resolver, grace=0.2)
    assert found.spf.status is SpfStatus.NOT_CHECKED and found.spf.advice.key == "not_checked.unfinished"
    assert found.dmarc.status is DmarcStatus.NOT_CHECKED


async def test_advice_is_given_in_german(smtp_server: Server, zone: Zone, resolver: dns.resolver.Resolver) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.1 ~all"))
    _, found = await checked(smtp_server("plain", auth=False), resolver)
    english, german = found.to_json("en"), found.to_json("de")
    assert german["spf"]["advice"] != english["spf"]["advice"] and "Spam" in german["spf"]["advice"]
    i18n.set_language("de")
    assert found.rows()[1][2] == german["dmarc"]["advice"]
    assert "Zustellbarkeit" in found.heading()


async def test_provider_relay_is_judged_by_its_include_and_selectors(
    zone: Zone, resolver: dns.resolver.Resolver
) -> None:
    zone.add(DOMAIN, "TXT", txt("v=spf1 include:_spf.google.com -all"))
    zone.add("_spf.google.com", "TXT", txt("v=spf1 ip4:192.0.2.0/24 -all"))
    zone.add(f"google._domainkey.{DOMAIN}", "TXT", txt(key_record()))
    run = DeliverabilityRun(LOGIN, "smtp.gmail.com", resolver=resolver)
    # what a passed test of smtp.gmail.com reports (the test itself cannot leave loopback)
    found = await run.finish(ProbeReport(ok=True, steps=[], server=ServerFacts(address="192.0.2.25")))
    assert found.spf.status is SpfStatus.PASS and not found.spf.estimate
    assert found.dkim.status is DkimStatus.FOUND and found.dkim.selectors == ("google",)
