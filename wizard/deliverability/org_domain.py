"""The organizational domain of a name (RFC 7489 §3.2), where DMARC looks when a subdomain has no record.

RFC 7489 derives it from the Public Suffix List; no list ships with the wizard and nothing may be fetched
at run time, so this is a documented fallback rule: the last two labels, or the last three when the name
ends in a country code under a common second level (`co.uk`, `com.au`, `org.nz`, …). It errs toward the
longer name, so a wrong guess only means one extra, harmless lookup of a name that has no DMARC record."""

from __future__ import annotations

# Second-level labels many country-code registries hand out below themselves (example.co.uk, example.com.au).
_SECOND_LEVELS = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gv", "ltd", "plc"})


def organizational_domain(domain: str) -> str:
    """`mail.example.co.uk` -> `example.co.uk`, `news.example.com` -> `example.com` (lower case, no dot)."""
    labels = domain.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVELS else 2
    return ".".join(labels[-keep:])
