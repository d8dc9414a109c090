"""`smtp-wizard … | head -1`: when the reader of the output has gone, the command still does its work and
exits with its own code — no traceback about a broken pipe, no write stopped halfway."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

CONFIG = '[smtp]\nuser = "a@example.com"\nendpoint = "smtp://127.0.0.1:2525"\n'


def _run_into_closed_pipe(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        return subprocess.run(
            [sys.executable, "-m", "wizard", *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


def test_show_into_a_closed_pipe_exits_0_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(CONFIG)
    result = _run_into_closed_pipe("show", "--config", "config.toml", cwd=tmp_path)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_a_json_error_into_a_closed_pipe_keeps_its_exit_code(tmp_path: Path) -> None:
    result = _run_into_closed_pipe("check", "--config", "missing.toml", "--json", cwd=tmp_path)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr


def test_apply_into_a_closed_pipe_still_writes_the_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('domain = "x"\n')
    result = _run_into_closed_pipe(
        "apply", "--config", "config.toml", "--user", "b@example.com", "--host", "127.0.0.1", "--port", "2525",
        "--security", "none", "--no-secret", "--no-probe", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert tomllib.loads((tmp_path / "config.toml").read_text())["smtp"]["user"] == "b@example.com"
