"""Which resolver the check asks (SPEC §11: the system's; tests inject one on loopback), and what it says
when there is none."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from wizard.deliverability.check import DeliverabilityRun
from wizard.deliverability.dns_lookup import DNS_SERVER_ENV, NoResolver, system_resolver
from wizard.deliverability.verdicts import SpfStatus
from wizard.probe.report import ProbeReport, ServerFacts


def test_injected_server_is_asked_on_its_port() -> None:
    resolver = system_resolver({DNS_SERVER_ENV: "127.0.0.1:5353"})
    assert resolver.nameservers == ["127.0.0.1"] and resolver.port == 5353


def test_system_configuration_names_the_servers(tmp_path: Path) -> None:
    conf = tmp_path / "resolv.conf"
    conf.write_text("nameserver 127.0.0.53\n")
    assert system_resolver({}, str(conf)).nameservers == ["127.0.0.53"]


def test_no_configuration_at_all_raises_no_resolver(tmp_path: Path) -> None:
    with pytest.raises(NoResolver):
        system_resolver({}, str(tmp_path / "missing"))


async def test_no_resolver_gives_not_checked_with_the_reason(tmp_path: Path) -> None:
    nowhere = functools.partial(system_resolver, {}, str(tmp_path / "missing"))
    run = DeliverabilityRun("bom@example.com", "127.0.0.1", system=nowhere)
    report = ProbeReport(ok=True, steps=[], server=ServerFacts(address="127.0.0.1"))
    found = await run.finish(report)
    assert found.spf.status is SpfStatus.NOT_CHECKED and found.spf.advice.key == "not_checked.no_dns"
    assert "no DNS resolver" in found.spf.advice.text()
