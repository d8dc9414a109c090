"""Done: what was written where, what to do next, and in demo mode the test mail the demo server received."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget
from shiboken6 import isValid

from wizard.core import i18n
from wizard.core.i18n import tr
from wizard.ui import tasks
from wizard.ui.mnemonic import marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.style import SPACE, SPACE_GROUP, Status, color_css
from wizard.ui.text_views import bullet_list
from wizard.ui.widgets import message_label


def _heading(text: str = "") -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def _bullets(items: list[str]) -> str:
    return bullet_list(items)


class DonePage(Page):
    """The flow's last page (`Flow.done()`). Three short lists at the top of the page (written, backups, next
    steps), each under its heading; the demo's received mail, when there is one, takes the rest of the
    height. Nothing floats: every label sits at the top of its own space."""

    page_id = PageId.DONE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFinalPage(True)
        # saved without a passing test: how it ended and how to test later, first on the page
        self.untested = message_label()
        self.untested.setStyleSheet(color_css(Status.FAIL))
        self.untested.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the command
        self.untested.setVisible(False)
        self.temporary = message_label()  # demo mode: the files vanish with the window
        self.temporary.setVisible(False)
        self.written_heading = _heading(tr("flow.done.written"))
        self.written = message_label()
        self.written.setAccessibleName(self.tr("Files written"))
        self.backups_heading = _heading(tr("flow.done.backups"))
        self.backups = message_label()
        self.deployment = message_label()
        self.next_heading = _heading(tr("flow.done.next"))
        self.next_steps = message_label()
        self.next_steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # commands to copy
        self.keyring = message_label()
        self.keyring.setVisible(False)
        self.mail_label = QLabel(marked(tr("flow.done.demo_mail"), "done.demo_mail"))
        self.mail = QPlainTextEdit()
        self.mail.setReadOnly(True)
        self.mail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mail.setAccessibleName(self.tr("Received test mail"))
        self.mail_label.setBuddy(self.mail)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE)
        layout.addWidget(self.untested)
        for widget in (self.written_heading, self.written, self.temporary):
            layout.addWidget(widget)
        layout.addSpacing(SPACE_GROUP)
        for widget in (self.backups_heading, self.backups):
            layout.addWidget(widget)
        layout.addSpacing(SPACE_GROUP)
        layout.addWidget(self.deployment)
        layout.addSpacing(SPACE_GROUP)
        for widget in (self.next_heading, self.next_steps, self.keyring):
            layout.addWidget(widget)
        layout.addSpacing(SPACE_GROUP)
        layout.addWidget(self.mail_label)
        layout.addWidget(self.mail, 1)
        self._end = QWidget()  # takes the free height when there is no mail to show
        layout.addWidget(self._end, 1)
        for label in self.findChildren(QLabel):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._show_mail(False)

    def _show_mail(self, shown: bool) -> None:
        self.mail_label.setVisible(shown)
        self.mail.setVisible(shown)
        self._end.setVisible(not shown)

    def initializePage(self) -> None:
        self.show_flow()
        if self.flow.keyring.wanted(self.flow):
            self.keyring.setText(tr("tui_parity.keyring.saving"))
            self.keyring.setVisible(True)
            tasks.start(self._remember(), "keyring remember")

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        view = flow.done()
        if view.written:
            self.written.setText(_bullets([str(path) for path in view.written]))
        else:
            self.written.setText(i18n.tr("flow.done.nothing"))
        self.untested.setText("\n".join(view.untested))
        self.untested.setVisible(bool(view.untested))
        self.temporary.setText(view.temporary)
        self.temporary.setVisible(bool(view.temporary))
        self.backups.setText(_bullets([str(path) for path in view.backups]))
        for widget in (self.backups_heading, self.backups):
            widget.setVisible(bool(view.backups))
        deployment = flow.deployment
        self.deployment.setVisible(deployment is not None and not flow.answers.skip)
        if deployment is not None:
            self.deployment.setText(i18n.tr("deployment.cli.layout", description=deployment.describe()))
        steps = view.next_steps + [note for note in view.notes if note not in view.next_steps]
        self.next_steps.setText(_bullets(steps))
        for widget in (self.next_heading, self.next_steps):
            widget.setVisible(bool(steps))
        self.mail.setPlainText(view.demo_mail)
        self._show_mail(bool(view.demo_mail))

    async def _remember(self) -> None:
        """After the files are written (the flow's keyring option): its failure changes nothing written."""
        where = await self.flow.remember_in_keyring()
        if isValid(self) and self.wizard() is not None:  # the window may have closed meanwhile
            self.ctx.keyring_note = where
            self.keyring.setText(where)

    def isComplete(self) -> bool:
        return True  # Finish closes the wizard: nothing is left to answer

    def validatePage(self) -> bool:
        return True
