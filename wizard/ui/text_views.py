"""Text views and rich text for the later pages (the Summary's diff and section, bullet lists on the Summary,
Done and the deliverability box). Not loaded before the first frame: QTextEdit's class and Qt's namespace (about
150 enum classes) are built when this module is imported, after the first window is on screen."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QTextEdit

from wizard.ui.style import SPACE


def bullet_list(items: list[str]) -> str:
    """`items` as a rich-text bullet list for a QLabel: a wrapped item's second line starts under its text,
    not under the bullet (a plain "• " prefix would put it under the bullet)."""
    rows = "".join(
        f'<tr><td style="padding-right:{SPACE}px">•</td><td>{html.escape(item, quote=False)}</td></tr>'
        for item in items
    )
    return f'<table cellspacing="0" cellpadding="0">{rows}</table>'


class FitToText(QObject):
    """Keeps a read-only QTextEdit exactly as tall as its wrapped text at its current width, so that it never
    scrolls inside a page that scrolls as a whole (two nested scroll areas cut a line in half and hid the text
    below). The view stays a Tab stop its label names (screen readers read it)."""

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self.view = view
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        view.document().contentsChanged.connect(self.fit)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        view = self.view
        document = view.document()
        document.setTextWidth(view.viewport().width())
        height = round(document.size().height()) + 2 * view.frameWidth() + 2
        if view.minimumHeight() != height or view.maximumHeight() != height:
            view.setFixedHeight(height)
