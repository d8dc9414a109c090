"""Small building blocks the pages share: a line edit validated as the user types, with its message under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

# A validator returns None when the text is fine, else the (localized) reason it is not.
Check = Callable[[str], "str | None"]

ERROR_COLOR = "#b00020"


def message_label(text: str = "", *, error: bool = False) -> QLabel:
    """A wrapping label for a sentence of explanation (or, with `error`, for what is wrong)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if error:
        label.setStyleSheet(f"color: {ERROR_COLOR};")
    return label


class CheckedEdit(QWidget):
    """A QLineEdit and an inline message below it; `check` runs on every keystroke."""

    validity_changed = Signal()

    def __init__(self, check: Check, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self.line = QLineEdit()
        self.line.setAccessibleName(accessible_name)
        self.message = message_label(error=True)
        self.message.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.message)
        self._error: str | None = None
        self.line.textChanged.connect(self.revalidate)
        self.revalidate()

    def revalidate(self) -> None:
        error = self._check(self.line.text())
        if error == self._error:
            return
        self._error = error
        self.message.setText(error or "")
        self.message.setVisible(bool(error))
        self.line.setAccessibleDescription(error or "")
        self.validity_changed.emit()

    def error(self) -> str | None:
        return self._error

    def is_valid(self) -> bool:
        return self._error is None

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)


def add_row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
    """A form row whose label carries a mnemonic (`&`) and is the buddy of the input it names."""
    label = QLabel(text)
    label.setBuddy(buddy or (field.line if isinstance(field, CheckedEdit) else field))
    form.addRow(label, field)
    return label


def new_form() -> QFormLayout:
    form = QFormLayout()
    # Labels above fields would waste height; wrapping long rows keeps 1024x768 at 2x readable.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form
