"""Demo mode end to end: scratch folder, embedded mail server, every page pre-filled, the mail shown last."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished
from wizard.core.i18n import tr
from wizard.demo.environment import DemoEnvironment
from wizard.ui.pages.ids import PageId


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    environment = DemoEnvironment()
    yield environment
    environment.close()


async def test_demo_walks_through_with_next_only_and_shows_the_received_mail(qtbot: Any, demo: DemoEnvironment) -> None:
    await demo.start()
    wiz = open_wizard(qtbot, demo.config_path, demo=demo)
    banner = wiz.welcome.demo_banner.text()
    assert str(demo.folder) in banner and demo.server.login in banner and demo.password in banner
    await pass_welcome(qtbot, wiz)
    # the demo server wants STARTTLS and a login, as a provider does: every page, every step of the test
    for page in (PageId.SERVER, PageId.SECURITY, PageId.SECRET, PageId.TEST):
        await next_page(qtbot, wiz, page)
    assert not wiz.server.relay.isChecked()
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.report.to_json()
    await next_page(qtbot, wiz, PageId.SUMMARY)
    await next_page(qtbot, wiz, PageId.DONE)
    assert wiz.done_page.mail.isVisible()
    assert "Subject:" in wiz.done_page.mail.toPlainText()
    assert tr("faces.mail.login", user=demo.server.login) in wiz.done_page.mail.toPlainText()
    assert wiz.done_page.temporary.isVisible() and wiz.done_page.temporary.text() == tr("faces.demo.temporary")
    assert all(demo.folder in path.parents for path in wiz.flow.done().written)
    smtp = tomllib.loads(demo.config_path.read_text())["smtp"]
    assert smtp["endpoint"] == f"smtp://127.0.0.1:{demo.server.port}?tls=required"
    click(qtbot, wiz.button(QWizard.WizardButton.FinishButton))


def test_demo_close_removes_the_scratch_folder() -> None:
    environment = DemoEnvironment()
    assert environment.config_path.is_file()
    environment.close()
    assert not environment.folder.exists()


def test_received_mail_is_shown_decoded() -> None:
    from email.message import EmailMessage

    from wizard.flow.outcome import readable_mail

    mail = EmailMessage()
    mail["Subject"] = "Testnachricht für BOMnipotent"
    mail["From"] = "bom@example.com"
    mail["To"] = "ops@example.com"
    mail.set_content("Wenn Sie diese Nachricht lesen können, funktioniert der Versand. " * 3, cte="quoted-printable")
    shown = readable_mail(mail.as_string())
    assert "Subject: Testnachricht für BOMnipotent" in shown
    assert "lesen können, funktioniert" in shown and "=C3" not in shown
