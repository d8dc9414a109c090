"""Sender: the address mail comes from, an optional display name, and the login (defaults to the address)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from wizard.core.errors import ValidationError
from wizard.core.settings import validate_address, validate_display_name, validate_login
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import CheckedEdit, add_row, message_label, new_form


def _address_problem(text: str) -> str | None:
    try:
        validate_address(text)
    except ValidationError as exc:
        return str(exc)
    return None


def _name_problem(text: str) -> str | None:
    try:
        validate_display_name(text)
    except ValidationError as exc:
        return str(exc)
    return None


def _login_problem(text: str) -> str | None:
    if not text.strip():
        return None  # empty: the sender address is the login
    try:
        validate_login(text)
    except ValidationError as exc:
        return str(exc)
    return None


class SenderPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sender"))
        self.setSubTitle(self.tr("Which address should the server's mail come from?"))
        self.address = CheckedEdit(_address_problem, self.tr("Sender address"))
        self.address.line.setPlaceholderText(self.tr("bom@yourdomain.com"))
        self.name = CheckedEdit(_name_problem, self.tr("Display name"))
        self.name.line.setPlaceholderText(self.tr("optional, for example “BOMnipotent”"))
        self.login = CheckedEdit(_login_problem, self.tr("Login name"))
        self.address.set_help(
            self.tr("Recipients see this address as the sender."),
            self.tr(
                "BOMnipotent Server sends its mail, for example the check of a new user's address, from this "
                "address. Take an address of a domain you control: most providers let you send only from the "
                "addresses of your own account."
            ),
        )
        self.name.set_help(
            self.tr("Shown next to the address in the recipient's mail program."),
            self.tr("Optional. A readable name such as “BOMnipotent” makes the mail easier to recognise."),
        )
        self.login.set_help(
            self.tr("The user name for logging in to the mail server."),
            self.tr(
                "Most providers take the full mail address as the login. Some use a fixed name instead, "
                "for example “apikey” at SendGrid, or a separate user name listed in their SMTP settings."
            ),
        )
        form = new_form()
        add_row(form, self.tr("Sender &address:"), self.address)
        add_row(form, self.tr("&Display name:"), self.name)
        add_row(form, self.tr("&Login name:"), self.login)
        hint = message_label(
            self.tr(
                "The login name is usually the address itself. Some services use another one, "
                "for example “apikey” at SendGrid. Leave it empty to use the address."
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        for edit in (self.address, self.name, self.login):
            edit.validity_changed.connect(self.completeChanged)
        self.address.line.textChanged.connect(self._sender_changed)
        self.registerField("sender*", self.address.line)
        self.registerField("sender_name", self.name.line)
        self.registerField("login", self.login.line)
        self._sender_changed(self.address.text())

    def _sender_changed(self, text: str) -> None:
        self.login.line.setPlaceholderText(text.strip() or self.tr("same as the sender address"))

    def isComplete(self) -> bool:
        return all(edit.is_valid() for edit in (self.address, self.name, self.login))

    def nextId(self) -> int:
        return int(PageId.SERVER)
