"""Secret: the password or API key (masked, show toggle), keep the existing one, or none; the variable name."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget

from wizard.core.errors import ValidationError, WizardError
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import DEFAULT_SECRET_VAR, SecretSource, validate_secret, validate_var_name
from wizard.flow.content import secret_place_words
from wizard.flow.model import secret_stored
from wizard.ui import tasks
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import CheckedEdit, add_row, describe, help_label, message_label, new_form


def _var_problem(text: str) -> str | None:
    try:
        validate_var_name(text)
    except ValidationError as exc:
        return str(exc)
    return None


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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Password or API key"))
        self.setSubTitle(
            self.tr("The secret goes into a .env file next to config.toml; config.toml only refers to it.")
        )
        self._defaulted_for: tuple[bool, bool] | None = None
        self._preset = False  # a choice made by pre-filling wins over the defaults below
        self.new = QRadioButton(self.tr("&Enter a password or API key"))
        self.keep = QRadioButton(self.tr("&Keep the stored one (it is not shown)"))
        self.none = QRadioButton(self.tr("N&o password (a relay that needs no login)"))
        self.group = QButtonGroup(self)
        for button in (self.new, self.keep, self.none):
            self.group.addButton(button)
            button.toggled.connect(self._changed)

        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Password or API key"))
        self.secret.textChanged.connect(self._changed)
        self.show_secret = QCheckBox(self.tr("S&how"))
        self.show_secret.setAccessibleName(self.tr("Show the password"))
        self.show_secret.toggled.connect(self._toggle_echo)
        self.secret_problem = message_label(error=True)
        self.secret_problem.setVisible(False)
        self.var = CheckedEdit(_var_problem, self.tr("Variable name in .env"))
        self.var.set_text(DEFAULT_SECRET_VAR)
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
        describe(
            self.secret,
            self.secret_help,
            self.tr("The password of the mail account, or the app password or API key your provider gave you."),
            self.tr(
                "It is stored only in the .env file next to config.toml (and, if you choose, in the system "
                "keyring); config.toml refers to it by the variable name below. The wizard never shows it "
                "again and never puts it into logs or reports."
            ),
        )
        self.var.set_help(
            self.tr("The name under which the password is kept in .env."),
            self.tr(
                "BOMnipotent Server reads the password from this variable. Keep SMTP_SECRET unless your "
                ".env already uses another name."
            ),
        )
        self._standalone_words = (self.subTitle(), self.secret.whatsThis())
        secret_box = _stack(self.secret, self.secret_help, self.show_secret, self.secret_problem)
        keyring_box = _stack(self.remember, self.use_remembered, self.keyring_note)
        form = new_form()
        add_row(form, self.tr("&Password or API key:"), secret_box, buddy=self.secret)
        add_row(form, self.tr("&Variable name:"), self.var)
        keyring_box.setContentsMargins(24, 0, 0, 0)
        self.hint = message_label(
            self.tr(
                "Many providers want an app password or API key here rather than your normal password "
                "(for example Gmail with two-step verification, or SendGrid's API key)."
            )
        )
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
        self.registerField("secret_var", self.var.line)
        self.new.setChecked(True)

    # -- what the wizard asks ----------------------------------------------------------------------

    def first_field(self) -> QWidget | None:
        """The password field when a new one is to be typed, else the chosen option."""
        if self.new.isChecked():
            return self.secret
        return next((b for b in (self.keep, self.none) if b.isChecked()), self.new)

    def source(self) -> SecretSource:
        if self.keep.isChecked():
            return SecretSource.KEEP
        if self.none.isChecked():
            return SecretSource.NONE
        return SecretSource.NEW

    def value(self) -> Secret | None:
        """The secret the probe and the writer use: typed, or the kept one from .env (never shown)."""
        source = self.source()
        if source is SecretSource.NEW:
            return Secret(self.secret.text())
        existing = self.ctx.existing
        if source is SecretSource.KEEP and existing is not None:
            return existing.secret
        return None

    def choice_state(self) -> tuple[SecretSource, str, bool, tuple[bool, bool] | None]:
        """The choice, the typed secret and how the defaults were applied: carried over a page rebuild."""
        return self.source(), self.secret.text(), self._preset, self._defaulted_for

    def restore_choice_state(self, state: tuple[SecretSource, str, bool, tuple[bool, bool] | None]) -> None:
        source, text, self._preset, self._defaulted_for = state
        {SecretSource.NEW: self.new, SecretSource.KEEP: self.keep, SecretSource.NONE: self.none}[source].setChecked(
            True
        )
        self.secret.setText(text)

    def preset(self, source: SecretSource) -> None:
        buttons = {SecretSource.NEW: self.new, SecretSource.KEEP: self.keep, SecretSource.NONE: self.none}
        buttons[source].setChecked(True)
        self._preset = True

    # -- behaviour ---------------------------------------------------------------------------------

    def _can_keep(self) -> bool:
        return secret_stored(self.ctx.existing)  # the flow's rule: an empty stored secret is none

    def initializePage(self) -> None:
        can_keep, relay = self._can_keep(), bool(self.field("relay"))
        self.keep.setEnabled(can_keep)
        existing = self.ctx.existing
        if can_keep and existing is not None and existing.smtp is not None and existing.smtp.secret_var:
            self.keep.setText(
                self.tr("&Keep the stored one ({var} in .env; it is not shown)").format(var=existing.smtp.secret_var)
            )
        # Choose a sensible default once per situation; after that the user's choice stands.
        if not self._preset and self._defaulted_for != (can_keep, relay):
            self._defaulted_for = (can_keep, relay)
            if can_keep:
                self.keep.setChecked(True)
            elif relay:
                self.none.setChecked(True)
            else:
                self.new.setChecked(True)
        # a compose project's .env, not next to config.toml: the flow's words for the detected layout
        place = secret_place_words(self.ctx.deployment) or self._standalone_words
        self.setSubTitle(place[0])
        describe(self.secret, self.secret_help, self.secret_help.text(), place[1])
        self._ask_keyring()
        if self.ctx.provider_hint:
            self.hint.setText(tr(self.ctx.provider_hint))
        if not can_keep and self.keep.isChecked():
            self.new.setChecked(True)
        self._changed()

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
        login = str(self.field("user")).strip()
        host = str(self.field("host")).strip()
        self._keyring_task = tasks.start(self._keyring_lookup(login, host), "keyring lookup")

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
            self.new.setChecked(True)
            self.secret.setText(self._remembered.reveal())

    def _toggle_echo(self, shown: bool) -> None:
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    def _secret_error(self) -> str | None:
        if self.source() is not SecretSource.NEW:
            return None
        try:
            validate_secret(self.secret.text())
        except ValidationError as exc:
            return str(exc)
        return None

    def _changed(self) -> None:
        typing = self.source() is SecretSource.NEW
        for widget in (self.secret, self.show_secret, self.use_remembered):
            widget.setEnabled(typing)
        self.remember.setEnabled(typing and self._keyring_usable)
        self.var.setEnabled(self.source() is not SecretSource.NONE)
        error = self._secret_error()
        self.secret_problem.setText(error or "")
        self.secret_problem.setVisible(bool(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.source() is SecretSource.NONE:
            return True
        return self._secret_error() is None and self.var.is_valid()

    def nextId(self) -> int:
        return int(PageId.TEST)
