"""A closed terminal (SIGHUP, as when an SSH connection drops) in the middle of the demo leaves nothing behind:
the scratch folder the Welcome page names is removed, and the program ends as cancelled."""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

from tests.tui.test_face_choice import _program, headless_environment

SCRATCH = re.compile(rb"(/tmp/smtp-wizard-demo-[A-Za-z0-9_]+)")


def test_a_closed_terminal_removes_the_demo_scratch_folder() -> None:
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 200, 0, 0))  # wide: the path on one line
    process = subprocess.Popen(
        [*_program(), "--lang", "en", "--demo"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=headless_environment(TERM="xterm-256color", COLUMNS="200", LINES="24"),
        start_new_session=True,
    )
    os.close(slave)
    screen = bytearray()
    try:
        deadline = time.monotonic() + 60
        while SCRATCH.search(screen) is None and time.monotonic() < deadline and process.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                screen += os.read(master, 65536)
        found = SCRATCH.search(screen)
        assert found is not None, screen[-2000:].decode("utf-8", "replace")
        folder = Path(found.group(1).decode())
        assert folder.is_dir()
        os.killpg(process.pid, signal.SIGHUP)
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)  # keep reading: a blocked write never ends
            if ready:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert process.returncode == 1
    assert not folder.exists()
