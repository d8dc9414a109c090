"""Choosing the face (SPEC §5 rev 2): the GUI with a display, the terminal wizard on a terminal, else exit 2
with a message — decided before Qt loads, so no display never means Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.cli import choose_face

ROOT = Path(__file__).resolve().parents[2]


def _program() -> list[str]:
    script = Path(sys.executable).parent / "smtp-wizard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wizard"]


def headless_environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.parametrize(
    ("environ", "platform", "terminal", "face"),
    [
        # a named display on Linux counts only when it answers: tests/tui/test_display_answers.py
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False, "gui"),
        ({}, "win32", False, "gui"),
        ({}, "darwin", False, "gui"),
        ({}, "linux", True, "tui"),
        ({"DISPLAY": ""}, "linux", True, "tui"),
        ({}, "linux", False, None),
    ],
)
def test_the_face_follows_display_then_terminal(
    environ: dict[str, str], platform: str, terminal: bool, face: str | None
) -> None:
    assert choose_face(environ, platform=platform, terminal=terminal) == face


def test_without_display_or_terminal_it_exits_2_naming_what_works_without_loading_qt(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom wizard.cli import main\nrc = main(['--config', sys.argv[1]])\n"
        "print('qt loaded' if 'PySide6' in sys.modules else 'no qt')\nsys.exit(rc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "config.toml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=headless_environment(),
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout.strip() == "no qt"
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "smtp-wizard tui" in lines[1] and "apply" in lines[1] and "check" in lines[1]
    assert not (tmp_path / "config.toml").exists()


def test_the_program_itself_exits_2_without_a_terminal_and_never_aborts(tmp_path: Path) -> None:
    done = subprocess.run(
        [*_program(), "--lang", "de", "--config", str(tmp_path / "config.toml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=headless_environment(),
        timeout=60,
    )
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "smtp-wizard tui" in done.stderr and "Terminal" in done.stderr
    assert "Aborted" not in done.stderr and "could not connect to display" not in done.stderr


def test_tui_without_a_terminal_says_so_instead_of_drawing_into_a_pipe(tmp_path: Path) -> None:
    done = subprocess.run(
        [*_program(), "tui", "--config", str(tmp_path / "config.toml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=headless_environment(),
        timeout=60,
    )
    assert done.returncode == 2 and "smtp-wizard tui" in done.stderr and done.stdout == ""


@pytest.mark.parametrize(("lang", "words"), [("en", "no display"), ("de", "keine Anzeige")])
def test_gui_chosen_explicitly_without_a_display_exits_2_instead_of_qts_abort(
    tmp_path: Path, lang: str, words: str
) -> None:
    done = subprocess.run(
        [*_program(), "--lang", lang, "gui", "--config", str(tmp_path / "config.toml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=headless_environment(),
        timeout=60,
    )
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2 and words in lines[0]
    assert "smtp-wizard tui" in lines[1] and "apply" in lines[1] and "check" in lines[1]
    assert "Aborted" not in done.stderr and "could not connect to display" not in done.stderr
    assert not (tmp_path / "config.toml").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_is_a_global_option_before_or_after_the_command(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from wizard.cli import main

    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://localhost:2500"\n')
    args = ["--config", str(config), "show"] if where == "before" else ["show", "--config", str(config)]
    assert main(["--lang", "en", *args]) == 0
    assert "localhost" in capsys.readouterr().out
