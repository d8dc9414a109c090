"""Start-up: the first window comes before the heavy imports; SMTP_WIZARD_QUIT_AFTER_MS quits; demo cleans up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ["tomlkit", "aiosmtplib", "keyring", "dns", "wizard.probe.engine", "wizard.core.existing", "qasync"]

PROBE_SCRIPT = """
import json, sys
from pathlib import Path
from wizard.ui.app import run_gui

def shown():
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy_roots} or m in {heavy})))
    sys.stdout.flush()

run_gui(Path(sys.argv[1]), False, "en", on_shown=shown)
"""


def _run(args: list[str], tmp_path: Path, quit_ms: str = "200") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SMTP_WIZARD_QUIT_AFTER_MS=quit_ms, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_first_window_is_shown_before_the_heavy_imports(tmp_path: Path) -> None:
    roots = {name.split(".")[0] for name in HEAVY if "." not in name}
    script = PROBE_SCRIPT.replace("{heavy_roots}", repr(roots)).replace("{heavy}", repr(set(HEAVY)))
    done = _run([sys.executable, "-c", script, str(tmp_path / "config.toml")], tmp_path)
    assert done.returncode == 0, done.stderr
    loaded_before_window = json.loads(done.stdout.splitlines()[0])
    assert loaded_before_window == []


def test_quit_after_env_var_ends_the_gui_with_success(tmp_path: Path) -> None:
    done = _run([sys.executable, "-m", "wizard", "--config", str(tmp_path / "config.toml")], tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "config.toml").exists()  # starting and quitting writes nothing


def test_demo_mode_leaves_no_scratch_folder_behind(tmp_path: Path) -> None:
    done = _run([sys.executable, "-m", "wizard", "--demo"], tmp_path, quit_ms="500")
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []
