"""The live line of `check`/`apply` (SPEC §4 rev 2) is redrawn with a carriage return, so it must never be wider
than the terminal: a wrapped line cannot be redrawn and every redraw would add a row."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import socket
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from wizard.cli.probing import fit_line
from wizard.core import i18n


def _render(waiting: str) -> str:
    return i18n.tr("probe.live_step", step=i18n.tr("step.greeting"), waiting=waiting, elapsed="12", limit="60")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("columns", [20, 40, 59, 79, 119])
def test_the_live_line_fits_the_terminal_and_keeps_the_seconds(lang: str, columns: int) -> None:
    i18n.set_language(lang)
    try:
        waiting = "the server's greeting; also checking whether the port expects implicit TLS " * 2
        line = fit_line(_render, waiting, columns)
        assert len(line) <= columns
        if columns >= 59:
            assert "12 s" in line and line.endswith(")")  # the step's seconds stay in view; the wait text is cut
    finally:
        i18n.set_language("en")


def test_a_line_that_fits_is_left_alone() -> None:
    assert fit_line(_render, "the greeting", 200) == _render("the greeting")


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A listener that accepts and never says a word: the greeting step waits, and the live line ticks."""
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def test_check_on_a_60_column_terminal_draws_no_segment_wider_than_the_terminal(
    tmp_path: Path, silent_port: int
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{silent_port}"\n')
    script = Path(sys.executable).parent / "smtp-wizard"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "wizard"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    process = subprocess.Popen(
        [*program, "--lang", "de", "check", "--config", str(config), "--timeout", "3"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    output = b""
    deadline = time.monotonic() + 120  # generous: the probe ends after its 3 s timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif process.poll() is not None:
                break
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        os.close(leader)
    text = output.decode("utf-8", "replace")
    live = [segment for segment in text.replace("\n", "\r").split("\r") if segment.startswith("…")]
    assert live, text  # the line was drawn at least once
    assert all(len(segment.rstrip()) <= 59 for segment in live), live
