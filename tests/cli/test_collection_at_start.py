"""While the command line starts, no garbage collection runs (what the imports make lives as long as the
process): it is held from the package's first lines until a command runs or a face's first window or screen
is shown, and is back on after either, and after a refusal (wizard/startup.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.child import run_probe

ROOT = Path(__file__).resolve().parents[2]

START = """
import gc, sys
sys.argv[0] = "smtp-wizard"  # as the console script starts
import wizard
print("at the package's start", gc.isenabled(), flush=True)
"""

COMMAND = (
    START
    + """
import wizard.cli.check_cmd as check_cmd

def run(args):
    print("in the command", gc.isenabled(), flush=True)
    return 0

check_cmd.run = run
from wizard.cli import main
main(["check", "--config", sys.argv[1]])
print("after", gc.isenabled(), flush=True)
"""
)

GUI = (
    START
    + """
import wizard.ui.app as app
run_gui = app.run_gui
app.run_gui = lambda config, demo, lang: run_gui(
    config, demo, lang, on_shown=lambda: print("at first frame", gc.isenabled(), flush=True)
)
from wizard.cli import main
main(["--lang", "en", "--config", sys.argv[1]])
print("after", gc.isenabled(), flush=True)
"""
)

REFUSED = (
    START
    + """
from wizard.cli import main
main(["--lang", "xx"])
print("after", gc.isenabled(), flush=True)
"""
)


def test_a_command_line_start_holds_collection_from_the_package_s_first_lines() -> None:
    assert run_probe(START)[0] == "at the package's start False"


def test_a_command_runs_with_collection_on(tmp_path: Path) -> None:
    lines = run_probe(COMMAND, tmp_path / "config.toml")
    assert "in the command True" in lines
    assert lines[-1] == "after True"


def test_the_gui_start_holds_it_until_the_first_frame(tmp_path: Path) -> None:
    lines = run_probe(GUI, tmp_path / "config.toml", env={"TMPDIR": str(tmp_path)})
    assert "at first frame False" in lines
    assert lines[-1] == "after True"


def test_a_refused_command_line_ends_with_collection_on() -> None:
    assert run_probe(REFUSED)[-1] == "after True"


def test_a_program_importing_the_package_keeps_its_collection() -> None:
    assert run_probe("import gc, wizard; print(gc.isenabled())") == ["True"]


AT_EXIT = """
import atexit, gc, signal, sys

@atexit.register
def _report():
    print("at exit", gc.isenabled(), signal.getsignal(signal.SIGINT) is signal.default_int_handler, flush=True)
"""


def test_another_module_of_the_package_run_with_dash_m_keeps_collection_and_ctrl_c(tmp_path: Path) -> None:
    # `python -m wizard.core.catalogue_build` (the build step) is no command line: nothing gives a hold back
    # there, so one would last the whole run, with Ctrl-C only noted, never raised.
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(AT_EXIT)
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "words.toml").write_text('[hello]\nen = "Hello"\nde = "Hallo"\n')
    path = os.pathsep.join([str(tmp_path / "site"), str(ROOT)])
    done = subprocess.run(
        [sys.executable, "-m", "wizard.core.catalogue_build", str(tmp_path / "i18n")],
        capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=path), timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "at exit True True"


def test_a_program_named_like_the_command_that_imports_the_package_keeps_its_collection(tmp_path: Path) -> None:
    # Only the console scripts and the packaged binary are the command line; a helper script named
    # smtp-wizard-something.py that imports the package never runs cli.main, so a hold would last its whole run.
    script = tmp_path / "smtp-wizard-notes.py"
    script.write_text("import gc, signal, wizard\nprint(gc.isenabled(), signal.getsignal(signal.SIGINT))\n")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == "True" and "default_int_handler" in done.stdout


@pytest.mark.parametrize("name", ["smtp-wizard", "smtp-wizard-gui", "smtp-wizard.exe", "smtp-wizard-script.py"])
def test_the_console_scripts_hold_it(name: str) -> None:
    code = f"import gc, sys\nsys.argv[0] = {name!r}\nimport wizard\nprint(gc.isenabled())"
    assert run_probe(code) == ["False"]
