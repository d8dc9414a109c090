"""Done: what was written where, what to do next, and in demo mode the test mail the demo server received."""

from __future__ import annotations

import asyncio

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from wizard.core.errors import WizardError
from wizard.ui import tasks
from wizard.ui.pages.base import Page
from wizard.ui.widgets import message_label


def readable_mail(raw: str) -> str:
    """The received mail as a person reads it: the main headers and the decoded body (the raw text shows
    quoted-printable escapes such as "k=C3=B6nnen" for every umlaut)."""
    from email import message_from_string, policy
    from email.message import EmailMessage

    message = message_from_string(raw, policy=policy.default)
    if not isinstance(message, EmailMessage):
        return raw
    body = message.get_body(preferencelist=("plain",))
    if body is None or not isinstance(body, EmailMessage):
        return raw
    headers = [f"{name}: {message[name]}" for name in ("Date", "From", "To", "Subject") if message[name]]
    return "\n".join(headers) + "\n\n" + str(body.get_content()).strip() + "\n"


class DonePage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Done"))
        self.setSubTitle(self.tr("What the wizard changed, and what to do next."))
        self.setFinalPage(True)
        self.written = message_label()
        self.written.setAccessibleName(self.tr("Files written"))
        self.next_steps = message_label()
        self.keyring = message_label()
        self.keyring.setVisible(False)
        self.mail_label = QLabel(self.tr("The demo mail server received this &test mail:"))
        self.mail = QPlainTextEdit()
        self.mail.setReadOnly(True)
        self.mail.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mail.setAccessibleName(self.tr("Received test mail"))
        self.mail_label.setBuddy(self.mail)
        layout = QVBoxLayout(self)
        layout.addWidget(self.written)
        layout.addWidget(self.next_steps)
        layout.addWidget(self.keyring)
        layout.addWidget(self.mail_label)
        layout.addWidget(self.mail, 1)
        layout.addStretch(1)  # without the demo mail, the texts stay together at the top
        self._layout = layout
        self._show_mail(False)

    def _show_mail(self, shown: bool) -> None:
        self.mail_label.setVisible(shown)
        self.mail.setVisible(shown)
        self._layout.setStretch(self._layout.count() - 1, 0 if shown else 1)

    def initializePage(self) -> None:
        ctx = self.ctx
        if ctx.written:
            files = "\n".join(f"• {path}" for path in ctx.written)
            written = self.tr("Written:\n{files}").format(files=files)
        else:
            written = self.tr("Nothing needed to change; the files are as they were.")
        if ctx.deployment is not None and not self.wiz().skipping():
            from wizard.core import i18n

            written += "\n\n" + i18n.tr("deployment.cli.layout", description=ctx.deployment.describe())
        self.written.setText(written)
        steps: list[str] = []
        if self.wiz().skipping():
            steps.append(self.tr("Run this wizard again as soon as you have a mail server."))
        elif ctx.written and ctx.deployment is not None:
            steps.extend(self._layout_steps())  # what makes the change take effect in this layout
        elif ctx.config_path in ctx.written:
            steps.append(self.tr("Restart BOMnipotent Server so it uses the new mail settings."))
        steps.extend(ctx.notes)
        self.next_steps.setText("\n".join(f"• {text}" for text in steps))
        if not self.wiz().skipping() and self.wiz().secret_page.remember_wanted():
            self.keyring.setText(self.tr("Saving the password in the system keyring…"))
            self.keyring.setVisible(True)
            tasks.start(self._remember(), "keyring remember")
        demo = ctx.demo
        if demo is not None and demo.received:
            self.mail.setPlainText(readable_mail(demo.received[-1]))
            self._show_mail(True)
        else:
            self._show_mail(False)

    def _layout_steps(self) -> list[str]:
        """The deployment layout and what makes the change take effect there (SPEC §3a)."""
        from wizard.core.deployment.next_steps import next_steps

        deployment = self.ctx.deployment
        assert deployment is not None
        send_to = self.wiz().test.send_to.text().strip() or None
        return next_steps(deployment, send_to)

    async def _remember(self) -> None:
        """After the files are written: the keyring is a convenience, its failure changes nothing written."""
        from wizard.core import keyring_store

        wiz, ctx = self.wiz(), self.ctx
        settings, secret = wiz.settings(), wiz.secret()
        if secret is None:
            return
        try:
            where = await asyncio.to_thread(
                keyring_store.remember,
                settings.user,
                settings.host,
                secret,
                backend=ctx.keyring_backend,
                allow_insecure=ctx.keyring_allow_insecure,
            )
        except WizardError as exc:
            where = str(exc)
        ctx.keyring_note = where
        self.keyring.setText(where)

    def nextId(self) -> int:
        return -1
