"""A help line under an input is set a little smaller than the sentences around it (nine tenths of the size
the platform's font is drawn at, whatever that size is), and keeps its grey."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from wizard.ui.style import Status, status_color
from wizard.ui.widgets import help_label, message_label


@pytest.mark.parametrize("points", [9.0, 11.0, 16.0])
def test_a_help_line_is_nine_tenths_of_the_platform_font(qapp: QApplication, points: float) -> None:
    before = QApplication.font()
    try:
        font = QFont(before)
        font.setPointSizeF(points)
        QApplication.setFont(font)
        help_line, sentence = help_label("Where the file is"), message_label("What exists already")
        help_line.ensurePolished()
        sentence.ensurePolished()
        drawn = sentence.fontInfo().pointSizeF()  # the size the font database matched for the request
        assert drawn == pytest.approx(points, rel=0.05)
        assert help_line.font().pointSizeF() == pytest.approx(drawn * 0.9, abs=0.01)
        assert help_line.fontInfo().pointSizeF() < drawn
    finally:
        QApplication.setFont(before)


def test_a_help_line_keeps_its_grey_beside_its_size(qapp: QApplication) -> None:
    assert f"color: {status_color(Status.HELP)};" in help_label("x").styleSheet()
