"""The header's logo is LOGO_SIZE logical pixels and sharp on every screen (its own image at 1x and 2x, scaled
smoothly from the sharper one between), and the window has its icon once the later pages are built."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wizard.ui.style import LOGO_SIZE, logo_pixmap
from wizard.ui.wizard import SetupWizard


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 2.0])
def test_the_logo_is_its_logical_size_in_device_pixels_of_the_screen(qapp: QApplication, ratio: float) -> None:
    logo = logo_pixmap(ratio)
    assert not logo.isNull()
    assert logo.devicePixelRatio() == ratio
    assert (logo.width(), logo.height()) == (round(LOGO_SIZE * ratio), round(LOGO_SIZE * ratio))


def test_the_window_has_its_icon_once_the_later_pages_are_built(qtbot: QtBot, tmp_path: Path) -> None:
    window = SetupWizard(tmp_path / "config.toml", deferred=True)
    qtbot.addWidget(window)
    window.add_remaining_pages(load=False)
    sizes = {(size.width(), size.height()) for size in window.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
