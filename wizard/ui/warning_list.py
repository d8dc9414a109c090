"""The warnings of a probe or a plan, shown the same way on the Test and Summary pages (SPEC §4 rev 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from wizard.ui.style import Status, color_css
from wizard.ui.widgets import message_label

if TYPE_CHECKING:
    from wizard.core.warnings import SetupWarning


class WarningList(QLabel):
    """Hidden while empty; each warning one paragraph after a "Warning:" heading, also for screen readers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        template = message_label()
        self.setWordWrap(True)
        self.setFont(template.font())
        self.setStyleSheet(color_css(Status.WARNING))
        self.setAccessibleName(QCoreApplication.translate("WarningList", "Warnings"))
        self.setVisible(False)
        self.warnings: list[SetupWarning] = []

    def set_warnings(self, warnings: list[SetupWarning]) -> None:
        self.warnings = list(warnings)
        heading = QCoreApplication.translate("WarningList", "Warning:")
        text = "\n\n".join(f"⚠ {heading} {item.text()}" for item in self.warnings)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(self.warnings))
