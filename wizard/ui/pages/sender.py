"""Sender: the mail address BOMnipotent sends from, which is also its login at the mail server (SPEC §2 rev 2).

The server's `[smtp]` has no sender key: it sends as `user`. So there is one field. A provider login that is
not an address (SendGrid's `apikey`) is an explicit option, shown only with the warning of what it means.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.core.settings import validate_user
from wizard.ui import tasks
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import ERROR_COLOR, CheckedEdit, add_row, describe, help_label, message_label, new_form

if TYPE_CHECKING:
    from wizard.flow.flow import Flow


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
        # The quick path (SPEC §6 rev 2): the password on this page too, and the provider recognised as the
        # user types (the flow's provider table at once, live discovery after a pause).
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("flow.account.secret"))
        self.show_password = QCheckBox(self.tr("S&how"))
        self.show_password.setAccessibleName(self.tr("Show the password"))
        self.show_password.toggled.connect(
            lambda shown: self.password.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        )
        self.password_help = help_label()
        describe(self.password, self.password_help, tr("flow.account.secret_help"), tr("flow.account.secret_help"))
        password_row = QWidget()
        row = QHBoxLayout(password_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.password, 1)
        row.addWidget(self.show_password)
        password_box = QWidget()
        column = QVBoxLayout(password_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(password_row)
        column.addWidget(self.password_help)
        self.provider = message_label()
        self.provider.setAccessibleName(self.tr("Recognised mail server"))
        self.provider.setVisible(False)
        form = new_form()
        self.address_label: QLabel = add_row(form, self.tr("&Address:"), self.address)
        self.password_label = add_row(form, self.tr("&Password or API key:"), password_box, buddy=self.password)
        self._password_box = password_box
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.provider)
        layout.addWidget(self.not_address)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self._discover_task: asyncio.Task[Any] | None = None
        self._discover_timer = QTimer(self)
        self._discover_timer.setSingleShot(True)
        self._discover_timer.setInterval(800)  # discovery starts when the user pauses typing
        self._discover_timer.timeout.connect(self._discover)
        self.address.validity_changed.connect(self.completeChanged)
        self.address.line.textChanged.connect(self._typed)
        self.password.textChanged.connect(self._typed)
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

    # -- the quick path ------------------------------------------------------------------------------

    def initializePage(self) -> None:
        quick = self.wiz().on_quick_path()
        self.password_label.setVisible(quick)
        self._password_box.setVisible(quick)
        if quick:
            flow = self.wiz().route_flow()
            self.password.setPlaceholderText(
                tr(
                    "flow.account.secret_kept"
                    if flow is not None and flow.can_keep_secret
                    else "flow.account.secret_placeholder"
                )
            )
        self._typed()

    def flow(self) -> Flow | None:
        """The UI-free flow that decides the route (None on the full route)."""
        return self.wiz().route_flow() if self.wiz().on_quick_path() else None

    def _sync(self, flow: Flow) -> None:
        """The answers on this page, as typed, into the flow (it recognises the provider from them)."""
        flow.set("login_differs", self.not_address.isChecked())
        flow.set("user", self.address.text())
        flow.set("secret", self.password.text())

    def _typed(self) -> None:
        flow = self.flow() if self.wizard() is not None else None
        if flow is None:
            self.provider.setVisible(False)
            return
        self._sync(flow)
        from wizard.flow.questions import Level

        # The flow's words for what it recognised (provider, its login hint); the login warning is shown above.
        infos = [m.text for m in flow.messages() if m.level is not Level.WARNING]
        self.provider.setText("\n".join(infos) or flow.detect_status)
        self.provider.setVisible(bool(self.provider.text()))
        tasks.stop(self._discover_task)
        if self.wiz().live_discovery and self.ctx.demo is None and self.address.is_valid() and not flow.suggestions:
            self._discover_timer.start()
        self.wiz().update_next_label()

    def _discover(self) -> None:
        flow = self.flow()
        if flow is None or flow.suggestions:
            return
        self._discover_task = tasks.start(flow.discover(on_change=self._typed_found), "discover while typing")

    def _typed_found(self) -> None:
        flow = self.flow()
        if flow is not None and flow.suggestions:
            best = flow.suggestions[flow.best_suggestion() or 0]
            self.provider.setText(
                self.tr("Found: {host}, port {port}, {security}.").format(
                    host=best.host, port=best.port, security=tr(f"discovery.security.{best.security}")
                )
            )
            self.provider.setVisible(True)
        self.wiz().update_next_label()

    def quick_target(self) -> PageId:
        """Where Next leads: the live test when the flow knows the server (quick path), else the Server page."""
        flow = self.flow()
        if flow is None or not self.isComplete():
            return PageId.SERVER
        return PageId(int(PageId.TEST)) if flow.account_target().value == "test" else PageId.SERVER

    def validatePage(self) -> bool:
        tasks.stop(self._discover_task)
        self._discover_timer.stop()
        flow = self.flow()
        if flow is not None:
            self._sync(flow)
            self.wiz().take_account(flow, self.password.text(), to_test=self.quick_target() is PageId.TEST)
        return True

    def cleanupPage(self) -> None:
        tasks.stop(self._discover_task)

    def isComplete(self) -> bool:
        return self.address.is_valid()

    def nextId(self) -> int:
        return int(self.quick_target())
