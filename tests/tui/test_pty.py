"""The real program in a pseudo-terminal without a display: the terminal wizard starts by itself, and Enter
alone walks an existing relay setup to a written file."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from tests.support.servers import SmtpServer
from tests.tui.test_face_choice import _program, headless_environment

RELAY_SETUP = """\
# BOMnipotent Server behind a relay on this machine; user verification was switched off while mail was missing
domain = "https://bom.example.org"

[user]
skip_verification = true

[smtp]
user = "bom@example.org"
endpoint = "smtp://127.0.0.1:{port}"
"""


def test_enter_alone_walks_an_existing_relay_setup_to_a_written_file_in_a_terminal(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False)
    config = tmp_path / "config.toml"
    config.write_text(RELAY_SETUP.format(port=server.port))
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [*_program(), "--lang", "en", "--config", str(config)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=headless_environment(TERM="xterm-256color", COLUMNS="80", LINES="24"),
        start_new_session=True,
    )
    os.close(slave)
    screen = bytearray()
    presses = 0
    try:
        deadline = time.monotonic() + 90
        next_press = time.monotonic() + 2.0  # let the first screen come up
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    screen += os.read(master, 65536)
                except OSError:
                    break
            if time.monotonic() >= next_press:
                os.write(master, b"\r")  # Enter, nothing else
                presses += 1
                next_press = time.monotonic() + 1.0
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert process.returncode == 0, screen[-2000:].decode("utf-8", "replace")
    written = tomllib.loads(config.read_text())
    assert "skip_verification" not in written.get("user", {})  # setting up mail switched verification back on
    assert written["smtp"] == {"user": "bom@example.org", "endpoint": f"smtp://127.0.0.1:{server.port}"}
    assert server.messages and server.messages[0].mail_from == "bom@example.org"  # the live test ran
    assert b"SMTP Setup Wizard" in screen
    assert presses < 60


def test_ctrl_c_in_a_terminal_quits_as_cancelled_without_a_traceback(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [*_program(), "--lang", "en", "--config", str(config)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=headless_environment(TERM="xterm-256color", COLUMNS="80", LINES="24"),
        start_new_session=True,
    )
    os.close(slave)
    screen = bytearray()
    try:
        deadline = time.monotonic() + 60
        pressed = False
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    screen += os.read(master, 65536)
                except OSError:
                    break
            if not pressed and b"SMTP Setup Wizard" in screen:
                time.sleep(1.0)  # the first page is up and listening
                os.write(master, b"\x03")  # Ctrl+C, as the terminal sends it in raw mode
                pressed = True
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert pressed
    assert process.returncode == 1, screen[-2000:].decode("utf-8", "replace")  # cancelled: nothing written
    assert not config.exists()
    assert b"Traceback" not in screen
