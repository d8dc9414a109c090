"""The suite runs on exactly the Qt the binary ships (SPEC §9, rev 3): pyproject.toml pins one
PySide6-Essentials version, packaging/requirements-build.txt (the binary's build) pins the same one, and it is
the version this test run has loaded."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import PySide6
import PySide6.QtCore

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^PySide6-Essentials==(?P<version>[0-9.]+)$", re.IGNORECASE)


def pyproject_pin() -> str:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    qt = [d for d in dependencies if d.lower().startswith("pyside6")]
    assert len(qt) == 1, qt
    match = PIN.match(qt[0])
    assert match, f"pyproject.toml must pin one exact version: {qt[0]}"
    return match["version"]


def test_the_build_pins_the_qt_of_pyproject() -> None:
    lines = (ROOT / "packaging" / "requirements-build.txt").read_text(encoding="utf-8").splitlines()
    pins = [m["version"] for m in map(PIN.match, lines) if m]
    assert pins == [pyproject_pin()]


def test_the_suite_runs_on_the_pinned_qt() -> None:
    pinned = pyproject_pin()
    assert version("PySide6-Essentials") == pinned
    assert version("shiboken6") == pinned
    assert PySide6.__version__ == pinned
    assert PySide6.QtCore.qVersion() == pinned


def test_the_pinned_qt_is_the_last_series_for_glibc_2_28() -> None:
    # 6.10 moved PySide6's Linux wheels to manylinux_2_34; the binary promises glibc 2.28 (README, SPEC §9).
    assert tuple(int(part) for part in pyproject_pin().split(".")[:2]) <= (6, 9)
