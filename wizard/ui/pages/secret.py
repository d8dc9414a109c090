"""Secret: the password or API key (masked, show toggle), keep the existing one, or none; the variable name.
The choice, its default, the words and the problems are the flow's; the optional system keyring is offered
here (a convenience of the desktop: the server itself reads .env)."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from wizard.core.i18n import tr
from wizard.core.settings import SecretSource
from wizard.flow import keyring_option
from wizard.flow.content import secret_help, secret_place_words
from wizard.ui import tasks
from wizard.ui.mnemonic import mark_yielding, marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.style import INDENT, SPACE
from wizard.ui.widgets import CheckedEdit, Disclosure, add_row, describe, help_label, message_label, new_form


def _stack(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(SPACE)
    for widget in widgets:
        if isinstance(widget, QPushButton):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)  # a button as wide as its text
        else:
            column.addWidget(widget)
    return box


class SecretPage(Page):
    page_id = PageId.SECRET

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = QRadioButton()
        self.keep = QRadioButton()
        self.none = QRadioButton()
        self._choices = {SecretSource.NEW: self.new, SecretSource.KEEP: self.keep, SecretSource.NONE: self.none}
        self.group = QButtonGroup(self)
        for source, button in self._choices.items():
            self.group.addButton(button)
            button.toggled.connect(lambda on, s=source: self._edited("secret_source", str(s)) if on else None)

        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.textChanged.connect(lambda text: self._edited("secret", text))
        self.show_secret = QCheckBox(self.tr("S&how"))
        self.show_secret.setAccessibleName(self.tr("Show the password"))
        self.show_secret.toggled.connect(self._toggle_echo)
        self.secret_problem = message_label(error=True)
        self.secret_problem.setVisible(False)
        self.var = CheckedEdit(self._var_edited, "")
        self.var.validity_changed.connect(self.completeChanged)

        # The flow's keyring option (wizard/flow/keyring_option.py): offered only while usable, else said why.
        self.remember = QCheckBox()
        self.remember.setVisible(False)
        self.remember.toggled.connect(lambda on: self._edited("remember", on))
        self.use_remembered = QPushButton()
        self.use_remembered.setVisible(False)
        self.use_remembered.clicked.connect(self._use_remembered)
        self.keyring_note = message_label()
        self.keyring_details = help_label()
        self.keyring_more = Disclosure(self.keyring_details)  # which keyring, and why not: for the curious
        self.keyring_more.setVisible(False)
        # One form row per input, the check boxes and messages stacked under it: hidden extra rows would
        # still take their spacing.
        self.secret_help = help_label()
        self._long_help = self.tr(
            "BOMnipotent Server reads the password from this variable. Keep SMTP_SECRET unless your "
            ".env already uses another name."
        )
        secret_box = _stack(self.secret, self.secret_help, self.show_secret, self.secret_problem)
        keyring_box = _stack(self.remember, self.use_remembered, self.keyring_note, self.keyring_more)
        form = new_form()
        self.secret_label = add_row(form, "", secret_box, buddy=self.secret)
        # The variable's name is for experts (an .env that already uses another name): under "Advanced".
        var_box = QWidget()
        var_form = new_form()
        var_form.setContentsMargins(INDENT, 0, 0, 0)
        var_box.setLayout(var_form)
        self.var_label = add_row(var_form, "", self.var)
        self.advanced = Disclosure(var_box)
        keyring_box.setContentsMargins(INDENT, 0, 0, 0)
        self.hint = message_label()
        self._keyring_task: asyncio.Task[None] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        layout.addLayout(form)
        layout.addWidget(keyring_box)
        layout.addWidget(self.keep)
        layout.addWidget(self.none)
        layout.addWidget(self.advanced)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    # -- what the wizard asks ----------------------------------------------------------------------

    def first_field(self) -> QWidget | None:
        """The password field when a new one is to be typed, else the chosen option."""
        if self.source() is SecretSource.NEW:
            return self.secret
        return self._choices[self.source()]

    def field_widget(self, name: str) -> QWidget | None:
        return {"secret": self.secret, "secret_var": self.var.line}.get(name)

    def choice_widgets(self, name: str) -> dict[str, QAbstractButton]:
        return {str(s): button for s, button in self._choices.items()} if name == "secret_source" else {}

    def source(self) -> SecretSource:
        return SecretSource(self.flow.answers.secret_source)

    # -- the flow's answers --------------------------------------------------------------------------

    def _edited(self, name: str, value: str | bool) -> None:
        if self.wizard() is None or self.flow.value(name) == value:
            return
        self.flow.set(name, value)
        self.show_flow()

    def _var_edited(self, text: str) -> str | None:
        if self.wizard() is None:
            return None
        self._edited("secret_var", text)
        return next((q.problem for q in self.flow.questions(self.flow_page()) if q.name == "secret_var"), None)

    # -- presenting ------------------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.show_flow()
        self._ask_keyring()

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        questions = self.questions_by_name()
        for option in questions["secret_source"].options:
            button = self._choices[SecretSource(option.value)]
            button.setText(marked(option.label, f"secret_source.{option.value}"))
            button.setEnabled(option.enabled)
        self._choices[self.source()].setChecked(True)
        secret = questions.get("secret")
        # The field stays on the page with "keep" or "none" chosen: its label stays too (the flow's word).
        self.secret_label.setText(
            marked((secret.label if secret is not None else tr("flow.secret.secret")) + ":", "secret")
        )
        if secret is not None:
            self.secret.setAccessibleName(secret.label)
            describe(self.secret, self.secret_help, secret.help, secret.help)
            if self.secret.text() != secret.value:
                self.secret.setText(str(secret.value))
        else:  # the field is still there (typing chooses a new one): the flow's words for where it goes
            place = secret_place_words(flow.deployment)
            help_text = place[1] if place is not None else secret_help(flow)
            self.secret.setAccessibleName(tr("flow.secret.secret"))  # named while "keep" or "none" is chosen
            describe(self.secret, self.secret_help, help_text, help_text)
        problem = secret.problem if secret is not None else None
        self.secret_problem.setText(problem or "")
        self.secret_problem.setVisible(bool(problem))
        # The field stays open: typing in it chooses "enter a new one" (the flow's rule).
        var = questions.get("secret_var")
        self.var.setEnabled(var is not None)
        self.advanced.set_title(marked(tr("words_rev3.advanced"), "advanced"))
        if var is not None and var.problem:  # a problem under "Advanced" is not hidden
            self.advanced.set_open(True)
        self.var_label.setText(
            marked((var.label if var is not None else tr("flow.secret.secret_var")) + ":", "secret_var")
        )
        if var is not None:
            self.var.line.setAccessibleName(var.label)
            self.var.set_help(var.help, self._long_help)
            if self.var.text() != var.value:
                self.var.set_text(str(var.value))
        remember = questions.get("remember")
        self.remember.setVisible(remember is not None)
        if remember is not None:
            self.remember.setText(marked(remember.label, "remember"))
            self.remember.setToolTip(remember.help)
            if self.remember.isChecked() != bool(remember.value):
                self.remember.setChecked(bool(remember.value))
        actions = {action.id: action.label for action in flow.actions(self.flow_page())}
        self.use_remembered.setVisible("use_remembered" in actions)
        if "use_remembered" in actions:
            mark_yielding(self.use_remembered, actions["use_remembered"], "action.use_remembered")
        said = keyring_option.messages(flow)  # said next to the option
        keyring = [m.text for m in said]
        self.keyring_note.setText("\n".join(keyring))
        self.keyring_note.setVisible(bool(keyring))
        details = "\n".join(m.details for m in said if m.details)
        self.keyring_details.setText(details)
        self.keyring_more.set_title(marked(tr("words_rev3.more"), "more.keyring"))
        self.keyring_more.setVisible(bool(details))
        self.hint.setText("\n".join(m.text for m in flow.messages(self.flow_page()) if m.text not in keyring))
        self.completeChanged.emit()

    # -- the optional system keyring (a convenience for the wizard; the server reads .env) -------------

    def keyring_asked(self) -> bool:
        return self._keyring_task is not None and self._keyring_task.done()

    def _ask_keyring(self) -> None:
        """Whether a keyring can be offered, and what it remembers for this login and server (the flow asks
        it off the UI thread: a keyring may block on D-Bus or an unlock prompt); shown when answered."""
        if self._keyring_task is not None and not self._keyring_task.done():
            return
        if not self.flow.keyring.needs_asking(self.flow):
            return
        self._keyring_task = tasks.start(self._keyring_lookup(), "keyring lookup")

    async def _keyring_lookup(self) -> None:
        flow = self.flow
        await flow.ask_keyring()
        if isValid(self) and self.wizard() is not None:  # the window may have closed meanwhile
            self.show_flow()

    def _use_remembered(self) -> None:
        self.flow.act("use_remembered")
        self.show_flow()

    def _toggle_echo(self, shown: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
