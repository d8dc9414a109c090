"""Benchmark: time to verdict in each failure situation — the wizard's probe vs msmtp on the same loopback
server in the same run, and vs the configured timeout (SPEC §4 rev 2).

Situations: STARTTLS chosen against an implicit-TLS port, implicit TLS against a plaintext port, a silent
server, a refused connection, a server that hangs up after its banner, a server answering every line after
4.5 s (with a 5 s timeout), a rejected login. For each, three times are measured, interleaved:

- `probe`: the wizard's engine in-process (`run_probe`, the same request `check` builds): its time to verdict;
- `check`: the whole `smtp-wizard check --send-to` process (includes Python's start-up, ~0.3 s) where the
  endpoint can express the server's port (implicit TLS must be port 465, so that row shows "-");
- `msmtp`: msmtp sending one message to the same server with the same timeout.

Goals: wrong mode within 1.5 s where msmtp needs its whole timeout; no situation slower than msmtp.

    .venv/bin/python bench/verdict.py [--rounds N] [--timeout S]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository root: tests.support

from tests.support.certs import TlsMaterial, make_tls_material  # noqa: E402
from tests.support.loop_thread import LoopThread  # noqa: E402
from tests.support.scripted_server import Script, ScriptedServer  # noqa: E402
from tests.support.servers import LOGIN, PASSWORD, refused_port  # noqa: E402
from wizard.core.secret import Secret  # noqa: E402
from wizard.core.settings import SecretSource, Security, Settings  # noqa: E402
from wizard.probe.engine import ProbeRequest, run_probe  # noqa: E402

RECIPIENT = "ops@example.com"
MAIL = f"From: {LOGIN}\r\nTo: {RECIPIENT}\r\nSubject: bench\r\n\r\nbench\r\n".encode()


@dataclass
class Situation:
    name: str
    script: Script | None  # None: nothing listens (refused)
    chosen: Security  # what the user chose (the server may expect something else)
    timeout: float
    secret: bool = False


def situations(timeout: float) -> list[Situation]:
    auth_failed = {"AUTH": b"535 5.7.8 Authentication credentials invalid\r\n"}
    return [
        Situation("wrong mode: STARTTLS to implicit TLS", Script(implicit_tls=True), Security.STARTTLS, timeout),
        Situation("wrong mode: implicit TLS to plaintext", Script(starttls=True), Security.SMTPS, timeout),
        Situation("silent server", Script(greeting=None), Security.STARTTLS, timeout),
        Situation("connection refused", None, Security.STARTTLS, timeout),
        Situation("closed after banner", Script(close_after_greeting=True), Security.STARTTLS, timeout),
        Situation("slow lines (4.5 s each)", Script(starttls=True, line_delay=4.5), Security.STARTTLS, 5.0, True),
        Situation("auth failed (535)", Script(starttls=True, replies=auth_failed), Security.STARTTLS, timeout, True),
    ]


def deadline_for(timeout: float) -> float:
    return max(timeout * 3, timeout + 10)  # what `check` gives the probe (wizard/cli/probing.py)


def probe_seconds(situation: Situation, port: int, tls: TlsMaterial) -> tuple[float, str]:
    secret = Secret(PASSWORD) if situation.secret else None
    settings = Settings(
        user=LOGIN,
        host="localhost",
        port=465 if situation.chosen is Security.SMTPS else port,
        security=situation.chosen,
        secret_source=SecretSource.NEW if secret else SecretSource.NONE,
        secret=secret,
    ).validated()
    request = ProbeRequest(
        settings,
        secret,
        send_to=RECIPIENT,
        timeout=situation.timeout,
        deadline=deadline_for(situation.timeout),
        ca_file=tls.ca_file,
        connect_to=("127.0.0.1", port),
        ehlo_hostname="bench.test",
    )
    started = time.perf_counter()
    report = asyncio.run(run_probe(request))
    elapsed = time.perf_counter() - started
    return elapsed, str(report.diagnosis.code) if report.diagnosis else "ok"


def check_seconds(situation: Situation, port: int, tls: TlsMaterial, folder: Path) -> float | None:
    if situation.chosen is Security.SMTPS:
        return None  # implicit TLS is port 465 in config.toml; the test server is elsewhere
    tls_query = "?tls=required" if situation.chosen is Security.STARTTLS else ""
    secret = 'secret = "${SMTP_SECRET}"\n' if situation.secret else ""
    config = folder / "config.toml"
    config.write_text(f'[smtp]\nuser = "{LOGIN}"\nendpoint = "smtp://localhost:{port}{tls_query}"\n{secret}')
    (folder / ".env").write_text(f'SMTP_SECRET="{PASSWORD}"\n')
    command = [sys.executable, "-m", "wizard", "check", "--config", str(config), "--json", "--send-to", RECIPIENT,
               "--timeout", f"{situation.timeout:g}", "--ca-file", str(tls.ca_file)]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120)
    return time.perf_counter() - started


def msmtp_seconds(situation: Situation, port: int, tls: TlsMaterial, folder: Path) -> tuple[float, int]:
    (folder / "pw").write_text(PASSWORD)
    tls_options = {
        Security.STARTTLS: ["--tls=on", "--tls-starttls=on"],
        Security.SMTPS: ["--tls=on", "--tls-starttls=off"],
        Security.NONE: ["--tls=off"],
    }[situation.chosen]
    auth = ["--auth=plain", f"--user={LOGIN}", f"--passwordeval=cat {folder / 'pw'}"] if situation.secret else []
    command = ["msmtp", "--host=localhost", f"--port={port}", f"--timeout={situation.timeout:g}", *tls_options,
               f"--tls-trust-file={tls.ca_file}", *auth, f"--from={LOGIN}", "--domain=bench.test", RECIPIENT]
    started = time.perf_counter()
    result = subprocess.run(command, input=MAIL, capture_output=True, timeout=120)
    return time.perf_counter() - started, result.returncode


Row = tuple[Situation, str, float, float | None, float, int]


def measure(situation: Situation, loop: LoopThread, tls: TlsMaterial, folder: Path, rounds: int) -> Row:
    """Median seconds of the probe, the check process and msmtp against one server, interleaved by round."""
    server = ScriptedServer(loop, situation.script, tls) if situation.script else None
    port = server.port if server else refused_port()
    probes: list[float] = []
    checks: list[float] = []
    msmtps: list[float] = []
    verdict, msmtp_code = "", 0
    for index in range(rounds):
        for which in (["probe", "check", "msmtp"] * 2)[index % 3 : index % 3 + 3]:
            if which == "probe":
                seconds, verdict = probe_seconds(situation, port, tls)
                probes.append(seconds)
            elif which == "check":
                checked = check_seconds(situation, port, tls, folder)
                if checked is not None:
                    checks.append(checked)
            else:
                seconds, msmtp_code = msmtp_seconds(situation, port, tls, folder)
                msmtps.append(seconds)
    if server is not None:
        server.stop()
    check = statistics.median(checks) if checks else None
    return situation, verdict, statistics.median(probes), check, statistics.median(msmtps), msmtp_code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=10.0, help="the configured step timeout (seconds)")
    options = parser.parse_args()
    if not shutil.which("msmtp"):
        print("msmtp is not installed (Debian package msmtp); scripts/ensure-system-deps test installs it")
        return 2
    loop = LoopThread()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "tls").mkdir()
        tls = make_tls_material(folder / "tls")
        for situation in situations(options.timeout):
            rows.append(measure(situation, loop, tls, folder, options.rounds))
    loop.stop()

    print(f"time to verdict, median of {options.rounds} rounds (seconds); deadline = max(3 x timeout, timeout + 10)")
    header = f"{'situation':<38} {'verdict':<18} {'probe':>6} {'check':>6} {'msmtp':>6} {'timeout':>7}  probe/msmtp"
    print(header)
    print("-" * len(header))
    for situation, verdict, probe, check, msmtp, code in rows:
        check_text = f"{check:6.2f}" if check is not None else f"{'-':>6}"
        print(f"{situation.name:<38} {verdict:<18} {probe:6.2f} {check_text} {msmtp:6.2f} {situation.timeout:7g}"
              f"  {probe / msmtp:5.2f}  (msmtp exit {code})")
    wrong_mode = [row for row in rows if row[0].name.startswith("wrong mode")]
    print()
    print(f"goal wrong mode <= 1.5 s: probe {max(r[2] for r in wrong_mode):.2f} s at most")
    # Below 0.1 s both are instant to a person; above, the probe must not take longer than msmtp.
    slower = [row[0].name for row in rows if row[2] > row[4] + 0.1]
    print("goal never slower than msmtp (probe, 0.1 s tolerance): "
          + ("met" if not slower else "NOT met: " + ", ".join(slower)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
