"""The sender domain's SPF, DMARC and DKIM verdicts (SPEC §11), shown the same way on the Test and Summary
pages from the flow's `DeliverabilityView`: a heading and one bullet per record; hidden before a pass."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from wizard.core.i18n import tr
from wizard.ui.text_views import bullet_list
from wizard.ui.widgets import message_label

if TYPE_CHECKING:
    from wizard.flow.deliverability_view import DeliverabilityView


class DeliverabilityBox(QLabel):
    """Hidden while there is nothing to show (no passed test); the text is also its accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        template = message_label()
        self.setWordWrap(True)
        self.setFont(template.font())
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName(tr("deliverability.name"))
        self.setVisible(False)
        self.view: DeliverabilityView | None = None

    def show_view(self, view: DeliverabilityView | None) -> None:
        self.view = view
        self.setAccessibleName(tr("deliverability.name"))  # in the language the page is shown in now
        if view is None:
            self.setText("")
            self.setVisible(False)
            return
        heading = f"<b>{html.escape(view.heading)}</b>"
        self.setText(heading + (bullet_list(view.lines) if view.lines else ""))
        self.setAccessibleDescription(view.text())
        self.setVisible(True)
