"""Sizes of the packaged binaries and their warm start time to the first window, against running from source.

    .venv/bin/python bench/package.py [--runs 7] [--dist dist] [--baseline-dist OTHER_DIST]

With --baseline-dist the artefacts of another build (e.g. one made from an earlier commit) run interleaved
with these, and each ratio new/baseline is printed (issue #24's budget: at most 1.3).

Start time is measured from launch until the process has shown its first window and quit right after it
(SMTP_WIZARD_QUIT_AFTER_MS=0, offscreen), so it includes Qt's short tear-down. Runs are interleaved
(folder, source, single file, folder, ...) after one untimed warm-up run each, so disk cache and machine
load affect every variant alike; the median is reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = {"folder build": 110, "single file": 45}  # MiB, issue #7


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def version() -> str:
    for line in (ROOT / "wizard" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("no __version__ in wizard/__init__.py")


def time_start(command: list[str], config: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SMTP_WIZARD_QUIT_AFTER_MS": "0"}
    started = time.perf_counter()
    done = subprocess.run([*command, "--lang", "en", "--config", str(config)], env=env, cwd=config.parent,
                          capture_output=True, timeout=120)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} exited {done.returncode}:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--baseline-dist", type=Path, default=None,
                        help="dist folder of the build to compare with (its artefacts run interleaved)")
    parser.add_argument("--python", type=Path, default=ROOT / ".venv" / "bin" / "python",
                        help="interpreter that runs the program from source")
    args = parser.parse_args()

    machine = os.uname().machine
    folder = args.dist / "smtp-wizard"
    single = args.dist / f"smtp-wizard-{version()}-linux-{machine}"
    variants = {
        "folder build": [str(folder / "smtp-wizard")],
        "from source": [str(args.python), "-m", "wizard"],
        "single file": [str(single)],
    }
    baseline = args.baseline_dist
    if baseline is not None:
        variants["baseline folder build"] = [str(baseline / "smtp-wizard" / "smtp-wizard")]
        variants["baseline single file"] = [str(baseline / f"smtp-wizard-{version()}-linux-{machine}")]
    print("size (MiB = 2**20 bytes):")
    for label, size in (("folder build", folder_size(folder)), ("single file", single.stat().st_size)):
        mib = size / 2**20
        verdict = "within" if mib <= BUDGET_MB[label] else "OVER"
        print(f"  {label:13} {mib:6.1f} MiB  ({size:,} bytes)  {verdict} the {BUDGET_MB[label]} MiB budget")

    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "config.toml"
        config.write_text('[smtp]\nuser = "bench@example.com"\nendpoint = "smtp://127.0.0.1:2525"\n',
                          encoding="utf-8")
        for command in variants.values():
            time_start(command, config)  # warm-up: page cache, font cache, single-file unpack path
        times: dict[str, list[float]] = {label: [] for label in variants}
        for _ in range(args.runs):
            for label, command in variants.items():
                times[label].append(time_start(command, config))

    print(f"start to first window, warm, offscreen (median of {args.runs} interleaved runs):")
    for label, values in times.items():
        print(f"  {label:21} {statistics.median(values):5.2f} s  (min {min(values):.2f}, max {max(values):.2f})")
    if baseline is not None:
        print("ratio to the baseline build (median over median; budget 1.3):")
        for label in ("folder build", "single file"):
            ratio = statistics.median(times[label]) / statistics.median(times[f"baseline {label}"])
            print(f"  {label:13} {ratio:5.2f}  {'within' if ratio <= 1.3 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
