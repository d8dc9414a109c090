"""Benchmark: parallel verification of N candidates where one is silent (accepts, never greets).

Every candidate is checked by the real probe engine (connection only) against servers on 127.0.0.1 — implicit
TLS, STARTTLS and one silent port — with a trustme CA. Prints, per round, the total wall time next to the
slowest single check in the same run; the goal is total <= 1.2 x slowest (parallel, not the sum).
A second part runs the whole `discover()` with the six guesses, one of them silent, against its deadline.
A third part adds the autoconfig lookups (issue 16): every source at once — DNS SRV and MX from a responder on
127.0.0.1, the domain's autoconfig documents and the ISPDB (by domain and by the MX host's base domain) from
an HTTPS server on 127.0.0.1 answering after a delay like a distant web server, and the six guesses, one of
them silent — against each source timed alone (its lookup plus the checks of what it found) in the same run;
the goal is total <= 1.2 x the slowest single source.

    .venv/bin/python bench/detect.py [--n 6] [--timeout 1.5] [--rounds 3] [--http-delay 0.4]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import ssl
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import trustme
from aiosmtpd.smtp import SMTP

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root: tests.discovery

from tests.discovery.autoconfig_server import DocumentServer, Reply, document, lookups_for, smtp
from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.core.settings import Security
from wizard.discovery import Candidate, Source, discover
from wizard.discovery.autoconfig import AutoconfigLookups, base_domain, candidates_from
from wizard.discovery.discover import guess_candidates
from wizard.discovery.dns_records import mx_hosts, provider_candidates_for_mx, srv_candidates
from wizard.discovery.parallel import STAGGER, verify_each
from wizard.discovery.verify import Verify, probe_verifier

ADDRESS = "bench@example.com"


class _Sink:
    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        return "250 OK"


async def _smtp_server(context: ssl.SSLContext, *, implicit: bool) -> asyncio.Server:
    loop = asyncio.get_running_loop()
    if implicit:
        return await loop.create_server(lambda: SMTP(_Sink()), "127.0.0.1", 0, ssl=context)
    return await loop.create_server(lambda: SMTP(_Sink(), tls_context=context, require_starttls=True), "127.0.0.1", 0)


async def _silent_server() -> asyncio.Server:
    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.read()
        finally:
            writer.close()

    return await asyncio.start_server(hold, "127.0.0.1", 0)


def _port(server: asyncio.Server) -> int:
    return int(server.sockets[0].getsockname()[1])


def _timed(verify: Verify, durations: dict[tuple[str, int], float]) -> Verify:
    async def run(candidate: Candidate) -> bool:
        started = time.perf_counter()
        try:
            return await verify(candidate)
        finally:
            durations[(candidate.host, candidate.port)] = time.perf_counter() - started

    return run


async def bench(n: int, timeout: float, rounds: int, http_delay: float) -> bool:
    ca = trustme.CA()
    names = [f"host{i}.bench.example.com" for i in range(n)] + [c.host for c in guess_candidates("example.com", "")]
    names += [SUBMIT]
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(server_tls)
    implicit = await _smtp_server(server_tls, implicit=True)
    starttls = await _smtp_server(server_tls, implicit=False)
    silent = await _silent_server()
    servers = [implicit, starttls, silent]
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        ca_file = Path(folder) / "ca.pem"
        ca.cert_pem.write_to_path(str(ca_file))
        print(f"Part 1: verify_each, N={n} candidates, one silent, per-check timeout {timeout:.2f} s")
        print(f"{'round':>5} {'silent at':>9} {'total s':>8} {'slowest s':>9} {'ratio':>6} {'sum s':>7} {'ok':>4}")
        for round_no in range(1, rounds + 1):
            silent_at = (round_no - 1) % 2 * (n - 1)  # alternately first and last (the worst, most staggered)
            candidates, routes = [], {}
            for i in range(n):
                security = Security.SMTPS if i % 2 == 0 else Security.STARTTLS
                port = 465 if security is Security.SMTPS else 587
                host = f"host{i}.bench.example.com"
                target = silent if i == silent_at else implicit if security is Security.SMTPS else starttls
                routes[(host, port)] = ("127.0.0.1", _port(target))
                candidates.append(Candidate(host, port, security, Source.GUESS, login=ADDRESS))
            durations: dict[tuple[str, int], float] = {}
            verify = _timed(probe_verifier(ADDRESS, timeout=timeout, connect_to=routes, ca_file=ca_file), durations)
            results: list[Candidate] = []
            started = time.perf_counter()
            await verify_each(candidates, verify, results.append)
            total = time.perf_counter() - started
            slowest = max(durations.values())
            verified = sum(c.verified for c in results)
            ratio = total / slowest
            good = ratio <= 1.2 and verified == n - 1
            ok &= good
            print(
                f"{round_no:>5} {silent_at:>9} {total:>8.3f} {slowest:>9.3f} {ratio:>6.3f} "
                f"{sum(durations.values()):>7.3f} {'yes' if good else 'NO':>4}"
            )

        deadline = timeout
        guesses = guess_candidates("example.com", "")
        # 2a: implicit TLS answers nowhere, so the silent smtp.example.com:465 could still beat every STARTTLS
        #     answer: discovery must wait for it — until the deadline, and not longer.
        # 2b: mail.example.com:465 answers with implicit TLS and ranks like the silent one: an early answer.
        waits = {(c.host, c.port): ("127.0.0.1", _port(starttls)) for c in guesses}
        waits[("smtp.example.com", 465)] = ("127.0.0.1", _port(silent))
        early = {**waits, ("mail.example.com", 465): ("127.0.0.1", _port(implicit))}
        print(f"\nPart 2: discover(), 6 guesses, smtp.example.com:465 silent, deadline {deadline:.2f} s")
        print(f"{'case':>5} {'round':>5} {'total s':>8} {'/deadline':>9} {'best found':>28} {'ok':>4}")
        for case, routes in (("2a", waits), ("2b", early)):
            for round_no in range(1, rounds + 1):
                verify = probe_verifier(ADDRESS, timeout=60, connect_to=routes, ca_file=ca_file)
                started = time.perf_counter()
                found = await discover(ADDRESS, use_dns=False, verify=verify, deadline=deadline)
                total = time.perf_counter() - started
                best = f"{found[0].host}:{found[0].port}" if found else "-"
                good = total <= 1.2 * deadline and bool(found) and found[0].verified
                ok &= good
                print(
                    f"{case:>5} {round_no:>5} {total:>8.3f} {total / deadline:>9.3f} {best:>28} "
                    f"{'yes' if good else 'NO':>4}"
                )
        ok &= await _with_autoconfig(ca, ca_file, implicit, starttls, silent, timeout, rounds, http_delay)
    for server in servers:
        server.close()
    return ok


SUBMIT = "submit.example.net"
MX_HOST = "mx01.mail.hoster.example.net"


async def _seconds(job: Callable[[], Awaitable[object]]) -> float:
    started = time.perf_counter()
    await job()
    return time.perf_counter() - started


async def _with_autoconfig(
    ca: trustme.CA,
    ca_file: Path,
    implicit: asyncio.Server,
    starttls: asyncio.Server,
    silent: asyncio.Server,
    timeout: float,
    rounds: int,
    http_delay: float,
) -> bool:
    """Part 3: every source together against each alone, in the same run."""
    zone = Zone()
    zone.add("_submission._tcp.example.com", "SRV", f"0 1 587 {SUBMIT}.")
    zone.add("example.com", "MX", f"10 {MX_HOST}.")
    documents = await DocumentServer(ca).start()
    own = "/autoconfig/example.com/mail/config-v1.1.xml?emailaddress=bench@example.com"
    documents.routes[own] = Reply(document(smtp("smtp.example.com", 465, "SSL")), delay=http_delay)
    documents.routes["/ispdb/v1.1/example.com"] = Reply(
        document(smtp("mail.example.com", 587, "STARTTLS", "%EMAILLOCALPART%")), delay=http_delay
    )
    documents.routes[f"/ispdb/v1.1/{base_domain(MX_HOST)}"] = Reply(
        document(smtp("mail.example.com", 465, "SSL")), delay=http_delay
    )
    # smtp.example.com:465 is published by the domain (the best rank) and answers. 3a: example.com:587 is
    # silent, so guessing is the slowest source; 3b: everything answers, so the delayed HTTPS lookups are.
    answering = {(c.host, c.port): ("127.0.0.1", _port(starttls)) for c in guess_candidates("example.com", "")}
    answering |= {
        (h, 465): ("127.0.0.1", _port(implicit)) for h in ("smtp.example.com", "mail.example.com", "example.com")
    }
    answering |= {(SUBMIT, 587): ("127.0.0.1", _port(starttls))}
    cases = {"3a": {**answering, ("example.com", 587): ("127.0.0.1", _port(silent))}, "3b": answering}
    lookups = lookups_for(documents, ca)
    print(
        f"\nPart 3: discover() with autoconfig added, HTTPS answers after {http_delay:.2f} s, "
        f"per-check timeout {timeout:.2f} s"
    )
    header = (
        "case",
        "round",
        "srv s",
        "mx+ispdb s",
        "autoconf s",
        "ispdb s",
        "guess s",
        "slowest s",
        "total s",
        "ratio",
    )
    print(" ".join(f"{h:>10}" for h in header) + f" {'best found':>28} {'ok':>4}")
    ok = True
    with DnsResponder(zone) as dns_server:
        for (case, routes), round_no in itertools.product(cases.items(), range(1, rounds + 1)):
            resolver = dns_server.resolver()
            verify = probe_verifier(ADDRESS, timeout=timeout, connect_to=routes, ca_file=ca_file)
            alone = await _sources_alone(resolver, verify, lookups)
            slowest = max(alone)
            started = time.perf_counter()
            found = await discover(ADDRESS, resolver=resolver, verify=verify, deadline=8, autoconfig=lookups)
            total = time.perf_counter() - started
            best = f"{found[0].host}:{found[0].port} {found[0].source}" if found else "-"
            good = total <= 1.2 * slowest and bool(found) and found[0].source is Source.AUTOCONFIG
            ok &= good
            cells = [f"{case:>10}", f"{round_no:>10}"] + [
                f"{t:>10.3f}" for t in (*alone, slowest, total, total / slowest)
            ]
            print(" ".join(cells) + f" {best:>28} {'yes' if good else 'NO':>4}")
    await documents.close()
    return ok


async def _sources_alone(resolver: object, verify: Verify, lookups: AutoconfigLookups) -> list[float]:
    """Each source alone: its lookup, then the checks of what it found (as discover() runs them)."""
    domain, sink = "example.com", (lambda c: None)

    async def srv() -> None:
        await verify_each(await srv_candidates(domain, ADDRESS, resolver), verify, sink, stagger=0)  # type: ignore[arg-type]

    async def mx_and_its_ispdb() -> None:
        hosts = await mx_hosts(domain, resolver)  # type: ignore[arg-type]
        found = provider_candidates_for_mx(hosts, ADDRESS)
        if not found and hosts:
            servers = await lookups.document(lookups.urls.ispdb_url(base_domain(hosts[0])), ADDRESS)
            found = candidates_from(servers, Source.ISPDB, ADDRESS)
        await verify_each(found, verify, sink, stagger=0)

    async def own_documents() -> None:
        async def one(url: str) -> None:
            servers = await lookups.document(url, ADDRESS)
            await verify_each(candidates_from(servers, Source.AUTOCONFIG, ADDRESS), verify, sink, stagger=0)

        await asyncio.gather(*(one(url) for url in lookups.urls.domain_urls(domain, ADDRESS)))

    async def ispdb() -> None:
        servers = await lookups.document(lookups.urls.ispdb_url(domain), ADDRESS)
        await verify_each(candidates_from(servers, Source.ISPDB, ADDRESS), verify, sink, stagger=0)

    async def guesses() -> None:
        await verify_each(guess_candidates(domain, ADDRESS), verify, sink, stagger=STAGGER)

    return [await _seconds(job) for job in (srv, mx_and_its_ispdb, own_documents, ispdb, guesses)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=6, help="candidates in part 1 (default 6, the number of guesses)")
    parser.add_argument("--timeout", type=float, default=1.5, help="per-check timeout / deadline in seconds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--http-delay", type=float, default=0.4, help="seconds the HTTPS server waits (part 3)")
    args = parser.parse_args()
    return 0 if asyncio.run(bench(args.n, args.timeout, args.rounds, args.http_delay)) else 1


if __name__ == "__main__":
    sys.exit(main())
