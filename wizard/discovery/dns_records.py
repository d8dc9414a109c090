"""What the domain's DNS says: RFC 6186 / RFC 8314 SRV records and the MX hosts, mapped to known providers.

The resolver is always passed in (tests point one at a responder on 127.0.0.1). Every failure — no
network, NXDOMAIN, no answer, a timeout — means "nothing learned here": discovery carries on quietly.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import dns.asyncresolver
import dns.exception
import dns.name
import dns.rdatatype

from wizard.core.providers import Provider, provider_for_mx, providers
from wizard.core.settings import DEFAULT_PORTS, Security
from wizard.discovery.candidate import Candidate, Source, from_provider

log = logging.getLogger(__name__)

DNS_TIMEOUT = 2.0  # seconds per lookup: DNS either answers fast or not at all
GENERIC_HINT = "discovery.hint.generic"

# RFC 8314 §5.1: `_submissions` is implicit TLS; RFC 6186 §3.1: `_submission` is STARTTLS. Preferred first.
SRV_SERVICES = (("_submissions._tcp", Security.SMTPS), ("_submission._tcp", Security.STARTTLS))


def default_resolver() -> dns.asyncresolver.Resolver | None:
    """The system's resolver, or None where there is no resolver configuration at all."""
    try:
        return dns.asyncresolver.Resolver()
    except (dns.exception.DNSException, OSError) as exc:
        log.debug("no system resolver: %s", exc)
        return None


async def _records(resolver: dns.asyncresolver.Resolver, name: str, rdtype: str, timeout: float) -> list[Any]:
    try:
        answer = await resolver.resolve(dns.name.from_text(name), rdtype, lifetime=timeout, raise_on_no_answer=False)
    except (dns.exception.DNSException, OSError) as exc:
        log.debug("%s %s: %s", name, rdtype, exc.__class__.__name__)
        return []
    return list(answer.rrset) if answer.rrset is not None else []


def _provider_at(host: str) -> Provider | None:
    return next((p for p in providers() if p.host == host), None)


def _srv_candidate(record: Any, security: Security, address: str) -> Candidate | None:
    host = record.target.to_text(omit_final_dot=True).lower()
    if not host or host == ".":
        return None  # RFC 2782: a target of "." means the service is decidedly not offered
    if security is Security.SMTPS and record.port != DEFAULT_PORTS[Security.SMTPS]:
        return None  # the server speaks implicit TLS only on 465 (SPEC §2): not expressible in [smtp]
    provider = _provider_at(host)
    if provider is not None and provider.port == record.port and provider.security is security:
        return from_provider(provider, Source.SRV, address)
    return Candidate(
        host=host,
        port=int(record.port),
        security=security,
        source=Source.SRV,
        login=address,
        hint_id=GENERIC_HINT,
    )


async def srv_candidates(
    domain: str, address: str, resolver: dns.asyncresolver.Resolver, *, timeout: float = DNS_TIMEOUT
) -> list[Candidate]:
    """Submission servers the domain publishes, implicit TLS first, each by priority then weight."""
    lookups = [_records(resolver, f"{service}.{domain}.", "SRV", timeout) for service, _ in SRV_SERVICES]
    results = await asyncio.gather(*lookups)
    found: list[Candidate] = []
    for (_, security), records in zip(SRV_SERVICES, results, strict=True):
        for record in sorted(records, key=lambda r: (r.priority, -r.weight)):
            candidate = _srv_candidate(record, security, address)
            if candidate is not None and candidate.key not in {c.key for c in found}:
                found.append(candidate)
    return found


async def mx_hosts(domain: str, resolver: dns.asyncresolver.Resolver, *, timeout: float = DNS_TIMEOUT) -> list[str]:
    """The domain's mail exchangers, most preferred first (lower case, no trailing dot); [] on any failure."""
    records = await _records(resolver, f"{domain}.", "MX", timeout)
    hosts = [r.exchange.to_text(omit_final_dot=True).lower() for r in sorted(records, key=lambda r: r.preference)]
    return [host for host in hosts if host and host != "."]  # RFC 7505: "." is a null MX (no mail at all)


def provider_candidates_for_mx(hosts: list[str], address: str) -> list[Candidate]:
    """The submission server of the provider that hosts the domain's mail, judged by its MX hosts."""
    for host in hosts:
        provider = provider_for_mx(host)
        if provider is not None:
            return [from_provider(provider, Source.MX, address)]
    return []


async def mx_candidates(
    domain: str, address: str, resolver: dns.asyncresolver.Resolver, *, timeout: float = DNS_TIMEOUT
) -> list[Candidate]:
    """The submission server of the provider that hosts the domain's mail, judged by its MX hosts."""
    return provider_candidates_for_mx(await mx_hosts(domain, resolver, timeout=timeout), address)
