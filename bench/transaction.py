"""Benchmark: what the all-or-nothing file transaction costs, against the plainest safe write in the same run.

Baseline: config.toml and `.env` each written to a temporary file, fsynced and renamed (what the wizard did
before issue 10, minus backups). Transaction: `commit()` of the same two new contents — folder lock,
snapshot checks, re-parse checks, owner/mode preflight, backups, journal, replace, read back. Both on the
same realistic files in a temporary folder, interleaved rounds; prints both medians and the ratio. The
answer to "does safety make writing feel slow" is the absolute time (milliseconds; a person presses
Finish once), the ratio shows where it goes.

    .venv/bin/python bench/transaction.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wizard.core.apply import commit_apply, plan_apply  # noqa: E402
from wizard.core.secret import Secret  # noqa: E402
from wizard.core.settings import SecretSource, Security, Settings  # noqa: E402

CONFIG = "# BOMnipotent\r\n[domain]\nname = 'bom.example.com'\n\n" + "".join(
    f"[section{i}]\nkey = 'value {i}'\n\n" for i in range(40)
)
ENV = "# secrets\nDB_PASSWORD='x y'\n" + "".join(f"VAR{i}=value{i}\n" for i in range(40))


def plain_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.plain.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def settings(round_no: int) -> Settings:
    return Settings(
        user=f"user{round_no}@example.com",
        host="smtp.example.com",
        port=465,
        security=Security.SMTPS,
        secret_source=SecretSource.NEW,
        secret=Secret(f"secret-{round_no}"),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds
    plain: list[float] = []
    transaction: list[float] = []
    with tempfile.TemporaryDirectory() as base:
        folder = Path(base)
        config, env = folder / "config.toml", folder / ".env"
        config.write_text(CONFIG)
        env.write_text(ENV)
        env.chmod(0o600)
        for round_no in range(rounds):
            plan = plan_apply(settings(round_no), config)  # planning (reading, merging) is outside both timings
            new_config, new_env = plan.config_bytes, (plan.env_after or "").encode()
            order = ("plain", "transaction") if round_no % 2 else ("transaction", "plain")
            for which in order:
                if which == "plain":
                    started = time.perf_counter()
                    plain_write(env, new_env)
                    plain_write(config, new_config)
                    plain.append(time.perf_counter() - started)
                    config.write_text(CONFIG)  # back to the planned-from state for the transaction
                    env.write_text(ENV)
                else:
                    started = time.perf_counter()
                    commit_apply(plan)
                    transaction.append(time.perf_counter() - started)
                    config.write_text(CONFIG)
                    env.write_text(ENV)
    p, t = statistics.median(plain), statistics.median(transaction)
    print(f"{'write':<36} {'median ms':>10}")
    print(f"{'plain temp+fsync+rename, 2 files':<36} {p * 1000:>10.2f}")
    print(f"{'transaction commit, 2 files':<36} {t * 1000:>10.2f}")
    print(f"ratio transaction / plain: {t / p:.2f}  ({rounds} interleaved rounds)")


if __name__ == "__main__":
    main()
