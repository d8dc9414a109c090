"""Read-only DNS for the deliverability check: which resolver, one TXT lookup, and pyspf's lookups through it.

The resolver is the system's (dnspython reads /etc/resolv.conf), unless `SMTP_WIZARD_DNS_SERVER` names one as
`address:port` (`[v6address]:port`; the port defaults to 53). That variable is a hook for the test suite, which
points it at a responder on loopback (subprocesses inherit it); it is not a setting for users. Any IP address is
accepted, but one that is not loopback is named in every face's deliverability lines (`Deliverability.lines`),
so it never steers the check silently; a value that is no IP address raises `BadDnsServer` (the check then
reports `not_checked` saying so, never a traceback). Failures
are typed: a name or record that does not exist is an answer (no records); SERVFAIL, REFUSED and timeouts are
`DnsUnavailable` (RFC 7208 §2.6.6 calls such a result a temporary error).
"""

from __future__ import annotations

import contextvars
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import dns.exception
import dns.name
import dns.resolver
import spf

DNS_SERVER_ENV = "SMTP_WIZARD_DNS_SERVER"
# One query's lifetime (retries included): under the 2 s the check may run on after the test (SPEC §11), so a
# silent server is reported as one (temperror) rather than as "not finished", and no worker thread outlives
# the check by more than this.
LOOKUP_SECONDS = 1.5


class DnsUnavailable(Exception):
    """DNS gave no usable answer for `name` (SERVFAIL, REFUSED, timeout, no server reachable)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class NoResolver(Exception):
    """There is no resolver configuration at all (no /etc/resolv.conf, no injected server)."""


class BadDnsServer(NoResolver):
    """`SMTP_WIZARD_DNS_SERVER` holds `value`, which is no `address[:port]`."""

    def __init__(self, value: str) -> None:
        super().__init__(f"{DNS_SERVER_ENV}={value!r} is no address[:port]")
        self.value = value


def parse_server(server: str) -> tuple[str, int]:
    """(IP address, port) from `address`, `address:port`, `[v6address]:port` or a bare IPv6 address.

    Raises BadDnsServer for anything else (a host name, a port outside 1..65535, a zone id)."""
    text = server.strip()
    host, port = text, "53"
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        if not sep or (rest and not rest.startswith(":")):
            raise BadDnsServer(server)
        port = rest[1:] if rest else "53"
    elif text.count(":") == 1:
        host, _, port = text.partition(":")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise BadDnsServer(server) from None
    if "%" in host:  # a zone id (fe80::1%eth0): the resolver cannot be told one
        raise BadDnsServer(server)
    if not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise BadDnsServer(server)
    return str(address), int(port)


def announced_server(environ: Mapping[str, str] | None = None) -> str:
    """The injected server (`SMTP_WIZARD_DNS_SERVER` in `environ`, default the process's) when it is a valid
    address that is not loopback — the faces name it, so the test hook never steers a check unseen; else ""."""
    environ = os.environ if environ is None else environ
    server = environ.get(DNS_SERVER_ENV, "").strip()
    try:
        return server if server and not ipaddress.ip_address(parse_server(server)[0]).is_loopback else ""
    except BadDnsServer:
        return ""


def resolver_from(server: str) -> dns.resolver.Resolver:
    """A resolver asking only `server` (see `parse_server`). Raises BadDnsServer."""
    host, port = parse_server(server)
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = port
    return resolver


def system_resolver(
    environ: Mapping[str, str] | None = None, resolv_conf: str = "/etc/resolv.conf"
) -> dns.resolver.Resolver:
    """The resolver the check asks: the injected server (`SMTP_WIZARD_DNS_SERVER` in `environ`, default the
    process's), else the system's configuration in `resolv_conf`.

    Raises NoResolver when there is no resolver configuration (no file, or no name server in it), its
    subclass BadDnsServer when the injected server is no `address[:port]`."""
    environ = os.environ if environ is None else environ
    server = environ.get(DNS_SERVER_ENV, "").strip()
    if server:
        resolver = resolver_from(server)
    else:
        try:
            resolver = dns.resolver.Resolver(filename=resolv_conf)
        except (dns.exception.DNSException, OSError) as exc:
            raise NoResolver(str(exc)) from None
    resolver.lifetime = LOOKUP_SECONDS
    resolver.cache = None  # every check asks afresh: a record just published must show
    return resolver


def txt_records(resolver: dns.resolver.Resolver, name: str) -> list[str]:
    """The TXT records at `name`, each with its strings joined (RFC 7208 §3.3); [] for NXDOMAIN or no TXT.

    Raises DnsUnavailable on SERVFAIL, REFUSED or a timeout."""
    try:
        answer = resolver.resolve(dns.name.from_text(name), "TXT", raise_on_no_answer=False)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return []
    except dns.resolver.LifetimeTimeout:
        raise DnsUnavailable(name, "timeout") from None
    except (dns.exception.DNSException, OSError) as exc:
        raise DnsUnavailable(name, exc.__class__.__name__) from None
    if answer.rrset is None:
        return []
    return [b"".join(record.strings).decode("utf-8", "replace") for record in answer.rrset]


# pyspf asks DNS through its module function `DNSLookup` (it swaps in pydns or dnspython that way). The check
# installs one that asks the resolver of the current check, held in a context variable: a test's loopback
# resolver reaches pyspf's lookups without touching dnspython's process-wide default resolver.
_current: contextvars.ContextVar[dns.resolver.Resolver | None] = contextvars.ContextVar("spf_resolver", default=None)


def _spf_lookup(name: str, qtype: str, strict: object = True, timeout: float = LOOKUP_SECONDS) -> list[Any]:
    resolver = _current.get()
    if resolver is None:
        raise spf.TempError("DNS: no resolver")
    found: list[Any] = []
    try:
        answer = resolver.resolve(name, qtype, lifetime=min(float(timeout), LOOKUP_SECONDS))
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return found
    except (dns.exception.DNSException, OSError) as exc:
        raise spf.TempError(f"DNS {exc.__class__.__name__}") from None
    for rdata in answer:
        if qtype in ("A", "AAAA"):
            found.append(((name, qtype), rdata.address))
        elif qtype == "MX":
            found.append(((name, qtype), (rdata.preference, rdata.exchange)))
        elif qtype == "PTR":
            found.append(((name, qtype), rdata.target.to_text(True)))
        elif qtype in ("TXT", "SPF"):
            found.append(((name, qtype), rdata.strings))
    return found


spf.DNSLookup = _spf_lookup


@dataclass
class SpfResolverScope:
    """`with SpfResolverScope(resolver):` — pyspf's lookups in this context go to `resolver`."""

    resolver: dns.resolver.Resolver

    def __enter__(self) -> None:
        self._token = _current.set(self.resolver)

    def __exit__(self, *exc: object) -> None:
        _current.reset(self._token)
