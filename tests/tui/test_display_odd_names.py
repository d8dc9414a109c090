"""A display name no X server can have, or a server that breaks off its refusal, still gives one line why
(SPEC §12 rev 3: never a traceback) — checked locally: IDNA refuses the host before any lookup, and the
X servers here are real sockets on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from wizard.cli import pick_face
from wizard.core import i18n
from wizard.core.i18n import tr

ROOT = Path(__file__).resolve().parents[2]
FAILED_HEADER = bytes([0, 20, 11, 0, 0, 0, 5, 0])  # Failed, a 20-byte reason to follow (X11 protocol ch. 8)


def choice_for(display: str) -> tuple[str | None, str | None]:
    return pick_face({"DISPLAY": display}, platform="linux", terminal=True)


@pytest.mark.parametrize("display", [":²", ":1²", "localhost:³.0"])
def test_a_display_number_of_other_digits_is_not_a_display_name(display: str) -> None:
    face, note = choice_for(display)
    assert face == "tui"
    assert note is not None and tr("faces.display.reason.malformed") in note and "\n" not in note


@pytest.mark.parametrize("host", ["a..b", "x" * 64])
def test_a_host_no_name_can_be_is_not_a_display_name(host: str) -> None:
    face, note = choice_for(f"{host}:0")
    assert face == "tui"
    assert note is not None and tr("faces.display.reason.malformed") in note and "\n" not in note


def x_server_breaking_off(then: str) -> Iterator[str]:
    """A one-connection server on 127.0.0.1 at port 6000 + N that answers the set-up with Failed's header
    and then stays silent ("silent") or resets the connection ("reset"); yields the display's name."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    done = threading.Event()

    def serve() -> None:
        connection, _ = server.accept()
        connection.recv(100)
        connection.sendall(FAILED_HEADER)
        if then == "reset":
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
        else:
            done.wait(10)
        connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{port - 6000}"
    finally:
        done.set()
        thread.join(10)
        server.close()


@pytest.mark.parametrize("then", ["silent", "reset"])
def test_a_server_breaking_off_its_refusal_does_not_answer(then: str) -> None:
    for display in x_server_breaking_off(then):
        face, note = choice_for(display)
        assert face == "tui" and note is not None and "\n" not in note


def test_the_gui_asked_for_on_a_malformed_display_says_why_in_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wizard", "gui", "--lang", "en", "--config", str(tmp_path / "config.toml")],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DISPLAY": "a..b:0", "HOME": str(tmp_path)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0].endswith(".") and "a..b:0" in done.stderr.splitlines()[0]


def test_a_server_that_never_answers_says_so_in_words_not_a_class_name() -> None:
    # A listening socket nobody accepts on: the connection is made, the set-up's reply never comes.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        face, note = choice_for(f"127.0.0.1:{server.getsockname()[1] - 6000}")
    assert face == "tui"
    assert note is not None and tr("faces.display.reason.timeout", seconds="3") in note
    assert "Error" not in note


def test_a_wayland_socket_path_too_long_says_so_in_words_not_a_class_name(tmp_path: Path) -> None:
    face, note = pick_face(
        {"WAYLAND_DISPLAY": "w" * 200, "XDG_RUNTIME_DIR": str(tmp_path)}, platform="linux", terminal=True
    )
    assert face == "tui"
    assert note is not None and "(OSError)" not in note and "too long" in note


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_refused_display_says_why_in_the_user_s_language(lang: str) -> None:
    """The system's words are English whatever the language: a refused connection is said in the core's."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]  # closed again below: a port nobody listens on
    i18n.set_language(lang)
    try:
        face, note = choice_for(f"127.0.0.1:{port - 6000}")
        assert face == "tui"
        assert note is not None and tr("words_rev3.os.refused") in note and "\n" not in note
    finally:
        i18n.set_language("en")
