"""The window opens fitting the screen it appears on (SPEC §6 rev 2): a 1366x768 laptop at 125 % scaling
(1093x614 logical pixels, minus a panel) and a small 800x600 screen, never below the smallest size 760x540."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.ui.app import MINIMUM_SIZE, PREFERRED_SIZE, TITLE_BAR, window_geometry

PANEL = 32  # a typical desktop panel, in logical pixels

# Print the geometry the real start-up code gives the real wizard on the offscreen screen it was given.
PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from wizard.ui.app import place_window
from wizard.ui.wizard import SetupWizard
wiz = SetupWizard(Path(sys.argv[1]), deferred=True)
place_window(wiz)
area = wiz.screen().availableGeometry()
g = wiz.geometry()
print(json.dumps({"window": [g.x(), g.y(), g.width(), g.height()],
                  "screen": [area.x(), area.y(), area.width(), area.height()],
                  "minimum": [wiz.minimumWidth(), wiz.minimumHeight()]}))
"""


def _inside(window: tuple[int, int, int, int], area: tuple[int, int, int, int]) -> bool:
    """The window with its title bar lies within `area`."""
    x, y, width, height = window
    ax, ay, aw, ah = area
    return ax <= x and ay <= y - TITLE_BAR and x + width <= ax + aw and y + height <= ay + ah


def test_it_opens_fitting_a_1366x768_laptop_at_125_percent_with_a_panel() -> None:
    area = (0, 0, 1093, 614 - PANEL)
    window = window_geometry(area)
    assert _inside(window, area), window
    assert window[2] >= MINIMUM_SIZE[0] and window[3] >= MINIMUM_SIZE[1]


def test_it_opens_at_its_preferred_size_on_a_large_screen_centred() -> None:
    area = (0, 0, 1920, 1050)
    x, _, width, height = window_geometry(area)
    assert (width, height) == PREFERRED_SIZE
    assert abs((x + width / 2) - 960) <= 1


@pytest.mark.parametrize("area", [(0, 0, 800, 600), (0, 0, 760, 540 + TITLE_BAR), (1366, 24, 800, 600)])
def test_it_never_opens_below_the_smallest_size_and_stays_on_a_small_screen(area: tuple[int, int, int, int]) -> None:
    window = window_geometry(area)
    assert window[2] >= MINIMUM_SIZE[0] and window[3] >= MINIMUM_SIZE[1]
    assert _inside(window, area), (window, area)


def test_on_a_screen_smaller_than_the_window_its_title_bar_stays_on_the_screen() -> None:
    area = (0, 0, 640, 480)
    x, y, width, height = window_geometry(area)
    assert (width, height) == MINIMUM_SIZE
    assert (x, y - TITLE_BAR) == (0, 0)


@pytest.mark.parametrize("screen", [(1093, 614 - PANEL), (800, 600)])
def test_the_real_window_opens_inside_the_available_screen(tmp_path: Path, screen: tuple[int, int]) -> None:
    """Qt's offscreen platform given a screen of that size (its configuration file), the real start-up code."""
    config = tmp_path / "offscreen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "small", "x": 0, "y": 0, "width": screen[0], "height": screen[1]}]})
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR="1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "config.toml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["screen"] == [0, 0, *screen]  # the platform took the screen we gave it
    assert tuple(shown["minimum"]) == MINIMUM_SIZE
    assert _inside(tuple(shown["window"]), tuple(shown["screen"])), shown
