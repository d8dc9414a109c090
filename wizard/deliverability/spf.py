"""SPF (RFC 7208): the sender domain's record, and whether it authorizes the relay.

For a relay of the provider table, the provider's `include:` (or `redirect=`) decides, in the record itself
or in any record it includes or redirects to (RFC 7208 §5.2, §6.1; followed within the 10-lookup limit of
§4.6.4). For any other relay pyspf evaluates the record for every address the probe resolved the relay's
name to — loopback and private ones as they are — and the verdict is an estimate: a relay's outgoing
addresses can differ from its submission host's, and a local relay sends from the machine's public address.
With several addresses the worst result counts (mail may leave from any of them) and the advice names each
address with its result."""

from __future__ import annotations

import re

import dns.resolver
import spf as pyspf

from wizard.core.endpoint import is_ip_address
from wizard.core.providers import Provider
from wizard.deliverability.dns_lookup import LOOKUP_SECONDS, DnsUnavailable, SpfResolverScope, txt_records
from wizard.deliverability.verdicts import Advice, SpfStatus, SpfVerdict

# RFC 7208 §4.5: a record starts with "v=spf1" followed by a space or its end.
_SPF = re.compile(r"^v=spf1(\s|$)", re.IGNORECASE)
_NAMES_DOMAIN = re.compile(r"^(?:\+?include:|redirect=)(.+)$", re.IGNORECASE)
# RFC 7208 §4.6.4: the terms that cause DNS lookups, at most 10 per check.
_COUNTED = re.compile(r"^[+\-~?]?(?:include:|a(?:$|[:/])|mx(?:$|[:/])|ptr(?:$|:)|exists:)|^redirect=", re.IGNORECASE)
_ALL = re.compile(r"^[+\-~?]?all$", re.IGNORECASE)
LOOKUP_LIMIT = 10
_WORST_FIRST = (SpfStatus.PERMERROR, SpfStatus.TEMPERROR, SpfStatus.FAIL, SpfStatus.SOFTFAIL, SpfStatus.NEUTRAL)


def spf_records(resolver: dns.resolver.Resolver, domain: str) -> list[str]:
    """The domain's SPF records (TXT records starting with `v=spf1`); raises DnsUnavailable."""
    return [text for text in txt_records(resolver, f"{domain}.") if _SPF.match(text)]


def names_provider(record: str, include: str) -> bool:
    """Whether the record's own terms include `include` (`include:` or `redirect=`; RFC 7208 §5.2, §6.1)."""
    wanted = include.lower().rstrip(".")
    return wanted in _named_domains(record)


def _named_domains(record: str) -> list[str]:
    """The domains a record's passing `include:` terms and its `redirect=` name, in order, lower case.

    A `redirect=` counts only where the record has no `all` (RFC 7208 §6.1); a domain spelled with a macro
    (`%{d}`) is skipped, as it names no fixed domain."""
    terms = record.split()[1:]
    has_all = any(_ALL.match(term) for term in terms)
    found = []
    for term in terms:
        match = _NAMES_DOMAIN.match(term)
        if match is None or "%" in match.group(1):
            continue
        if term.lower().startswith("redirect=") and has_all:
            continue
        found.append(match.group(1).lower().rstrip("."))
    return found


def reaches_provider(resolver: dns.resolver.Resolver, record: str, include: str) -> bool:
    """Whether `record` includes `include` itself or through the records it includes or redirects to.

    Breadth first, each fetched record's lookup terms counted against RFC 7208 §4.6.4's limit of 10; a record
    beyond it, or one DNS cannot give (DnsUnavailable), is not followed (pyspf's evaluation reports those)."""
    wanted = include.lower().rstrip(".")
    pending, seen, lookups = [record], set(), 0
    while pending:
        current = pending.pop(0)
        lookups += sum(1 for term in current.split()[1:] if _COUNTED.match(term))
        named = _named_domains(current)
        if wanted in named:
            return True
        for domain in named:
            if domain in seen or lookups > LOOKUP_LIMIT:
                continue
            seen.add(domain)
            try:
                texts = [text for text in txt_records(resolver, f"{domain}.") if _SPF.match(text)]
            except DnsUnavailable:
                continue
            if len(texts) == 1:
                pending.append(texts[0])
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
    """The SPF verdict from the domain's `records` (as `spf_records` found them) for the relay, whose name
    resolved to `addresses` (IP address strings; the worst result among them counts)."""
    include = provider.spf_include if provider is not None else None
    if not records:
        key = "spf.none_provider" if include else "spf.none"
        return SpfVerdict(SpfStatus.NONE, Advice(key, (("include", include or ""),)))
    if len(records) > 1:  # RFC 7208 §4.5: more than one record is a permanent error
        return SpfVerdict(SpfStatus.PERMERROR, Advice("spf.two_records"), record=" | ".join(records))
    record = records[0]
    usable = list(dict.fromkeys(a for a in addresses if is_ip_address(a)))
    if not usable:
        return SpfVerdict(SpfStatus.NOT_CHECKED, Advice("not_checked.no_address"), record=record)
    results = [(evaluate(resolver, record, sender, address), address) for address in usable]
    (status, explanation), address = _decisive(results)
    if status is SpfStatus.PERMERROR:
        return SpfVerdict(status, Advice(_permerror_kind(explanation), (("problem", explanation),)), record=record)
    if status is SpfStatus.TEMPERROR:
        return SpfVerdict(status, Advice("spf.temperror"), record=record)
    if include and reaches_provider(resolver, record, include):
        params = (("include", include), ("provider", provider.name if provider else ""))
        return SpfVerdict(SpfStatus.PASS, Advice("spf.provider_include", params), record=record)
    if include and status is not SpfStatus.PASS:
        return SpfVerdict(status, Advice("spf.add_include", (("include", include),)), record=record, estimate=True)
    if len(results) == 1:
        key = "spf.pass_estimate" if status is SpfStatus.PASS else f"spf.{status}"
        return SpfVerdict(status, Advice(key, (("address", address),)), record=record, estimate=True)
    # Several addresses: the worst counts, and the advice names each with its result.
    each = ", ".join(f"{where} {found}" for (found, _), where in results)
    key = "spf.pass_all" if status is SpfStatus.PASS else f"spf.{status}_worst"
    return SpfVerdict(status, Advice(key, (("address", address), ("results", each))), record=record, estimate=True)


def _decisive(results: list[tuple[tuple[SpfStatus, str], str]]) -> tuple[tuple[SpfStatus, str], str]:
    """With several relay addresses, the worst result counts: mail may leave from any of them."""
    for status in _WORST_FIRST:
        for result in results:
            if result[0][0] is status:
                return result
    return results[0]


