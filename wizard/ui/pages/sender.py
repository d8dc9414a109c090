"""Sender: the flow's Account page — the mail address BOMnipotent sends from, which is also its login at the
mail server (SPEC §2 rev 2); on the quick path the password too.

The server's `[smtp]` has no sender key: it sends as `user`. A provider login that is not an address
(SendGrid's `apikey`) is an explicit option, shown only with the warning of what it means. Every word, value
and problem shown is the flow's; the page only lays it out.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wizard.flow.questions import Level, Question
from wizard.ui import tasks
from wizard.ui.mnemonic import mark_yielding, marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.style import SPACE_TIGHT, Status, color_css
from wizard.ui.widgets import CheckedEdit, add_row, describe, help_label, message_label, new_form

if TYPE_CHECKING:
    from wizard.flow.flow import Flow


class SenderPage(Page):
    page_id = PageId.SENDER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.not_address = QCheckBox()
        self.address = CheckedEdit(lambda text: self._edited_text("user", text), "")
        self._long_help = self.tr(
            "BOMnipotent Server logs in with this name and sends its mail, for example the check of a new "
            "user's address, from it: its settings have no separate sender. Take an address of a domain you "
            "control, whose mailbox is the account at your mail provider."
        )
        self.warning = message_label()
        self.warning.setStyleSheet(color_css(Status.FAIL))
        self.warning.setVisible(False)
        # The quick path (SPEC §6 rev 2): the password on this page too, and the provider recognised as the
        # user types (the flow's provider table at once, live discovery after a pause).
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(self.tr("S&how"))
        self.show_password.setAccessibleName(self.tr("Show the password"))
        self.show_password.toggled.connect(
            lambda shown: self.password.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        )
        self.password_help = help_label()
        password_row = QWidget()
        row = QHBoxLayout(password_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.password, 1)
        row.addWidget(self.show_password)
        password_box = QWidget()
        column = QVBoxLayout(password_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE_TIGHT)
        column.addWidget(password_row)
        column.addWidget(self.password_help)
        self.provider = message_label()
        self.provider.setAccessibleName(self.tr("Recognised mail server"))
        self.provider.setVisible(False)
        # The quick path's way to the pages it skips (the flow's action), as on the Test page.
        self.change_server = QPushButton()
        self.change_server.clicked.connect(lambda: self.wiz().open_server_settings())
        form = new_form()
        self.address_label: QLabel = add_row(form, "", self.address)
        self.password_label = add_row(form, "", password_box, buddy=self.password)
        self._password_box = password_box
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.provider)
        layout.addWidget(self.not_address)
        layout.addWidget(self.warning)
        layout.addWidget(self.change_server, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._discover_task: asyncio.Task[Any] | None = None
        self._discover_timer = QTimer(self)
        self._discover_timer.setSingleShot(True)
        self._discover_timer.setInterval(800)  # discovery starts when the user pauses typing
        self._discover_timer.timeout.connect(self._discover)
        self.address.validity_changed.connect(self.completeChanged)
        self.password.textChanged.connect(lambda text: self._edited("secret", text))
        self.not_address.toggled.connect(lambda on: self._edited("login_differs", on))

    def first_field(self) -> QWidget | None:
        return self.address.line

    def field_widget(self, name: str) -> QWidget | None:
        return {"user": self.address.line, "secret": self.password, "login_differs": self.not_address}.get(name)

    # -- the flow's answers --------------------------------------------------------------------------

    def _edited_text(self, name: str, text: str) -> str | None:
        """The address as typed goes to the flow; its problem (shown under the field) is the flow's."""
        if self.wizard() is None:
            return None
        self._edited(name, text)
        return next((q.problem for q in self._questions() if q.name == name), None)

    def _edited(self, name: str, value: str | bool) -> None:
        if self.wizard() is None:
            return
        flow = self.flow
        if flow.value(name) == value:
            return
        flow.set(name, value)
        self.show_flow()
        tasks.stop(self._discover_task)
        if flow.wants_discovery() and not flow.suggestions and not flow.problems(self.flow_page()):
            self._discover_timer.start()
        self.wiz().update_next_label()

    def _questions(self) -> list[Question]:
        return self.flow.questions(self.flow_page())

    # -- presenting ------------------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.show_flow()

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        questions = self.questions_by_name()
        user = questions["user"]
        login = bool(flow.answers.login_differs)
        self.address_label.setText(marked(user.label + ":", "login" if login else "user"))
        self.address.line.setAccessibleName(user.label)
        self.address.line.setPlaceholderText(user.placeholder)
        self.address.set_help(user.help, self._long_help)
        if self.address.text() != user.value:
            self.address.set_text(str(user.value))
        else:
            self.address.revalidate()
        differs = questions["login_differs"]
        self.not_address.setText(marked(differs.label, "login_differs"))
        self.not_address.setToolTip(differs.help)
        if self.not_address.isChecked() != bool(differs.value):
            self.not_address.setChecked(bool(differs.value))
        secret = questions.get("secret")
        self.password_label.setVisible(secret is not None)
        self._password_box.setVisible(secret is not None)
        if secret is not None:
            self.password_label.setText(marked(secret.label + ":", "secret"))
            self.password.setAccessibleName(secret.label)
            self.password.setPlaceholderText(secret.placeholder)
            describe(self.password, self.password_help, secret.help, secret.help)
            if self.password.text() != secret.value:
                self.password.setText(str(secret.value))
        messages = flow.messages(self.flow_page())
        warnings = [m.text for m in messages if m.level is Level.WARNING]
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        infos = [m.text for m in messages if m.level is not Level.WARNING]
        self.provider.setText("\n".join(infos))
        self.provider.setVisible(bool(infos))
        actions = {action.id: action.label for action in flow.actions(self.flow_page())}
        self.change_server.setVisible("change_server" in actions)
        if "change_server" in actions:
            mark_yielding(self.change_server, actions["change_server"], "action.change_server")

    # -- discovery while typing (the quick path) -------------------------------------------------------

    def _discover(self) -> None:
        flow = self.flow
        if not flow.wants_discovery() or flow.suggestions:
            return
        self._discover_task = tasks.start(self._discover_and_show(flow), "discover while typing")

    async def _discover_and_show(self, flow: Flow) -> None:
        await flow.discover(on_change=self._found)
        self._found()  # also when nothing was found: the status must not stay "looking up…"

    def _found(self) -> None:
        if self.wizard() is not None:
            self.show_flow()
            self.wiz().update_next_label()

    def validatePage(self) -> bool:
        tasks.stop(self._discover_task)
        self._discover_timer.stop()
        return super().validatePage()

    def cleanupPage(self) -> None:
        tasks.stop(self._discover_task)
        super().cleanupPage()
