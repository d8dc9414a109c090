"""SPF (RFC 7208): the sender domain's record, and whether it authorizes the relay.

For a relay of the provider table, the provider's `include:` (or `redirect=`) in the record decides; for
any other relay pyspf evaluates the record for the addresses the test connected to — loopback and private
ones as they are — and the verdict is an estimate: a relay's outgoing addresses can differ from its
submission host's, and a local relay sends from the machine's public address."""

from __future__ import annotations

import ipaddress
import re

import dns.resolver
import spf as pyspf

from wizard.deliverability.dns_lookup import LOOKUP_SECONDS, SpfResolverScope, txt_records
from wizard.deliverability.verdicts import Advice, SpfStatus, SpfVerdict
from wizard.discovery.providers import Provider

# RFC 7208 §4.5: a record starts with "v=spf1" followed by a space or its end.
_SPF = re.compile(r"^v=spf1(\s|$)", re.IGNORECASE)
_NAMES_DOMAIN = re.compile(r"^(?:\+?include:|redirect=)(.+)$", re.IGNORECASE)
_WORST_FIRST = (SpfStatus.PERMERROR, SpfStatus.TEMPERROR, SpfStatus.FAIL, SpfStatus.SOFTFAIL, SpfStatus.NEUTRAL)


def spf_records(resolver: dns.resolver.Resolver, domain: str) -> list[str]:
    """The domain's SPF records (TXT records starting with `v=spf1`); raises DnsUnavailable."""
    return [text for text in txt_records(resolver, f"{domain}.") if _SPF.match(text)]


def names_provider(record: str, include: str) -> bool:
    """Whether the record's own terms include `include` (`include:` or `redirect=`; RFC 7208 §5.2, §6.1)."""
    wanted = include.lower().rstrip(".")
    for term in record.split()[1:]:
        match = _NAMES_DOMAIN.match(term)
        if match is not None and match.group(1).lower().rstrip(".") == wanted:
            return True
    return False


def _permerror_kind(message: str) -> str:
    text = message.lower()
    if "dns lookups" in text:
        return "spf.lookup_limit"
    if "void lookup" in text:
        return "spf.void_limit"
    return "spf.syntax"


def evaluate(resolver: dns.resolver.Resolver, record: str, sender: str, address: str) -> tuple[SpfStatus, str]:
    """pyspf's result for mail from `sender` sent by `address` under `record`, and its explanation."""
    domain = sender.rpartition("@")[2]
    with SpfResolverScope(resolver):
        query = pyspf.query(i=address, s=sender, h=domain, querytime=LOOKUP_SECONDS)
        result, _code, explanation = query.check(spf=record)
    return SpfStatus(result), str(explanation)


def judge_spf(
    resolver: dns.resolver.Resolver,
    records: list[str],
    sender: str,
    addresses: list[str],
    provider: Provider | None,
) -> SpfVerdict:
    """The SPF verdict from the domain's `records` (as `spf_records` found them) for the relay."""
    include = provider.spf_include if provider is not None else None
    if not records:
        key = "spf.none_provider" if include else "spf.none"
        return SpfVerdict(SpfStatus.NONE, Advice(key, (("include", include or ""),)))
    if len(records) > 1:  # RFC 7208 §4.5: more than one record is a permanent error
        return SpfVerdict(SpfStatus.PERMERROR, Advice("spf.two_records"), record=" | ".join(records))
    record = records[0]
    usable = [a for a in addresses if _is_ip(a)]
    if not usable:
        return SpfVerdict(SpfStatus.NOT_CHECKED, Advice("not_checked.no_address"), record=record)
    results = [(evaluate(resolver, record, sender, address), address) for address in usable]
    (status, explanation), address = _decisive(results)
    if status is SpfStatus.PERMERROR:
        return SpfVerdict(status, Advice(_permerror_kind(explanation), (("problem", explanation),)), record=record)
    if status is SpfStatus.TEMPERROR:
        return SpfVerdict(status, Advice("spf.temperror"), record=record)
    if include and names_provider(record, include):
        params = (("include", include), ("provider", provider.name if provider else ""))
        return SpfVerdict(SpfStatus.PASS, Advice("spf.provider_include", params), record=record)
    if status is SpfStatus.PASS:
        return SpfVerdict(status, Advice("spf.pass_estimate", (("address", address),)), record=record, estimate=True)
    if include:
        return SpfVerdict(status, Advice("spf.add_include", (("include", include),)), record=record, estimate=True)
    return SpfVerdict(status, Advice(f"spf.{status}", (("address", address),)), record=record, estimate=True)


def _decisive(results: list[tuple[tuple[SpfStatus, str], str]]) -> tuple[tuple[SpfStatus, str], str]:
    """With several relay addresses, the worst result counts: mail may leave from any of them."""
    for status in _WORST_FIRST:
        for result in results:
            if result[0][0] is status:
                return result
    return results[0]


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
