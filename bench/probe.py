"""Benchmark: the probe engine's full STARTTLS + AUTH + send vs a minimal hand-written aiosmtplib sequence.

Both run against the same local aiosmtpd STARTTLS server (trusted test CA), 30 rounds each, interleaved
(alternating who goes first) so drift hits both alike; each side builds its TLS context and its message once
per round, as the engine does per run. Prints the medians and the ratio (goal: engine / baseline <= 1.25).

    .venv/bin/python bench/probe.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root: tests.support

import aiosmtplib

from tests.support.certs import make_tls_material
from tests.support.loop_thread import LoopThread
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from wizard.probe.engine import run_probe

EHLO_NAME = "bench.test"


async def engine_round(server: SmtpServer) -> float:
    request = server.request(send_to=LOGIN, ehlo_hostname=EHLO_NAME)
    started = time.perf_counter()
    report = await run_probe(request)
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"engine probe failed: {report.diagnosis}")
    return elapsed


async def baseline_round(server: SmtpServer) -> float:
    started = time.perf_counter()
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = LOGIN, LOGIN, "bench"
    message.set_content("bench")
    smtp = aiosmtplib.SMTP(
        hostname=server.host,
        port=server.port,
        start_tls=True,
        cert_bundle=str(server.ca_file),
        local_hostname=EHLO_NAME,
        username=LOGIN,
        password=PASSWORD,
    )
    await smtp.connect()
    await smtp.send_message(message)
    await smtp.quit()
    return time.perf_counter() - started


async def main(rounds: int) -> None:
    loop_thread = LoopThread()
    with tempfile.TemporaryDirectory() as folder:
        server = SmtpServer(loop_thread, make_tls_material(Path(folder)), "starttls")
        try:
            for _ in range(3):  # warm-up: imports, first handshakes, caches
                await engine_round(server)
                await baseline_round(server)
            engine, baseline = [], []
            for i in range(rounds):  # alternate who goes first, so neither always meets a warmer server
                if i % 2:
                    baseline.append(await baseline_round(server))
                    engine.append(await engine_round(server))
                else:
                    engine.append(await engine_round(server))
                    baseline.append(await baseline_round(server))
        finally:
            server.stop()
            loop_thread.stop()
    e_med, b_med = statistics.median(engine) * 1000, statistics.median(baseline) * 1000
    print(f"rounds:   {rounds} each, interleaved, STARTTLS + AUTH PLAIN + send on 127.0.0.1")
    print(f"engine:   median {e_med:.2f} ms (min {min(engine) * 1000:.2f}, max {max(engine) * 1000:.2f})")
    print(f"baseline: median {b_med:.2f} ms (min {min(baseline) * 1000:.2f}, max {max(baseline) * 1000:.2f})")
    print(f"ratio:    {e_med / b_med:.3f} (goal <= 1.25)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    asyncio.run(main(parser.parse_args().rounds))
