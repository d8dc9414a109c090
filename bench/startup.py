"""Start-up: time from process start to the first shown window, the wizard vs a bare 3-page QWizard; and the
terminal wizard to its first screen vs a bare Textual app.

Two ways into the wizard are timed: `run_gui()` called directly (the GUI's own share) and the real entry
point `smtp-wizard --config PATH` (the CLI dispatcher first: arguments, language, help texts). The terminal
wizard likewise: `run_tui()` and `smtp-wizard tui --config PATH`, against a bare Textual app showing a form
with the kinds of widgets the first page has (texts, a field, a choice, a tick box, two buttons); all
headless (Textual renders the screen, nothing goes to a terminal).

Bytecode is cached as in an installed program (PYTHONDONTWRITEBYTECODE is dropped for the children; the
warm-up run writes the caches). All run as fresh processes, interleaved (run_gui, CLI, bare, ...) so
machine noise hits them alike; each child prints the wall-clock time at which its window was shown, the
parent subtracts the time just before it started the process. Reports medians, minima and their ratios
(goal, issue #26: <= 1.3 in both, for each face and both entries; X11 with QT_QPA_PLATFORM=xcb and DISPLAY).

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
    sys.argv[0] = "smtp-wizard"  # as the console script starts: the package's first lines see a command line
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


def _report_shown() -> None:
    print(time.time(), flush=True)


def child_tui(config: Path) -> None:
    from wizard.tui.app import run_tui

    run_tui(config, False, "en", on_shown=_report_shown)


def child_tui_cli(config: Path) -> None:
    """The real entry point (`smtp-wizard tui --config PATH`), with the first-shown moment reported."""
    sys.argv[0] = "smtp-wizard"  # as the console script starts: the package's first lines see a command line
    import wizard.tui.app as app

    run_tui = app.run_tui

    def reporting(config: Path | None, demo: bool, lang: str | None) -> int:
        return run_tui(config, demo, lang, on_shown=_report_shown)

    app.run_tui = reporting  # type: ignore[assignment]
    from wizard.cli import main

    main(["--lang", "en", "tui", "--config", str(config)])


def child_bare_textual() -> None:
    """A bare one-page form with the kinds of widgets the wizard's first page has: texts, a field, a choice,
    a tick box and two buttons (as the GUI is compared with a bare QWizard, not an empty window)."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Bare terminal app")
            with VerticalScroll():
                yield Static("Some text")
                yield Input("config.toml")
                yield RadioSet(RadioButton("One", value=True), RadioButton("Two"))
                yield Checkbox("Tick")
            with Horizontal():
                yield Button("Back")
                yield Button("Next")

        def on_mount(self) -> None:
            self.call_after_refresh(self.shown)

        def shown(self) -> None:
            _report_shown()
            self.exit()

    Bare().run(headless=True)


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
    parser.add_argument("--child", choices=["wizard", "cli", "bare", "tui", "tui_cli", "bare_textual"])
    parser.add_argument("--only", choices=["gui", "tui"], help="time only one face's start")
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
    if args.child == "tui":
        child_tui(args.config)
        return 0
    if args.child == "tui_cli":
        child_tui_cli(args.config)
        return 0
    if args.child == "bare_textual":
        child_bare_textual()
        return 0
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.toml"
        config.write_text('domain = "https://bom.example.org"\n')
        kinds = {
            None: ("wizard", "cli", "bare", "tui", "tui_cli", "bare_textual"),
            "gui": ("wizard", "cli", "bare"),
            "tui": ("tui", "tui_cli", "bare_textual"),
        }[args.only]
        for kind in kinds:
            measure(kind, config)  # warm the file cache for all
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        for _ in range(args.rounds):
            for kind in kinds:
                times[kind].append(measure(kind, config))
    medians = {kind: statistics.median(values) for kind, values in times.items()}
    labels = {
        "bare": "bare 3-page QWizard",
        "wizard": "run_gui()",
        "cli": "smtp-wizard (CLI)",
        "bare_textual": "bare Textual form",
        "tui": "run_tui()",
        "tui_cli": "smtp-wizard tui",
    }
    print(f"rounds: {args.rounds} each, interleaved; process start -> first window/screen shown")
    for kind in kinds:
        low, high = min(times[kind]), max(times[kind])
        print(f"{labels[kind]:<20} median {medians[kind]:6.1f} ms  (min {low:.1f}, max {high:.1f})")
    for kind, bare, goal in (
        ("wizard", "bare", 1.3),
        ("cli", "bare", 1.3),
        ("tui", "bare_textual", 1.3),
        ("tui_cli", "bare_textual", 1.3),
    ):
        if kind in times:
            ratio, best = medians[kind] / medians[bare], min(times[kind]) / min(times[bare])
            print(f"ratio {labels[kind]} / {labels[bare]}: {ratio:.2f} (of the minima: {best:.2f}; goal <= {goal})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
