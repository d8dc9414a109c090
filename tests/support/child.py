"""A Python child process running a face's start with a probe (the first frame or screen of the real app),
for tests that look at what a start loads, builds or leaves behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

QUIT_AFTER_ENV = "SMTP_WIZARD_QUIT_AFTER_MS"  # the faces quit this many ms after their first frame or screen


def run_probe(code: str, *args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> list[str]:
    """Run `code` with `python -c` and `args`, the faces told to quit right after their first frame or screen
    (the GUI offscreen, the terminal wizard headless: stdin is not a terminal); its output lines. With `check`
    a failing child fails the test with its stderr. Timeout 60 s."""
    environment = dict(os.environ, **{QUIT_AFTER_ENV: "1", "QT_QPA_PLATFORM": "offscreen"}, **(env or {}))
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()
