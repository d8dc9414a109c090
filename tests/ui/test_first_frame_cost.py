"""What the first window waits for stays small: PySide builds QtCore's `Qt` namespace (about 150 enum classes,
~15–30 ms) on first use, so nothing before the first frame may touch it (bench/startup.py times the rest)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from pathlib import Path
from wizard.ui.app import run_gui

def shown():
    import PySide6.QtCore
    print("Qt" in vars(PySide6.QtCore), flush=True)

run_gui(Path(sys.argv[1]), False, "en", on_shown=shown)
"""


def test_the_qt_namespace_is_not_built_before_the_first_window(tmp_path: Path) -> None:
    env = dict(os.environ, SMTP_WIZARD_QUIT_AFTER_MS="0", QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "config.toml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "False"
