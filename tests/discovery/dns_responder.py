"""A tiny authoritative DNS responder on 127.0.0.1 (UDP, ephemeral port), built on dnspython's message API.

Records are given as zone-file text per (name, type); names can also answer NXDOMAIN, SERVFAIL or stay silent.
`default_nxdomain`: every name the zone does not hold answers NXDOMAIN (a suite-wide "internet" that knows
nothing), instead of an empty answer. A CNAME at a name is followed within the answer, as a recursive
resolver's reply holds it (RFC 1034 §3.6.2; a loop ends after `CNAME_HOPS`). Names in `truncated` answer over
UDP with the TC bit and no records; the same port serves TCP with the whole answer (RFC 7766). Names in
`delayed` answer after that many seconds (each in its own thread, so other names answer meanwhile)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field

import dns.asyncresolver
import dns.flags
import dns.message
import dns.rcode
import dns.rdatatype
import dns.resolver
import dns.rrset

CNAME_HOPS = 8


def _norm(name: str) -> str:
    return name.lower().rstrip(".") + "."


@dataclass
class Zone:
    records: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    nxdomain: set[str] = field(default_factory=set)
    silent: set[str] = field(default_factory=set)
    servfail: set[str] = field(default_factory=set)
    truncated: set[str] = field(default_factory=set)
    delayed: dict[str, float] = field(default_factory=dict)
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
        self._tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._tcp_ok = True
        try:
            self._tcp.bind(("127.0.0.1", self.port))
            self._tcp.listen(8)
            self._tcp.settimeout(0.05)
        except OSError:  # the port is taken for TCP: truncation tests then see no TCP answer
            self._tcp_ok = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="dns-responder", daemon=True)
        self._tcp_thread = threading.Thread(target=self._serve_tcp, name="dns-responder-tcp", daemon=True)

    def __enter__(self) -> DnsResponder:
        self._thread.start()
        if self._tcp_ok:
            self._tcp_thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        if self._tcp_ok:
            self._tcp_thread.join(timeout=2)
        self._sock.close()
        self._tcp.close()

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
            query = dns.message.from_wire(wire)
            delay = self.zone.delayed.get(query.question[0].name.to_text().lower())
            if delay:
                threading.Thread(target=self._reply_later, args=(query, peer, delay), daemon=True).start()
                continue
            reply = self._answer(query, tcp=False)
            if reply is not None:
                self._sock.sendto(reply.to_wire(), peer)

    def _reply_later(self, query: dns.message.Message, peer: tuple[str, int], delay: float) -> None:
        time.sleep(delay)
        reply = self._answer(query, tcp=False)
        if reply is not None and not self._stop.is_set():
            self._sock.sendto(reply.to_wire(), peer)

    def _serve_tcp(self) -> None:
        """RFC 7766 framing: a two-byte length before each message."""
        while not self._stop.is_set():
            try:
                conn, _ = self._tcp.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1.0)
                try:
                    size = struct.unpack("!H", _read(conn, 2))[0]
                    reply = self._answer(dns.message.from_wire(_read(conn, size)), tcp=True)
                    if reply is not None:
                        wire = reply.to_wire()
                        conn.sendall(struct.pack("!H", len(wire)) + wire)
                except OSError:
                    continue

    def _answer(self, query: dns.message.Message, *, tcp: bool = False) -> dns.message.Message | None:
        question = query.question[0]
        name = question.name.to_text().lower()
        rdtype = dns.rdatatype.to_text(question.rdtype)
        self.queries.append((name, rdtype) if not tcp else (name, f"{rdtype}/tcp"))
        if name in self.zone.silent:
            return None
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if name in self.zone.servfail:
            response.set_rcode(dns.rcode.SERVFAIL)
            return response
        if name in self.zone.truncated and not tcp:
            response.flags |= dns.flags.TC
            return response
        for _ in range(CNAME_HOPS):
            known = any(held == name for held, _ in self.zone.records)
            if name in self.zone.nxdomain or (self.zone.default_nxdomain and not known):
                response.set_rcode(dns.rcode.NXDOMAIN)
                return response
            texts = self.zone.records.get((name, rdtype))
            alias = self.zone.records.get((name, "CNAME"))
            if texts or not alias or rdtype == "CNAME":
                if texts:
                    response.answer.append(dns.rrset.from_text(name, 300, "IN", rdtype, *texts))
                return response
            response.answer.append(dns.rrset.from_text(name, 300, "IN", "CNAME", alias[0]))
            name = _norm(alias[0])
        return response  # a CNAME loop: the chain as far as it went, as a resolver that gives up answers


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise OSError("connection closed")
        data += chunk
    return data
