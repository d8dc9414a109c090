"""Done: what was written where, what to do next, and in demo mode the test mail the demo server received."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wizard.ui.pages.base import Page
from wizard.ui.widgets import message_label


class DonePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("What the wizard changed, and what to do next."))
        self.setFinalPage(True)
        self.written = message_label()
        self.written.setAccessibleName(self.tr("Files written"))
        self.next_steps = message_label()
        self.mail_label = QLabel(self.tr("The demo mail server received this &test mail:"))
        self.mail = QPlainTextEdit()
        self.mail.setReadOnly(True)
        self.mail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mail.setAccessibleName(self.tr("Received test mail"))
        self.mail_label.setBuddy(self.mail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.written)
        layout.addWidget(self.next_steps)
        layout.addWidget(self.mail_label)
        layout.addWidget(self.mail, 1)
        self._show_mail(False)

    def _show_mail(self, shown: bool) -> None:
        self.mail_label.setVisible(shown)
        self.mail.setVisible(shown)

    def initializePage(self) -> None:
        ctx = self.ctx
        if ctx.written:
            files = "\n".join(f"• {path}" for path in ctx.written)
            self.written.setText(self.tr("Written:\n{files}").format(files=files))
        else:
            self.written.setText(self.tr("Nothing needed to change; the files are as they were."))
        steps = list(ctx.notes)
        if self.wiz().skipping():
            steps.append(self.tr("Run this wizard again as soon as you have a mail server."))
        else:
            steps.append(self.tr("Restart BOMnipotent Server so it uses the new mail settings."))
        self.next_steps.setText("\n".join(f"• {text}" for text in steps))
        demo = ctx.demo
        if demo is not None and demo.received:
            self.mail.setPlainText(demo.received[-1])
            self._show_mail(True)
        else:
            self._show_mail(False)

    def nextId(self) -> int:
        return -1
