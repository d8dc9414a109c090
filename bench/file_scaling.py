"""Benchmark: what `apply` costs as config.toml and `.env` grow, against one parse of the same file in the
same run (issue 22).

For each size (10 KB to 20 MB) two files are made: a config.toml of many small tables with `[smtp]` near the
top, and a `.env` of many variables (plain, quoted with escapes, `export`, comments, CRLF lines). Each
measurement runs in a fresh process, which reports its wall time and its peak resident memory:
- `tomlkit`: one `tomlkit.parse` + `tomlkit.dumps` of the config (the baseline the issue sets: apply within
  1.5x of it);
- `apply config`: `plan_apply` + `commit_apply` of a new `[smtp]` and secret into the large config.toml (the
  `.env` small);
- `dotenv`: one `dotenv.parse` of the `.env` (its baseline);
- `apply .env`: the same apply with a small config.toml and the large `.env`.
Files above the wizard's size limit (`wizard.core.atomic.MAX_FILE_BYTES`) are refused before they are read:
there the row shows the time to that refusal, and no baseline is run (a 20 MB tomlkit parse takes minutes).

    .venv/bin/python bench/file_scaling.py [--sizes 10000,100000,...] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wizard.core.atomic import MAX_FILE_BYTES  # noqa: E402

SIZES = (10_000, 100_000, 400_000, 1_600_000, 4_000_000, 20_000_000)
SMALL_CONFIG = '[domain]\nname = "bom.example.com"\n'
SMALL_ENV = "DB_PASSWORD=x\n"


def config_text(size: int) -> str:
    parts = [
        '# BOMnipotent server configuration\n[domain]\nname = "bom.example.com"\n\n'
        '[smtp]\nuser = "old@example.com" # who logs in\nendpoint = "smtp.example.com"\n\n'
    ]
    length, i = len(parts[0]), 0
    while length < size:
        part = f'# section {i}\n[section{i}]\nkey = "value {i}"\nnumber = {i}\nlist = [1, 2, 3]\n\n'
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)


def env_text(size: int) -> str:
    parts = ["# secrets of the server\nexport DB_PASSWORD='x y'\n"]
    length, i = len(parts[0]), 0
    while length < size:
        part = f'VAR{i}=value{i} # comment\nQUOTED{i}="a \\" b ${{VAR{i}}} c"\r\n\n'
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)


def measure(kind: str, folder: Path) -> dict[str, float]:
    """Runs in the child process: one measurement, returns seconds and peak memory (MiB)."""
    import tomlkit

    from wizard.core import dotenv
    from wizard.core.apply import commit_apply, plan_apply
    from wizard.core.errors import WizardError
    from wizard.core.secret import Secret
    from wizard.core.settings import SecretSource, Security, Settings

    config, env = folder / "config.toml", folder / ".env"
    refused = False
    start = time.perf_counter()
    if kind == "tomlkit":
        tomlkit.dumps(tomlkit.parse(config.read_text(encoding="utf-8")))
    elif kind == "dotenv":
        dotenv.parse(env.read_text(encoding="utf-8"))
    else:
        settings = Settings(
            user="new@example.com",
            host="smtp.example.com",
            port=465,
            security=Security.SMTPS,
            secret_source=SecretSource.NEW,
            secret=Secret("a new secret"),
        )
        try:
            commit_apply(plan_apply(settings, config))
        except WizardError as exc:
            refused = exc.msg_id == "file_layer.too_large"
            if not refused:
                raise
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mib": peak, "refused": float(refused)}


def child(kind: str, folder: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(folder)], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


def row(label: str, size: int, run: dict[str, float], base: dict[str, float] | None) -> str:
    ratio = f"{run['seconds'] / base['seconds']:.2f}x" if base is not None else "—"
    what = "refused" if run["refused"] else f"{run['seconds']:.2f} s"
    base_s = f"{base['seconds']:.2f} s" if base is not None else "—"
    return f"| {label} | {size / 1000:,.0f} KB | {base_s} | {what} | {ratio} | {run['peak_mib']:.0f} MiB |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--rounds", type=int, default=3, help="rounds for sizes up to 400 KB (median)")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], Path(args.one[1]))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"size limit: {MAX_FILE_BYTES / 1024 / 1024:.0f} MiB (wizard.core.atomic.MAX_FILE_BYTES)")
    print("| file | size | one parse (+dump) | apply | apply / parse | peak memory (apply) |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        # Small sizes get more rounds; baseline and apply alternate, so a busy machine weighs on both alike.
        rounds = args.rounds if size <= 400_000 else 1
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            (folder / "config.toml").write_text(config_text(size), encoding="utf-8")
            (folder / ".env").write_text(SMALL_ENV, encoding="utf-8")
            base, run = interleaved("tomlkit", folder, size, rounds)
            print(row("config.toml", size, run, base), flush=True)
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            (folder / "config.toml").write_text(SMALL_CONFIG, encoding="utf-8")
            (folder / ".env").write_text(env_text(size), encoding="utf-8", newline="")
            base, run = interleaved("dotenv", folder, size, rounds)
            print(row(".env", size, run, base), flush=True)


def interleaved(
    baseline: str, folder: Path, size: int, rounds: int
) -> tuple[dict[str, float] | None, dict[str, float]]:
    """Median baseline and median apply of `rounds` alternating runs (no baseline above the size limit). Each
    apply starts from the same files: the folder's files are put back after it."""
    files = {path: path.read_bytes() for path in folder.iterdir()}
    bases: list[dict[str, float]] = []
    runs: list[dict[str, float]] = []
    for _ in range(rounds):
        if size <= MAX_FILE_BYTES:
            bases.append(child(baseline, folder))
        runs.append(child("apply", folder))
        for path in folder.iterdir():
            if path not in files:
                path.unlink()
        for path, data in files.items():
            path.write_bytes(data)
    return (median(bases) if bases else None), median(runs)


def median(results: list[dict[str, float]]) -> dict[str, float]:
    ordered = sorted(results, key=lambda result: result["seconds"])
    return ordered[len(ordered) // 2]


if __name__ == "__main__":
    main()
