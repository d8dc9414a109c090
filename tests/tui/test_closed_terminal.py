"""A closed terminal (SIGHUP, as when an SSH connection drops or the terminal window that started the wizard is
closed) in the middle of the demo leaves nothing behind, in both faces: the demo's scratch folder is removed,
and the program ends as cancelled."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from tests.tui.test_face_choice import _program, headless_environment


def _scratch_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("smtp-wizard-demo-*"))


@pytest.mark.parametrize(("face", "extra"), [("tui", {}), ("gui", {"QT_QPA_PLATFORM": "offscreen"})])
def test_a_closed_terminal_removes_the_demo_scratch_folder(tmp_path: Path, face: str, extra: dict[str, str]) -> None:
    tmp = tmp_path / "tmp"  # the demo's scratch folder goes here (tempfile honours TMPDIR)
    tmp.mkdir()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [*_program(), face, "--lang", "en", "--demo"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=headless_environment(TERM="xterm-256color", COLUMNS="80", LINES="24", TMPDIR=str(tmp), **extra),
        start_new_session=True,
    )
    os.close(slave)
    screen = bytearray()

    def read_for(seconds: float) -> None:  # keep reading: a program blocked writing to the terminal never ends
        until = time.monotonic() + seconds
        while time.monotonic() < until and process.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    screen.extend(os.read(master, 65536))
                except OSError:
                    return

    try:
        deadline = time.monotonic() + 60
        while not _scratch_folders(tmp) and time.monotonic() < deadline and process.poll() is None:
            read_for(0.2)
        assert _scratch_folders(tmp), screen[-2000:].decode("utf-8", "replace")
        read_for(3.0)  # the first page up
        assert process.poll() is None, screen[-2000:].decode("utf-8", "replace")
        os.killpg(process.pid, signal.SIGHUP)
        read_for(20.0)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    assert process.returncode == 1
    assert _scratch_folders(tmp) == []
