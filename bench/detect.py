"""Benchmark: parallel verification of N candidates where one is silent (accepts, never greets).

Every candidate is checked by the real probe engine (connection only) against servers on 127.0.0.1 — implicit
TLS, STARTTLS and one silent port — with a trustme CA. Prints, per round, the total wall time next to the
slowest single check in the same run; the goal is total <= 1.2 x slowest (parallel, not the sum).
A second part runs the whole `discover()` with the six guesses, one of them silent, against its deadline.

    .venv/bin/python bench/detect.py [--n 6] [--timeout 1.5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import ssl
import sys
import tempfile
import time
from pathlib import Path

import trustme
from aiosmtpd.smtp import SMTP

from wizard.core.settings import Security
from wizard.discovery import Candidate, Source, discover
from wizard.discovery.discover import guess_candidates
from wizard.discovery.parallel import verify_each
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


async def bench(n: int, timeout: float, rounds: int) -> bool:
    ca = trustme.CA()
    names = [f"host{i}.bench.example.com" for i in range(n)] + [c.host for c in guess_candidates("example.com", "")]
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
    for server in servers:
        server.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=6, help="candidates in part 1 (default 6, the number of guesses)")
    parser.add_argument("--timeout", type=float, default=1.5, help="per-check timeout / deadline in seconds")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    return 0 if asyncio.run(bench(args.n, args.timeout, args.rounds)) else 1


if __name__ == "__main__":
    sys.exit(main())
