"""Benchmark: the time the deliverability check (SPEC §11: SPF, DMARC, DKIM of the sender's domain) adds to a
passing `check`, measured against the same check without it in the same run.

A plain loopback SMTP relay (aiosmtpd, no login) and a DNS responder on 127.0.0.1 holding the sender domain's
records (an SPF record with one include, a DMARC record); every lookup goes there (SMTP_WIZARD_DNS_SERVER).
Three figures, each from N interleaved rounds (alternating which goes first), medians:

- in-process: the probe alone (`run_probe`, the request `check` builds) vs the probe with the lookups beside it
  (`probe_with_deliverability`): what the check adds once everything is imported;
- imports: a fresh interpreter importing what `check` needs to probe vs that plus the check's modules
  (pyspf, dkimpy, dnspython's resolver): what a first run pays;
- whole process: `smtp-wizard check` with a sender whose domain is looked up vs one on a `.test` domain,
  which is never looked up (SPEC §11: a domain that cannot receive internet mail is not checked).

A loopback resolver answers in microseconds; a real one takes 1-50 ms per lookup, which the check spends while
the test still runs (the lookups start with it), and at most 2 s after it ends. In-process, most of what the
check adds is starting and joining its worker threads; the line under it says how much came after the test
had ended.

    .venv/bin/python bench/deliverability.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository root: tests.support

from tests.deliverability.conftest import txt  # noqa: E402
from tests.discovery.dns_responder import DnsResponder, Zone  # noqa: E402
from tests.support.certs import make_tls_material  # noqa: E402
from tests.support.loop_thread import LoopThread  # noqa: E402
from tests.support.servers import SmtpServer  # noqa: E402
from wizard.core.settings import SecretSource, Security, Settings  # noqa: E402
from wizard.deliverability.check import probe_with_deliverability  # noqa: E402
from wizard.deliverability.dns_lookup import DNS_SERVER_ENV  # noqa: E402
from wizard.deliverability.verdicts import SpfStatus  # noqa: E402
from wizard.probe.engine import ProbeRequest, run_probe  # noqa: E402

SENDER = "bom@example.com"
UNCHECKED_SENDER = "bom@example.test"
WIZARD = [sys.executable, "-m", "wizard"]
PROBE_IMPORTS = "import wizard.cli, wizard.cli.check_cmd, wizard.probe.engine"
CHECK_IMPORTS = PROBE_IMPORTS + ", wizard.deliverability.check"


def zone() -> Zone:
    records = Zone(default_nxdomain=True)
    records.add("example.com", "TXT", txt("v=spf1 include:_spf.relay.example ip4:192.0.2.0/24 -all"))
    records.add("_spf.relay.example", "TXT", txt("v=spf1 ip4:127.0.0.0/8 -all"))
    records.add("_dmarc.example.com", "TXT", txt("v=DMARC1; p=quarantine"))
    return records


def interleaved(
    rounds: int, first: Callable[[], float], second: Callable[[], float]
) -> tuple[list[float], list[float]]:
    a: list[float] = []
    b: list[float] = []
    first(), second()  # warm caches for both
    for index in range(rounds):
        if index % 2:
            b.append(second())
            a.append(first())
        else:
            a.append(first())
            b.append(second())
    return a, b


def in_process(server: SmtpServer, rounds: int, after_end: list[float]) -> tuple[list[float], list[float]]:
    """`after_end` collects how long each check ran on after its test had ended (seconds)."""
    settings = Settings(
        user=SENDER, host="127.0.0.1", port=server.port, security=Security.NONE, secret_source=SecretSource.NONE
    ).validated()
    request = ProbeRequest(settings, None, timeout=5.0, deadline=15.0, ehlo_hostname="bench.test")

    def probe_only() -> float:
        started = time.perf_counter()
        report = asyncio.run(run_probe(request))
        assert report.ok, report.diagnosis
        return time.perf_counter() - started

    def probe_and_check() -> float:
        started = time.perf_counter()
        report, found = asyncio.run(probe_with_deliverability(run_probe(request), SENDER, settings.host))
        assert report.ok and found.spf.status is SpfStatus.PASS, found
        after_end.append(found.lookups_ms / 1000)
        return time.perf_counter() - started

    return interleaved(rounds, probe_only, probe_and_check)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, timeout=120, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {result.stdout[-400:]!r} {result.stderr[-400:]!r}")
    return elapsed


def whole_process(folder: Path, server: SmtpServer, rounds: int) -> tuple[list[float], list[float]]:
    commands = []
    for name, sender in (("unchecked", UNCHECKED_SENDER), ("checked", SENDER)):
        config = folder / name / "config.toml"
        config.parent.mkdir()
        config.write_text(f'[smtp]\nuser = "{sender}"\nendpoint = "smtp://127.0.0.1:{server.port}"\n')
        commands.append([*WIZARD, "check", "--config", str(config), "--json"])
    return interleaved(rounds, lambda: timed(commands[0]), lambda: timed(commands[1]))


def line(name: str, base: list[float], more: list[float]) -> None:
    b, m = statistics.median(base), statistics.median(more)
    added = (m - b) * 1000
    print(f"{name:<12} without {b * 1000:8.1f} ms  with {m * 1000:8.1f} ms  adds {added:7.1f} ms  ratio {m / b:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    loop = LoopThread()
    with tempfile.TemporaryDirectory() as scratch, DnsResponder(zone()) as dns_server:
        os.environ[DNS_SERVER_ENV] = dns_server.server  # this process and the `check` processes it starts
        folder = Path(scratch)
        (folder / "tls").mkdir()
        server = SmtpServer(loop, make_tls_material(folder / "tls"), "plain", auth=False)
        try:
            print(f"deliverability check vs none, {rounds} rounds each, interleaved (medians)")
            after_end: list[float] = []
            line("in-process", *in_process(server, rounds, after_end))
            print(
                f"{'':<12} of which after the test ended: {statistics.median(after_end) * 1000:.1f} ms (limit 2000 ms)"
            )
            imports = [sys.executable, "-c", PROBE_IMPORTS], [sys.executable, "-c", CHECK_IMPORTS]
            line("imports", *interleaved(rounds, lambda: timed(imports[0]), lambda: timed(imports[1])))
            line("whole check", *whole_process(folder, server, rounds))
        finally:
            server.stop()
            loop.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
