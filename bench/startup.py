"""Start-up: time from process start to the first shown window, the wizard vs a bare 3-page QWizard.

Two ways into the wizard are timed: `run_gui()` called directly (the GUI's own share) and the real entry
point `smtp-wizard --config PATH` (the CLI dispatcher first: arguments, language, help texts).

Bytecode is cached as in an installed program (PYTHONDONTWRITEBYTECODE is dropped for the children; the
warm-up run writes the caches). All run as fresh processes, interleaved (run_gui, CLI, bare, ...) so
machine noise hits them alike; each child prints the wall-clock time at which its window was shown, the
parent subtracts the time just before it started the process. Reports medians and ratios (goal <= 1.2).

    .venv/bin/python bench/startup.py [--rounds 15]
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


def child_wizard(config: Path) -> None:
    from wizard.ui.app import run_gui

    run_gui(config, False, "en", on_shown=lambda: print(time.time(), flush=True))


def child_cli(config: Path) -> None:
    """The real entry point (`smtp-wizard --config PATH`), with the first-shown moment reported."""
    import wizard.ui.app as app

    run_gui = app.run_gui

    def reporting(config: Path | None, demo: bool, lang: str | None) -> int:
        return run_gui(config, demo, lang, on_shown=lambda: print(time.time(), flush=True))

    app.run_gui = reporting  # type: ignore[assignment]
    from wizard.cli import main

    main(["--lang", "en", "--config", str(config)])


def child_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    wizard.setWindowTitle("Bare wizard")
    for number in range(3):
        page = QWizardPage()
        page.setTitle(f"Page {number + 1}")
        QVBoxLayout(page).addWidget(QLabel("Some text"))
        wizard.addPage(page)
    wizard.resize(900, 680)
    wizard.show()

    def shown() -> None:
        print(time.time(), flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    app.exec()


def measure(kind: str, config: Path) -> float:
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    env = dict(os.environ, SMTP_WIZARD_QUIT_AFTER_MS="0", QT_QPA_PLATFORM=platform)
    # An installed program runs from compiled bytecode (pip and PyInstaller compile it); without this the
    # wizard's own modules would be compiled from source on every start while the stdlib's would not.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--config", str(config)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    shown = float(done.stdout.strip().splitlines()[0])
    return (shown - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--child", choices=["wizard", "cli", "bare"])
    parser.add_argument("--config", type=Path)
    args = parser.parse_args()
    if args.child == "wizard":
        child_wizard(args.config)
        return 0
    if args.child == "cli":
        child_cli(args.config)
        return 0
    if args.child == "bare":
        child_bare()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.toml"
        config.write_text('domain = "https://bom.example.org"\n')
        kinds = ("wizard", "cli", "bare")
        for kind in kinds:
            measure(kind, config)  # warm the file cache for all
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        for _ in range(args.rounds):
            for kind in kinds:
                times[kind].append(measure(kind, config))
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    labels = {"bare": "bare 3-page QWizard", "wizard": "run_gui()", "cli": "smtp-wizard (CLI)"}
    print(f"rounds: {args.rounds} each, interleaved; process start -> first window shown")
    for kind in ("bare", "wizard", "cli"):
        low, high = min(times[kind]), max(times[kind])
        print(f"{labels[kind]:<20} median {medians[kind]:6.1f} ms  (min {low:.1f}, max {high:.1f})")
    for kind in ("wizard", "cli"):
        ratio, best = medians[kind] / medians["bare"], min(times[kind]) / min(times["bare"])
        print(f"ratio {labels[kind]} / bare: {ratio:.2f} (of the minima: {best:.2f}; goal <= 1.2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
