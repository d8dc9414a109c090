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

from wizard.core.errors import WizardError
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource
from wizard.flow.content import secret_place_words
from wizard.ui import tasks
from wizard.ui.mnemonic import marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import CheckedEdit, add_row, describe, help_label, message_label, new_form


def _stack(*widgets: QWidget) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
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

        self.remember = QCheckBox(self.tr("Also re&member it in the system keyring"))
        self.remember.setEnabled(False)  # until the keyring has been asked whether it is usable
        self.use_remembered = QPushButton(self.tr("&Use the password remembered in the keyring"))
        self.use_remembered.setVisible(False)
        self.use_remembered.clicked.connect(self._use_remembered)
        self.keyring_note = message_label()
        # One form row per input, the check boxes and messages stacked under it: hidden extra rows would
        # still take their spacing.
        self.secret_help = help_label()
        self._long_help = self.tr(
            "BOMnipotent Server reads the password from this variable. Keep SMTP_SECRET unless your "
            ".env already uses another name."
        )
        secret_box = _stack(self.secret, self.secret_help, self.show_secret, self.secret_problem)
        keyring_box = _stack(self.remember, self.use_remembered, self.keyring_note)
        form = new_form()
        self.secret_label = add_row(form, "", secret_box, buddy=self.secret)
        self.var_label = add_row(form, "", self.var)
        keyring_box.setContentsMargins(24, 0, 0, 0)
        self.hint = message_label()
        self._keyring_task: asyncio.Task[None] | None = None
        self._remembered: Secret | None = None
        self._keyring_usable = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        layout.addLayout(form)
        layout.addWidget(keyring_box)
        layout.addWidget(self.keep)
        layout.addWidget(self.none)
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
        self.setTitle(flow.title(self.flow_page()))
        self.setSubTitle(flow.subtitle(self.flow_page()))
        questions = {q.name: q for q in flow.questions(self.flow_page())}
        for option in questions["secret_source"].options:
            button = self._choices[SecretSource(option.value)]
            button.setText(marked(option.label, f"secret_source.{option.value}"))
            button.setEnabled(option.enabled)
        self._choices[self.source()].setChecked(True)
        typing = "secret" in questions
        secret = questions.get("secret")
        if secret is not None:
            self.secret_label.setText(marked(secret.label + ":", "secret"))
            self.secret.setAccessibleName(secret.label)
            describe(self.secret, self.secret_help, secret.help, secret.help)
            if self.secret.text() != secret.value:
                self.secret.setText(str(secret.value))
        else:  # the field is still there (typing chooses a new one): the flow's words for where it goes
            place = secret_place_words(flow.deployment)
            help_text = place[1] if place is not None else tr("flow.secret.secret_help")
            describe(self.secret, self.secret_help, help_text, help_text)
        problem = secret.problem if secret is not None else None
        self.secret_problem.setText(problem or "")
        self.secret_problem.setVisible(bool(problem))
        # The field stays open: typing in it chooses "enter a new one" (the flow's rule).
        self.remember.setEnabled(typing and self._keyring_usable)
        var = questions.get("secret_var")
        self.var.setEnabled(var is not None)
        if var is not None:
            self.var_label.setText(marked(var.label + ":", "secret_var"))
            self.var.line.setAccessibleName(var.label)
            self.var.set_help(var.help, self._long_help)
            if self.var.text() != var.value:
                self.var.set_text(str(var.value))
        self.hint.setText("\n".join(m.text for m in flow.messages(self.flow_page())))
        self.completeChanged.emit()

    # -- the optional system keyring (a convenience for the wizard; the server reads .env) -------------

    def keyring_asked(self) -> bool:
        return self._keyring_task is not None and self._keyring_task.done()

    def remember_wanted(self) -> bool:
        return self.remember.isEnabled() and self.remember.isChecked() and self.source() is SecretSource.NEW

    def _ask_keyring(self) -> None:
        """Whether a keyring can be offered, and a secret remembered for this login and server; off the UI
        thread, because a keyring may block (D-Bus, an unlock prompt)."""
        if self._keyring_task is not None and not self._keyring_task.done():
            return
        a = self.flow.answers
        self._keyring_task = tasks.start(self._keyring_lookup(a.user.strip(), a.host.strip()), "keyring lookup")

    async def _keyring_lookup(self, login: str, host: str) -> None:
        from wizard.core import keyring_store

        backend, insecure = self.ctx.keyring_backend, self.ctx.keyring_allow_insecure
        try:
            status = await asyncio.to_thread(keyring_store.keyring_status, backend, allow_insecure=insecure)
            self._keyring_usable = status.usable
            self.remember.setEnabled(status.usable and self.source() is SecretSource.NEW)
            self.remember.setToolTip(status.backend)
            self.keyring_note.setText(status.reason)
            remembered = None
            if status.usable:
                remembered = await asyncio.to_thread(
                    keyring_store.recall, login, host, backend=backend, allow_insecure=insecure
                )
        except WizardError as exc:  # a locked or broken keyring: say so, the option stays off
            self._keyring_usable = False
            self.remember.setEnabled(False)
            self.keyring_note.setText(str(exc))
            return
        self._remembered = remembered
        self.use_remembered.setVisible(remembered is not None)

    def _use_remembered(self) -> None:
        if self._remembered is not None:
            self.flow.set("secret_source", "new")
            self.flow.set("secret", self._remembered.reveal())
            self.show_flow()

    def _toggle_echo(self, shown: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
