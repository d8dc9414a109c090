"""DKIM (RFC 6376): is a key published at the selectors the relay's provider signs with?

The selectors come from the provider table; other relays sign (if at all) with selectors nobody can guess,
so they get "unknown selector" without a lookup. dkimpy reads the key record (RFC 6376 §3.6.1)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

import dkim.crypto
import dkim.util
import dns.resolver

from wizard.core.providers import Provider
from wizard.deliverability.dns_lookup import DnsUnavailable, txt_records
from wizard.deliverability.verdicts import Advice, DkimStatus, DkimVerdict

ED25519_KEY_BYTES = 32  # RFC 8463 §4.2


@dataclass(frozen=True)
class DkimLookup:
    """Per selector asked: its key records, or None when DNS gave no answer."""

    found: tuple[tuple[str, tuple[str, ...] | None], ...]


def is_key_record(text: str) -> bool:
    """Whether `text` is a usable DKIM key record: tags parse and `p=` holds a key of its `k=` type."""
    try:
        values = dkim.util.parse_tag_value(text.encode("utf-8"))
    except dkim.util.InvalidTagValueList:
        return False
    key = values.get(b"p", b"").replace(b" ", b"")
    if not key:
        return False  # an empty p= is a revoked key (RFC 6376 §3.6.1)
    try:
        raw = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        return False
    if values.get(b"k", b"rsa").strip().lower() == b"ed25519":
        return len(raw) == ED25519_KEY_BYTES
    try:
        dkim.crypto.parse_public_key(raw)
    except dkim.crypto.UnparsableKeyError:
        return False
    return True


def dkim_lookup(resolver: dns.resolver.Resolver, domain: str, selectors: tuple[str, ...]) -> DkimLookup:
    found: list[tuple[str, tuple[str, ...] | None]] = []
    for selector in selectors:
        try:
            found.append((selector, tuple(txt_records(resolver, f"{selector}._domainkey.{domain}."))))
        except DnsUnavailable:
            found.append((selector, None))
    return DkimLookup(tuple(found))


def judge_dkim(lookup: DkimLookup | None, provider: Provider | None, domain: str = "") -> DkimVerdict:
    """`lookup` None: nothing was asked, since the relay's provider (if any) names no selectors, or the
    sender's `domain` is the provider's own (gmail.com at Google), whose keys the provider keeps itself."""
    if provider is not None and domain in provider.domains:
        params = (("domain", domain), ("provider", provider.name))
        return DkimVerdict(DkimStatus.UNKNOWN_SELECTOR, Advice("dkim.provider_domain", params))
    if lookup is None or provider is None or not provider.dkim_selectors:
        return DkimVerdict(DkimStatus.UNKNOWN_SELECTOR, Advice("dkim.unknown_selector"))
    keyed = tuple(sel for sel, texts in lookup.found if texts and any(is_key_record(t) for t in texts))
    asked = tuple(sel for sel, _ in lookup.found)
    names = ", ".join(asked)
    if keyed:
        return DkimVerdict(DkimStatus.FOUND, Advice("dkim.found", (("selectors", ", ".join(keyed)),)), keyed)
    if any(texts is None for _, texts in lookup.found):
        return DkimVerdict(DkimStatus.NOT_CHECKED, Advice("dkim.temperror", (("selectors", names),)), asked)
    params = (("selectors", names), ("provider", provider.name))
    return DkimVerdict(DkimStatus.NOT_FOUND, Advice("dkim.not_found", params), asked)
