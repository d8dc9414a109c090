"""The real terminal wizard in a pseudo-terminal, keys written back to back in one write per page (as a fast
typist or a pasted line arrives): address, Tab, password, Enter; host, Tab, port, Enter — every value lands
in its field, English and German; Ctrl+Q then asks before quitting, and a second Ctrl+Q quits."""

from __future__ import annotations

import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.tui.test_face_choice import headless_environment
from wizard.core import i18n
from wizard.core.i18n import tr

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = "bom@example.org"
PASSWORD = "secretpw with spaces!"
PORT = "10587"
CTRL_Q, CTRL_U, TAB, ENTER = b"\x11", b"\x15", b"\t", b"\r"


class Terminal:
    """A program on a pseudo-terminal of 80×24: what it has drawn so far, and keys written to it."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True
        )
        os.close(slave)
        self.shown = bytearray()

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.shown += os.read(self.master, 65536)
                except OSError:
                    return

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        """Until `text` has been drawn since the last call (each page's title marks its arrival)."""
        wanted = text.encode()
        start = len(self.shown)
        deadline = time.monotonic() + timeout
        while wanted not in self.shown[start:] and time.monotonic() < deadline and self.process.poll() is None:
            self.read(0.1)
        if wanted not in self.shown[start:]:
            raise AssertionError(f"{text!r} not shown; screen tail: {self.shown[-1500:].decode('utf-8', 'replace')}")
        self.shown = self.shown[:start] + b""  # the next wait looks only at what comes after
        self.read(0.3)  # the page is drawn and listening

    def wait_exit(self, timeout: float) -> int:
        """Until the program ends, reading what it draws (a program blocked on a full terminal reads no keys)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read(0.1)
        return self.process.wait(timeout=5)

    def type(self, *keys: bytes) -> None:
        os.write(self.master, b"".join(keys))  # one write: no pause between the keys

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_keys_written_back_to_back_land_in_their_fields_in_a_real_terminal(tmp_path: Path, lang: str) -> None:
    i18n.set_language(lang)
    # the title row as a whole: a page title alone may also occur in the page before it
    titles = {page: f"{tr('tui.title')} — {tr(f'flow.{page}.title')}" for page in ("account", "server", "security")}
    out = tmp_path / "answers.json"
    terminal = Terminal(
        [sys.executable, "-m", "tests.tui.pty_harness", lang, str(tmp_path / "config.toml"), str(out)],
        headless_environment(
            TERM="xterm-256color", COLUMNS="80", LINES="24", EXPECTED_SECRET=PASSWORD, PYTHONPATH=str(ROOT)
        ),
    )
    try:
        terminal.wait_for(tr("tui.title"))
        terminal.read(1.0)  # the files are read once the first page is up
        terminal.type(ENTER)
        terminal.wait_for(titles["account"])
        terminal.type(ADDRESS.encode(), TAB, PASSWORD.encode(), ENTER)
        terminal.wait_for(titles["server"])
        terminal.type(b"127.0.0.1", TAB, CTRL_U, PORT.encode(), ENTER)
        terminal.wait_for(titles["security"])
        terminal.type(CTRL_Q)
        terminal.wait_for(tr("faces.quit.title"))
        terminal.type(CTRL_Q)
        terminal.wait_exit(30)
    finally:
        terminal.close()
    assert terminal.process.returncode == 1  # quit: cancelled, nothing written
    assert json.loads(out.read_text()) == {
        "page": "security",
        "user": ADDRESS,
        "host": "127.0.0.1",
        "port": PORT,
        "secret_is_expected": True,
    }
    assert not (tmp_path / "config.toml").exists()
