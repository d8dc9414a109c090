"""A display named in the environment counts only when it answers (SPEC §12 rev 3, §6/§10): checked before
Qt loads, against real display servers (Xvfb, a listening Wayland-style socket) and displays nobody serves;
an unanswering display starts the terminal wizard on a terminal (saying why, one line), else exit 2 — from
source and through the packaged binary's entry script — never Qt's abort."""

from __future__ import annotations

import fcntl
import os
import secrets
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.test_face_choice import headless_environment
from wizard.cli import pick_face
from wizard.core.i18n import tr

ROOT = Path(__file__).resolve().parents[2]
needs_xvfb = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


def unserved_display() -> str:
    """A display number no X server serves here (neither its socket file nor its abstract socket exists)."""
    for number in range(3100, 3200):
        path = f"/tmp/.X11-unix/X{number}"
        if os.path.exists(path):
            continue
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect("\0" + path)
            except OSError:
                return f":{number}"
    raise AssertionError("no free display number")


def start_xvfb(*args: str) -> tuple[subprocess.Popen[bytes], str]:
    """A real X server on a display it chose itself (-displayfd): the process and the display's name."""
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", *args],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    return process, f":{number}"


@pytest.fixture
def xvfb() -> Iterator[str]:
    process, display = start_xvfb()
    yield display
    process.terminate()
    process.wait(timeout=10)


@needs_xvfb
def test_a_display_that_answers_opens_the_window(xvfb: str) -> None:
    assert pick_face({"DISPLAY": xvfb}, platform="linux", terminal=True) == ("gui", None)


def test_a_display_nobody_serves_starts_the_terminal_wizard_saying_why() -> None:
    display = unserved_display()
    choice = pick_face({"DISPLAY": display}, platform="linux", terminal=True)
    assert choice.face == "tui"
    assert choice.note is not None and display in choice.note and "\n" not in choice.note


def test_a_display_nobody_serves_without_a_terminal_is_no_face_with_the_reason() -> None:
    display = unserved_display()
    choice = pick_face({"DISPLAY": display}, platform="linux", terminal=False)
    assert choice.face is None and choice.note is not None and display in choice.note


@needs_xvfb
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_display_over_tcp_that_answers_opens_the_window(host: str) -> None:
    """`ssh -X` names a TCP display on this machine; "localhost" may resolve to ::1 before 127.0.0.1."""
    process, display = start_xvfb("-listen", "tcp")
    try:
        assert pick_face({"DISPLAY": f"{host}{display}.0"}, platform="linux", terminal=True) == ("gui", None)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_stale_forwarded_display_over_tcp_does_not_answer() -> None:
    """`ssh -X` names localhost:10 and up; nothing listens on the port when the forwarding is gone."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]  # closed again below: a port nobody listens on
    choice = pick_face({"DISPLAY": f"127.0.0.1:{port - 6000}.0"}, platform="linux", terminal=True)
    assert choice.face == "tui" and choice.note is not None


@needs_xvfb
@pytest.mark.skipif(shutil.which("xauth") is None, reason="xauth is not installed")
def test_a_display_wanting_a_cookie_answers_with_the_cookie_from_xauthority(tmp_path: Path) -> None:
    authority = tmp_path / "Xauthority"
    cookie = secrets.token_hex(16)
    process, display = start_xvfb("-auth", str(authority))
    try:
        subprocess.run(
            ["xauth", "-f", str(authority), "add", display, "MIT-MAGIC-COOKIE-1", cookie],
            check=True,
            capture_output=True,
        )
        with_cookie = pick_face({"DISPLAY": display, "XAUTHORITY": str(authority)}, platform="linux", terminal=True)
        without = pick_face({"DISPLAY": display, "XAUTHORITY": str(tmp_path / "none")}, platform="linux", terminal=True)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert with_cookie == ("gui", None)
    assert without.face == "tui" and without.note is not None  # Qt would be refused as well, and abort


def test_a_wayland_socket_that_accepts_opens_the_window_and_a_missing_one_does_not(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as compositor:
        compositor.bind(str(tmp_path / "wayland-7"))
        compositor.listen(1)
        environ = {"WAYLAND_DISPLAY": "wayland-7", "XDG_RUNTIME_DIR": str(tmp_path)}
        assert pick_face(environ, platform="linux", terminal=False) == ("gui", None)
    missing = pick_face(
        {"WAYLAND_DISPLAY": "wayland-8", "XDG_RUNTIME_DIR": str(tmp_path)}, platform="linux", terminal=False
    )
    assert missing.face is None and missing.note is not None and "wayland-8" in missing.note


def test_a_platform_without_a_display_server_is_not_checked() -> None:
    assert pick_face(
        {"QT_QPA_PLATFORM": "offscreen", "DISPLAY": unserved_display()}, platform="linux", terminal=False
    ) == ("gui", None)


@pytest.mark.parametrize(
    "entry", [["-m", "wizard"], [str(ROOT / "packaging" / "entry.py")]], ids=["source", "binary-entry"]
)
def test_without_a_terminal_an_unanswering_display_exits_2_never_a_signal(tmp_path: Path, entry: list[str]) -> None:
    display = unserved_display()
    done = subprocess.run(
        [sys.executable, *entry, "--lang", "en", "--config", str(tmp_path / "config.toml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=headless_environment(DISPLAY=display, PYTHONPATH=str(ROOT)),
        timeout=60,
    )
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert tr("faces.display.none", display=display, reason="").split("(")[0] in done.stderr
    assert "could not connect to display" not in done.stderr and "Aborted" not in done.stderr
    assert not (tmp_path / "config.toml").exists()


def drain(master: int, seconds: float) -> bytes:
    """What the program draws within `seconds` (read, so that it never blocks writing to its terminal)."""
    out = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if select.select([master], [], [], 0.05)[0]:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    return out


@pytest.mark.parametrize(
    "entry", [["-m", "wizard"], [str(ROOT / "packaging" / "entry.py")]], ids=["source", "binary-entry"]
)
def test_on_a_terminal_an_unanswering_display_starts_the_terminal_wizard(tmp_path: Path, entry: list[str]) -> None:
    display = unserved_display()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, *entry, "--lang", "en", "--config", str(tmp_path / "config.toml")],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        start_new_session=True,
        env=headless_environment(DISPLAY=display, PYTHONPATH=str(ROOT), TERM="xterm-256color"),
    )
    os.close(slave)
    shown = bytearray()
    try:
        deadline = time.monotonic() + 60
        while b"SMTP Setup Wizard" not in shown and time.monotonic() < deadline and process.poll() is None:
            if select.select([master], [], [], 0.1)[0]:
                try:
                    shown += os.read(master, 65536)
                except OSError:
                    break
        assert b"SMTP Setup Wizard" in shown, shown[-2000:].decode("utf-8", "replace")
        shown += drain(master, 0.5)  # keep reading: a program blocked on a full terminal reads no keys
        os.write(master, b"\x11")  # Ctrl+Q: nothing answered yet, so it quits at once
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            shown += drain(master, 0.1)
        process.wait(timeout=5)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)
    assert process.returncode == 1  # cancelled, never a signal
    text = shown.decode("utf-8", "replace")
    assert f"The display {display} does not answer" in text and "Traceback" not in text


def test_the_gui_asked_for_on_an_unanswering_display_exits_2_never_a_signal(tmp_path: Path) -> None:
    display = unserved_display()
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "gui", "--lang", "en", "--config", str(tmp_path / "config.toml")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=headless_environment(DISPLAY=display, PYTHONPATH=str(ROOT)),
        timeout=60,
    )
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert f"the display {display} does not answer" in done.stderr
    assert "could not connect to display" not in done.stderr
