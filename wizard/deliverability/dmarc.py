"""DMARC (RFC 7489): the policy that applies to the sender's domain and whether SPF alignment can hold.

Policy discovery (RFC 7489 §6.6.3): the record at `_dmarc.<domain>`; where there is none, the one at the
organizational domain, whose `sp=` (else `p=`) then applies to the subdomain. The server sends with `user` as
both envelope sender and From, so SPF alignment holds exactly when SPF passes for the relay (§3.1.2).

Tag names are case-insensitive, the version's value is exactly `DMARC1` and must be the first tag (§6.4 ABNF):
a TXT record that only resembles one (`p=reject; v=DMARC1`, `v=dmarc1`) is no record to receivers, and the
verdict says so instead of "missing". A record without a valid `p=` (or an inherited one with an invalid
`sp=`) that names a report address (`rua=`) counts as `p=none` (§6.6.3 step 6); without `rua=` it is an error."""

from __future__ import annotations

from dataclasses import dataclass

import dns.resolver

from wizard.deliverability.dns_lookup import txt_records
from wizard.deliverability.org_domain import organizational_domain
from wizard.deliverability.verdicts import Advice, DmarcStatus, DmarcVerdict

POLICIES = ("none", "quarantine", "reject")


@dataclass(frozen=True)
class DmarcLookup:
    """What DNS holds: the records at `name` (the first name that had any), and whether it is the
    organizational domain's (then `sp=` applies)."""

    name: str
    records: tuple[str, ...]
    inherited: bool
    # TXT records at the domain's own _dmarc name that resemble DMARC but are none (version not first/exact)
    unread: tuple[str, ...] = ()
    unread_at: str = ""  # where those are: `_dmarc.<domain>`


def tags(record: str) -> dict[str, str]:
    """A DMARC record's tag=value pairs (RFC 7489 §6.4), names lower case."""
    found: dict[str, str] = {}
    for part in record.split(";"):
        name, sep, value = part.partition("=")
        if sep:
            found.setdefault(name.strip().lower(), value.strip())
    return found


def _dmarc_records(resolver: dns.resolver.Resolver, domain: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the DMARC records at `_dmarc.<domain>`, the TXT records there that only resemble one)."""
    texts = txt_records(resolver, f"_dmarc.{domain}.")
    # RFC 7489 §6.6.3: only records whose first tag is v=DMARC1 count
    valid = tuple(t for t in texts if list(tags(t).items())[:1] == [("v", "DMARC1")])
    return valid, tuple(t for t in texts if t not in valid and "v=dmarc1" in t.lower().replace(" ", ""))


def dmarc_lookup(resolver: dns.resolver.Resolver, domain: str) -> DmarcLookup:
    """The DMARC records for `domain`: its own, else its organizational domain's. Raises DnsUnavailable."""
    own, unread = _dmarc_records(resolver, domain)
    org = organizational_domain(domain)
    if own or org == domain.lower().rstrip("."):
        return DmarcLookup(f"_dmarc.{domain}", own, inherited=False, unread=unread, unread_at=f"_dmarc.{domain}")
    inherited = _dmarc_records(resolver, org)[0]
    return DmarcLookup(f"_dmarc.{org}", inherited, inherited=True, unread=unread, unread_at=f"_dmarc.{domain}")


def judge_dmarc(found: DmarcLookup, spf_passes: bool | None) -> DmarcVerdict:
    """The verdict for the sender's domain; `spf_passes`: the SPF verdict for the relay (None: unknown)."""
    if not found.records and found.unread:
        where = (("where", found.unread_at),)
        return DmarcVerdict(DmarcStatus.ERROR, Advice("dmarc.unread", where), record=found.unread[0])
    if not found.records:
        return DmarcVerdict(DmarcStatus.MISSING, Advice("dmarc.missing"))
    if len(found.records) > 1:  # RFC 7489 §6.6.3: several records mean no DMARC policy at all
        return DmarcVerdict(DmarcStatus.ERROR, Advice("dmarc.multiple", (("where", found.name),)))
    record = found.records[0]
    values = tags(record)
    policy = values.get("sp", values.get("p")) if found.inherited else values.get("p")
    policy = (policy or "").lower()
    by_reports = False
    if policy not in POLICIES or values.get("p", "").lower() not in POLICIES:
        if not values.get("rua"):
            return DmarcVerdict(DmarcStatus.ERROR, Advice("dmarc.invalid", (("where", found.name),)), record=record)
        policy, by_reports = "none", True  # RFC 7489 §6.6.3: act as if p=none was published
    params = (("policy", policy), ("where", found.name))
    if by_reports:
        key = "dmarc.none_by_reports"
    elif policy == "none":
        key = "dmarc.policy_none"
    elif spf_passes is None:  # SPF could not be judged: say what the policy does, not how it will go
        key = "dmarc.enforced"
    elif spf_passes:
        key = "dmarc.enforced_aligned"
    else:
        key = "dmarc.enforced_unaligned"
    return DmarcVerdict(DmarcStatus.PRESENT, Advice(key, params), policy=policy, record=record, aligned=spf_passes)
