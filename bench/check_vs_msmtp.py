"""Benchmark: `smtp-wizard check --send-to` as a whole process vs msmtp sending the same mail.

Both talk to the same local aiosmtpd STARTTLS + AUTH server (trusted test CA), N rounds each, interleaved
(alternating who goes first). Prints both medians and the ratio (goal: check / msmtp <= 1.0). msmtp is a
small C program; `check` pays for starting Python, so the ratio mostly measures interpreter start-up and
imports — the figure that tells whether `check` feels instant in an installer script.

    .venv/bin/python bench/check_vs_msmtp.py [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository root: tests.support

from tests.support.certs import make_tls_material  # noqa: E402
from tests.support.loop_thread import LoopThread  # noqa: E402
from tests.support.servers import LOGIN, PASSWORD, SmtpServer  # noqa: E402

WIZARD = [sys.executable, "-m", "wizard"]


def timed(cmd: list[str], stdin: bytes | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(cmd, input=stdin, capture_output=True, timeout=60)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({result.returncode}): {result.stdout[-500:]!r} {result.stderr[-500:]!r}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    if not shutil.which("msmtp"):
        print("msmtp is not installed (Debian package msmtp); scripts/ensure-system-deps test installs it")
        return 2
    loop = LoopThread()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "tls").mkdir()
        server = SmtpServer(loop, make_tls_material(folder / "tls"), "starttls")
        config = folder / "config.toml"
        config.write_text(
            f'[smtp]\nuser = "{LOGIN}"\nendpoint = "smtp://127.0.0.1:{server.port}?tls=required"\n'
            'secret = "${SMTP_SECRET}"\n'
        )
        (folder / ".env").write_text(f'SMTP_SECRET="{PASSWORD}"\n')
        (folder / "pw").write_text(PASSWORD)
        check = [*WIZARD, "check", "--config", str(config), "--ca-file", str(server.ca_file), "--send-to", LOGIN]
        msmtp = [
            "msmtp",
            "--host=127.0.0.1",
            f"--port={server.port}",
            "--tls=on",
            "--tls-starttls=on",
            f"--tls-trust-file={server.ca_file}",
            "--auth=plain",
            f"--user={LOGIN}",
            f"--passwordeval=cat {folder / 'pw'}",
            f"--from={LOGIN}",
            "--domain=bench.test",
            LOGIN,
        ]
        mail = f"From: {LOGIN}\r\nTo: {LOGIN}\r\nSubject: bench\r\n\r\nbench\r\n".encode()
        ours: list[float] = []
        theirs: list[float] = []
        timed(check), timed(msmtp, mail)  # warm the page cache for both
        for index in range(rounds):
            if index % 2:
                theirs.append(timed(msmtp, mail))
                ours.append(timed(check))
            else:
                ours.append(timed(check))
                theirs.append(timed(msmtp, mail))
        server.stop()
    loop.stop()
    mine, base = statistics.median(ours), statistics.median(theirs)
    print(f"smtp-wizard check (whole process): median {mine * 1000:.1f} ms over {rounds} rounds")
    print(f"msmtp (whole process):             median {base * 1000:.1f} ms over {rounds} rounds")
    print(f"ratio check / msmtp: {mine / base:.2f} (goal <= 1.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
