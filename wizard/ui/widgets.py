"""Small building blocks the pages share: labels for messages and help, a line edit validated as the user
types with its message under it, a disclosure, form rows. The Welcome page uses them before the first frame,
so this module names no Qt class the first page does not need (text views and rich text: `text_views`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wizard.ui.style import SPACE_TIGHT, Status, color_css

# A validator returns None when the text is fine, else the (localized) reason it is not.
Check = Callable[[str], "str | None"]


def message_label(text: str = "", *, error: bool = False) -> QLabel:
    """A wrapping label for a sentence of explanation (or, with `error`, for what is wrong)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if error:
        label.setStyleSheet(color_css(Status.FAIL))
    return label


def help_label(text: str = "") -> QLabel:
    """The small grey one-line help under an input; relative size, so the platform's font size still rules."""
    label = message_label(text)
    css = color_css(Status.HELP)  # quiet grey, still 4.5:1 on the palette
    # 90 % of the font's size, in the style sheet beside the colour: asking for the label's QFont would build
    # PySide's QFont class with its eight enums (~2.5 ms) before the first frame; QFontInfo has none.
    size = label.fontInfo().pointSizeF()
    if size > 0:
        css += f" font-size: {size * 0.9:.2f}pt;"
    label.setStyleSheet(css)
    label.setVisible(bool(text))
    return label


def describe(field: QWidget, help_line: QLabel, short: str, long: str) -> None:
    """The help of one input: the line under it, its accessible description, its "What's this?" text."""
    help_line.setText(short)
    help_line.setVisible(bool(short))
    field.setAccessibleDescription(short)
    field.setWhatsThis(long)


def with_help(field: QWidget, help_line: QLabel) -> QWidget:
    """`field` with its help line stacked under it, as one form cell."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACE_TIGHT)
    if field.maximumWidth() < 16777215:  # QWIDGETSIZE_MAX: a capped field sits left, not centred
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field)
        row.addStretch(1)
        layout.addLayout(row)
    else:
        layout.addWidget(field)
    layout.addWidget(help_line)
    return box


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
        self.help = help_label()
        self._help_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_TIGHT)
        layout.addWidget(self.line)
        layout.addWidget(self.help)
        layout.addWidget(self.message)
        self._error: str | None = None
        self._edited = False  # an empty field's "required" message waits for the user's first edit
        self.line.textEdited.connect(self._user_edited)
        self.line.textChanged.connect(self.revalidate)
        self.revalidate()

    def _user_edited(self) -> None:
        if not self._edited:
            self._edited = True
            self._error = None  # show the message now, even if the check says the same as before
            self.revalidate()

    def revalidate(self) -> None:
        error = self._check(self.line.text())
        if error == self._error:
            return
        self._error = error
        self.message.setText(error or "")
        # the same rule as the flow's (Flow.questions): not as a greeting on arrival in an empty field
        self.message.setVisible(bool(error) and (self._edited or bool(self.line.text().strip())))
        self._describe()
        self.validity_changed.emit()

    def _describe(self) -> None:
        # What is wrong first (a screen reader reads it at once), then what the field is for.
        self.line.setAccessibleDescription(" ".join(t for t in (self._error, self._help_text) if t))

    def set_help(self, short: str, long: str) -> None:
        self._help_text = short
        describe(self.line, self.help, short, long)
        self._describe()

    def error(self) -> str | None:
        return self._error

    def is_valid(self) -> bool:
        return self._error is None

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        self.line.setText(text)


class Disclosure(QWidget):
    """A flat toggle button ("▸ More…", "▸ Advanced") that shows or hides `content` under it; closed at first.
    The button is a Tab stop named by its title; the content is out of the Tab order while closed. Made
    without naming Qt's enums: the Welcome page has one before the first frame (test_first_frame_cost)."""

    CLOSED, OPEN = "▸", "▾"

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QPushButton()
        self.toggle.setCheckable(True)
        self.toggle.setFlat(True)
        self.toggle.toggled.connect(self._toggled)
        self._title = ""
        self.content = content
        content.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.toggle)
        row.addStretch(1)  # the button as wide as its words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_TIGHT)
        layout.addLayout(row)
        layout.addWidget(content)

    def set_title(self, text: str) -> None:
        """`text` may carry a mnemonic ("&"); the accessible name is the plain words, without the arrow."""
        self._title = text
        self._show_title()
        self.toggle.setAccessibleName(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, shown: bool) -> None:
        self.toggle.setChecked(shown)

    def _toggled(self, shown: bool) -> None:
        self.content.setVisible(shown)
        self._show_title()

    def _show_title(self) -> None:
        self.toggle.setText(f"{self.OPEN if self.toggle.isChecked() else self.CLOSED} {self._title}")


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
