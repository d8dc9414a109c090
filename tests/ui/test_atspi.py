"""The GUI as a screen reader reads it (SPEC §12 §6/§10): the wizard runs on Xvfb in its own D-Bus session
with Qt's AT-SPI bridge on, and a reader (the system Python with Debian's python3-pyatspi) asks AT-SPI what
has the focus while Tab goes round every page, English and German. Every Tab stop and every focusable object
has an accessible name or a labelled-by relation, no container ("filler") takes a Tab stop, and Tab moves in
reading order: down the page, left to right along a row, then the wizard's buttons.

The system packages come from `scripts/ensure-system-deps test` (which `make test` runs first); missing, the
test fails and says so: an accessibility check that quietly skips would check nothing."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = {"welcome", "sender", "server", "security", "secret", "test", "summary", "done"}
ROW = 8  # pixels: two stops whose tops differ by less sit on one row


def missing_tools() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-run-session") if shutil.which(tool) is None]
    reader_python = Path("/usr/bin/python3")
    if not reader_python.exists():
        return [*missing, "/usr/bin/python3"]
    probe = subprocess.run([str(reader_python), "-c", "import pyatspi"], capture_output=True, check=False)
    if probe.returncode != 0:
        missing.append("python3-pyatspi")
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        missing.append("at-spi2-core")
    return missing


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """An X display of its own (Xvfb picks a free number and writes it to the pipe)."""
    missing = missing_tools()
    if missing:
        pytest.fail(f"missing for the AT-SPI test: {', '.join(missing)}; run scripts/ensure-system-deps test")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def read_through_atspi(display: str, lang: str) -> dict[str, dict[str, Any]]:
    """Each page's Tab stops and unnamed focusable objects, as the reader saw them (tests/ui/atspi/app.py)."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("DBUS_", "AT_SPI", "QT_", "WAYLAND"))
    }
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        PYTHONPATH=os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-m", "tests.ui.atspi.app", lang],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines and lines[-1] == {"done": True}, done.stderr[-3000:]
    return {line["page"]: line for line in lines if "page" in line}


def reading_order_breaks(stops: list[dict[str, Any]]) -> list[str]:
    """Where Tab goes back up the page, or left along a row (extents: x, y, width, height on the screen)."""
    breaks = []
    for before, after in itertools.pairwise(stops):
        (x0, y0, *_), (x1, y1, *_) = before["extents"], after["extents"]
        same_row = abs(y1 - y0) < ROW
        if (not same_row and y1 < y0) or (same_row and x1 < x0):
            breaks.append(f"{before['name']!r} at {x0},{y0} → {after['name']!r} at {x1},{y1}")
    return breaks


@pytest.fixture(scope="module", params=["en", "de"])
def pages(request: pytest.FixtureRequest, display: str) -> dict[str, dict[str, Any]]:
    return read_through_atspi(display, request.param)


def test_every_page_is_read(pages: dict[str, dict[str, Any]]) -> None:
    assert set(pages) == PAGES
    assert all(page["stops"] for page in pages.values())


def test_every_tab_stop_has_an_accessible_name_or_label(pages: dict[str, dict[str, Any]]) -> None:
    nameless = [
        f"{name}: {stop['role']} ({stop['widget']})"
        for name, page in pages.items()
        for stop in page["stops"]
        if not stop["name"].strip() and not any(label.strip() for label in stop["labelled_by"])
    ]
    assert not nameless, nameless


def test_no_container_takes_a_tab_stop(pages: dict[str, dict[str, Any]]) -> None:
    fillers = [
        f"{name}: {stop['role']} ({stop['widget']})"
        for name, page in pages.items()
        for stop in page["stops"]
        if stop["role"] in ("filler", "panel", "scroll pane", "viewport", "unknown", "")
    ]
    assert not fillers, fillers


def test_every_focusable_object_has_an_accessible_name_or_label(pages: dict[str, dict[str, Any]]) -> None:
    nameless = [f"{name}: {it['role']} at {it['extents']}" for name, page in pages.items() for it in page["unnamed"]]
    assert not nameless, nameless


def test_tab_follows_the_reading_order(pages: dict[str, dict[str, Any]]) -> None:
    breaks = {name: reading_order_breaks(page["stops"]) for name, page in pages.items()}
    assert not any(breaks.values()), breaks
