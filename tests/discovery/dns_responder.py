"""A tiny authoritative DNS responder on 127.0.0.1 (UDP, ephemeral port), built on dnspython's message API.

Records are given as zone-file text per (name, type); names can also answer NXDOMAIN, SERVFAIL or stay silent.
`default_nxdomain`: every name the zone does not hold answers NXDOMAIN (a suite-wide "internet" that knows
nothing), instead of an empty answer."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

import dns.asyncresolver
import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.resolver
import dns.rrset


def _norm(name: str) -> str:
    return name.lower().rstrip(".") + "."


@dataclass
class Zone:
    records: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    nxdomain: set[str] = field(default_factory=set)
    silent: set[str] = field(default_factory=set)
    servfail: set[str] = field(default_factory=set)
    default_nxdomain: bool = False

    def add(self, name: str, rdtype: str, *texts: str) -> None:
        self.records.setdefault((_norm(name), rdtype.upper()), []).extend(texts)


class DnsResponder:
    def __init__(self, zone: Zone) -> None:
        self.zone = zone
        self.queries: list[tuple[str, str]] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port: int = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="dns-responder", daemon=True)

    def __enter__(self) -> DnsResponder:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def resolver(self) -> dns.asyncresolver.Resolver:
        resolver = dns.asyncresolver.Resolver(configure=False)
        resolver.port = self.port
        resolver.nameservers = ["127.0.0.1"]
        return resolver

    def sync_resolver(self) -> dns.resolver.Resolver:
        """A blocking resolver asking only this responder (what the deliverability check uses)."""
        resolver = dns.resolver.Resolver(configure=False)
        resolver.port = self.port
        resolver.nameservers = ["127.0.0.1"]
        resolver.lifetime = 1.5
        return resolver

    @property
    def server(self) -> str:
        """`127.0.0.1:port`, as the SMTP_WIZARD_DNS_SERVER variable names a resolver."""
        return f"127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                wire, peer = self._sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            reply = self._answer(dns.message.from_wire(wire))
            if reply is not None:
                self._sock.sendto(reply.to_wire(), peer)

    def _answer(self, query: dns.message.Message) -> dns.message.Message | None:
        question = query.question[0]
        name = question.name.to_text().lower()
        rdtype = dns.rdatatype.to_text(question.rdtype)
        self.queries.append((name, rdtype))
        if name in self.zone.silent:
            return None
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if name in self.zone.servfail:
            response.set_rcode(dns.rcode.SERVFAIL)
            return response
        known = any(held == name for held, _ in self.zone.records)
        if name in self.zone.nxdomain or (self.zone.default_nxdomain and not known):
            response.set_rcode(dns.rcode.NXDOMAIN)
            return response
        texts = self.zone.records.get((name, rdtype))
        if texts:
            response.answer.append(dns.rrset.from_text(name, 300, "IN", rdtype, *texts))
        return response
