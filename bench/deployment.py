"""Benchmark: what the compose layout costs when the wizard reads a config (the Welcome page does it on every
path change; `check` and `show` once).

Three measurements on the same scratch project (the documentation's layout: compose.yaml with two services,
the compose .env, bomnipotent_config/config.toml with [smtp]), N rounds each, interleaved:
  baseline   load_existing(config) as in the standalone layout (config.toml and the .env next to it)
  compose    detect_deployment(config) + load_existing(config, deployment=...) (the container's environment)
  oracle     `docker-compose config --format json` (the real binary computing the same environment)
Prints the medians and the ratios compose/baseline and compose/oracle.

    .venv/bin/python bench/deployment.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the repository root: tests.deployment

from tests.deployment.layouts import COMPOSE_PASSED, make_project  # noqa: E402
from wizard.core.deployment import detect_deployment  # noqa: E402
from wizard.core.existing import load_existing  # noqa: E402

BINARY = Path(sys.executable).parent / "docker-compose"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as scratch:
        project = make_project(Path(scratch), COMPOSE_PASSED, env="BOMNIPOTENT_DB_PW=db\nSMTP_SECRET=s\n")
        project.config.write_text(
            project.config.read_text()
            + '\n[smtp]\nuser = "bom@example.org"\nendpoint = "smtp.example.org"\nsecret = "${SMTP_SECRET}"\n'
        )
        env = {"PATH": os.environ.get("PATH", ""), "HOME": scratch}

        def baseline() -> object:
            return load_existing(project.config)

        def compose() -> object:
            return load_existing(project.config, deployment=detect_deployment(project.config))

        def oracle() -> object:
            command = [str(BINARY), "config", "--format", "json"]
            return subprocess.run(command, cwd=project.folder, env=env, capture_output=True, check=True)

        compose()  # imports (ruamel.yaml) once, as the Welcome page pays them once
        times: dict[str, list[float]] = {"baseline": [], "compose": [], "oracle": []}
        for _ in range(rounds):
            for name, action in (("baseline", baseline), ("compose", compose), ("oracle", oracle)):
                times[name].append(timed(action))
    med = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"rounds: {rounds}")
    print("| measurement | median (ms) |")
    print("|---|---|")
    for name, value in med.items():
        print(f"| {name} | {value:.2f} |")
    print(f"compose / baseline = {med['compose'] / med['baseline']:.2f}")
    print(f"compose / oracle   = {med['compose'] / med['oracle']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
