"""`check` on a terminal shows the running step, what it waits for and its elapsed time on one live line (on
stderr, erased at the end); piped, it prints nothing of the sort."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.support.scripted_server import Script
from wizard.core.i18n import tr

ROOT = Path(__file__).resolve().parents[2]


def config_for(tmp_path: Path, port: int) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "me@example.org"\nendpoint = "smtp://127.0.0.1:{port}"\n')
    return config


def test_check_on_a_terminal_shows_the_running_step_live(scripted_server, tmp_path):
    server = scripted_server(Script(greeting=None))  # silent: the greeting step runs for the whole timeout
    leader, follower = pty.openpty()
    # A wide terminal, so the whole line fits (a narrower one cuts it: tests/cli/test_live_line.py).
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    command = [sys.executable, "-m", "wizard", "check", "--config", str(config_for(tmp_path, server.port)),
               "--timeout", "2"]
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=30)
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert process.returncode == 1
    assert f"{tr('step.greeting')}: {tr('probe.wait.greeting')} (" in text and " s, at most 2 s)" in text
    assert f"{tr('step.greeting')}: {tr('probe.wait.greeting_or_tls')} (" in text  # the second connection
    assert text.endswith("\r") and "Traceback" not in text  # the line is erased at the end


def test_check_piped_prints_no_live_line(scripted_server, tmp_path):
    server = scripted_server(Script(greeting=None))
    command = [sys.executable, "-m", "wizard", "check", "--config", str(config_for(tmp_path, server.port)),
               "--timeout", "1"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=30)
    assert result.returncode == 1 and b"\r" not in result.stderr and "…".encode() not in result.stderr
