"""Pass, fail, warning, running and help texts have one colour each, readable (WCAG AA, 4.5:1) on the
platform's light palette and on a dark one; the Summary's diff lines stay readable on both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from wizard.ui.style import Status, contrast_ratio, diff_background, status_color
from wizard.ui.widgets import help_label, message_label

AA_NORMAL_TEXT = 4.5


def _light() -> QPalette:
    style = QStyleFactory.create("Fusion")
    assert style is not None
    return style.standardPalette()


def _dark() -> QPalette:
    """A dark desktop theme as KDE Breeze Dark or GNOME's Adwaita-dark paint it."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2a2e32"),
        (QPalette.ColorRole.WindowText, "#fcfcfc"),
        (QPalette.ColorRole.Base, "#1b1e20"),
        (QPalette.ColorRole.Text, "#fcfcfc"),
        (QPalette.ColorRole.Button, "#31363b"),
        (QPalette.ColorRole.ButtonText, "#fcfcfc"),
    ):
        palette.setColor(role, QColor(color))
    return palette


PALETTES = {"light": _light, "dark": _dark}


@pytest.fixture
def dark_desktop(qapp: QApplication) -> Iterator[None]:
    before = qapp.palette()
    qapp.setPalette(_dark())
    yield
    qapp.setPalette(before)


@pytest.mark.parametrize("which", PALETTES)
@pytest.mark.parametrize("status", list(Status))
def test_each_status_colour_is_readable_on_the_window(qapp: QApplication, which: str, status: Status) -> None:
    palette = PALETTES[which]()
    window = palette.color(QPalette.ColorRole.Window).name()
    ratio = contrast_ratio(status_color(status, palette), window)
    assert ratio >= AA_NORMAL_TEXT, (status, which, round(ratio, 2))


@pytest.mark.parametrize("which", PALETTES)
def test_the_status_colours_differ_from_each_other(qapp: QApplication, which: str) -> None:
    palette = PALETTES[which]()
    colours = [status_color(status, palette) for status in Status]
    assert len(set(colours)) == len(colours)


@pytest.mark.parametrize("which", PALETTES)
@pytest.mark.parametrize("mark", ["+", "-", "@"])
def test_diff_lines_are_readable_on_their_background(qapp: QApplication, which: str, mark: str) -> None:
    palette = PALETTES[which]()
    background = diff_background(mark, palette)
    assert background is not None
    ratio = contrast_ratio(palette.color(QPalette.ColorRole.Text).name(), background)
    assert ratio >= AA_NORMAL_TEXT, (mark, which, round(ratio, 2))


def test_on_a_dark_desktop_the_pages_texts_take_the_dark_variants(dark_desktop: None) -> None:
    dark = _dark()
    assert status_color(Status.HELP, dark) in help_label("help").styleSheet()
    assert status_color(Status.FAIL, dark) in message_label("wrong", error=True).styleSheet()
    assert status_color(Status.HELP, _light()) not in help_label("help").styleSheet()


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
