"""Sender: the mail address BOMnipotent sends from, which is also its login at the mail server (SPEC §2 rev 2).

The server's `[smtp]` has no sender key: it sends as `user`. So there is one field. A provider login that is
not an address (SendGrid's `apikey`) is an explicit option, shown only with the warning of what it means.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from wizard.core.errors import ValidationError
from wizard.core.settings import validate_user
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import ERROR_COLOR, CheckedEdit, add_row, message_label, new_form


class SenderPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Sender"))
        self.setSubTitle(
            self.tr("Which address should the server's mail come from? It is also the login at your mail server.")
        )
        self.not_address = QCheckBox(self.tr("&My login at the mail server is not my mail address"))
        self.address = CheckedEdit(self._problem, self.tr("Mail address"))
        self.address.line.setPlaceholderText(self.tr("bom@yourdomain.com"))
        self._describe_field(login_not_address=False)
        self.not_address.setToolTip(
            self.tr("Some providers issue a login such as “apikey” (SendGrid) or an Amazon SES user name.")
        )
        self.warning = message_label(
            self.tr(
                "BOMnipotent sends its mail as its login, and this login is not a mail address: most mail "
                "servers will refuse such a sender. Two ways out: an account whose login is your address, or "
                "the local relay from the BOMnipotent documentation (msmtpd with its own SMTP_FROM). Continue "
                "only if your mail server accepts this login as the sender."
            )
        )
        self.warning.setStyleSheet(f"color: {ERROR_COLOR};")
        self.warning.setVisible(False)
        form = new_form()
        self.address_label: QLabel = add_row(form, self.tr("&Address:"), self.address)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.not_address)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.address.validity_changed.connect(self.completeChanged)
        self.not_address.toggled.connect(self._mode_changed)
        self.registerField("user*", self.address.line)
        self.registerField("login_not_address", self.not_address)

    def first_field(self) -> QWidget | None:
        return self.address.line

    def _problem(self, text: str) -> str | None:
        """An address, unless the user said the login is not one; then any login the server can send."""
        try:
            validate_user(text, require_address=not self.not_address.isChecked())
        except ValidationError as exc:
            return str(exc)
        return None

    def _mode_changed(self, login_not_address: bool) -> None:
        self.warning.setVisible(login_not_address)
        self.address_label.setText(self.tr("&Login name:") if login_not_address else self.tr("&Address:"))
        self.address.line.setAccessibleName(self.tr("Login name") if login_not_address else self.tr("Mail address"))
        self.address.line.setPlaceholderText("apikey" if login_not_address else self.tr("bom@yourdomain.com"))
        self._describe_field(login_not_address)
        self.address.revalidate()

    def _describe_field(self, login_not_address: bool) -> None:
        long = self.tr(
            "BOMnipotent Server logs in with this name and sends its mail, for example the check of a new "
            "user's address, from it: its settings have no separate sender. Take an address of a domain you "
            "control, whose mailbox is the account at your mail provider."
        )
        if login_not_address:
            self.address.set_help(self.tr("BOMnipotent logs in with this name and sends its mail as it."), long)
        else:
            self.address.set_help(self.tr("Recipients see this address as the sender; it is also the login."), long)

    def use_login(self, login: str) -> None:
        """A provider's fixed login (e.g. `apikey`): it becomes `user`, with the warning shown."""
        self.not_address.setChecked(True)
        self.address.set_text(login)

    def isComplete(self) -> bool:
        return self.address.is_valid()

    def nextId(self) -> int:
        return int(PageId.SERVER)
