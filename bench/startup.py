"""Start-up: time from process start to the first shown window, the wizard vs a bare 3-page QWizard.

Both run as fresh processes, interleaved (wizard, bare, wizard, ...) so machine noise hits both alike; each
child prints the wall-clock time at which its window was shown, the parent subtracts the time just before it
started the process. Reports medians and their ratio (goal: wizard / bare <= 1.2).

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
    parser.add_argument("--child", choices=["wizard", "bare"])
    parser.add_argument("--config", type=Path)
    args = parser.parse_args()
    if args.child == "wizard":
        child_wizard(args.config)
        return 0
    if args.child == "bare":
        child_bare()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.toml"
        config.write_text('domain = "https://bom.example.org"\n')
        measure("wizard", config)  # warm the file cache for both
        measure("bare", config)
        times: dict[str, list[float]] = {"wizard": [], "bare": []}
        for _ in range(args.rounds):
            for kind in ("wizard", "bare"):
                times[kind].append(measure(kind, config))
    wizard, bare = statistics.median(times["wizard"]), statistics.median(times["bare"])
    print(f"rounds: {args.rounds} each, interleaved; process start -> first window shown")
    for label, kind, median in (("bare 3-page QWizard", "bare", bare), ("SMTP Setup Wizard", "wizard", wizard)):
        low, high = min(times[kind]), max(times[kind])
        print(f"{label:<20} median {median:6.1f} ms  (min {low:.1f}, max {high:.1f})")
    print(f"ratio wizard / bare: {wizard / bare:.2f}  (goal <= 1.2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
