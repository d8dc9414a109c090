"""Keyboard only: on an existing setup Alt+N alone goes through every page and Alt+F writes on the Summary;
every page puts the focus where typing continues; a fix link focuses the field it is about."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from tests.ui.driver import click, open_wizard, pass_welcome, probe_finished, type_into, until, walk_to_test_page
from tests.ui.servers import PASSWORD, local_server
from wizard.core import dotenv
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard

CONFIG = """\
[smtp]
user = "bom@example.com"
endpoint = "smtp://127.0.0.1:{port}?tls=required"
secret = "${{MAIL_PASSWORD}}"
"""


def existing_setup(folder: Path, port: int) -> Path:
    config = folder / "config.toml"
    config.write_text(CONFIG.format(port=port))
    (folder / ".env").write_text(dotenv.set_variable("", "MAIL_PASSWORD", PASSWORD).text)
    (folder / ".env").chmod(0o600)
    return config


def expected_focus(wiz: SetupWizard) -> dict[PageId, QWidget]:
    return {
        PageId.WELCOME: wiz.welcome.path_edit,
        PageId.SENDER: wiz.sender_page.address.line,
        PageId.SERVER: wiz.server.host.line,
        PageId.SECURITY: wiz.security._buttons[wiz.security.chosen()],
        PageId.SECRET: wiz.secret_page.keep,  # the stored secret is kept: that choice, not an empty field
        PageId.TEST: wiz.test.send_to.line,
        PageId.SUMMARY: wiz.button(QWizard.WizardButton.CommitButton),
        PageId.DONE: wiz.button(QWizard.WizardButton.FinishButton),
    }


async def alt(qtbot: Any, wiz: SetupWizard, key: Qt.Key, expect: PageId) -> None:
    """Press Alt+`key` where the focus is, as a person does, and check the page it led to."""
    target = QApplication.focusWidget() or wiz
    qtbot.keyClick(target, key, Qt.KeyboardModifier.AltModifier)
    await until(lambda: wiz.currentId() == expect, what=f"Alt+{key.name} to lead to {expect!r}")


async def walk_with_alt_n(qtbot: Any, wiz: SetupWizard, on_page: Any) -> None:
    wiz.activateWindow()
    await until(wiz.welcome.isComplete, what="the config to be read")
    await on_page(PageId.WELCOME)
    for page in (PageId.SENDER, PageId.SERVER, PageId.SECURITY, PageId.SECRET, PageId.TEST):
        await alt(qtbot, wiz, Qt.Key.Key_N, page)
        await on_page(page)
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.report.to_json() if wiz.test.report else "no report"
    await alt(qtbot, wiz, Qt.Key.Key_N, PageId.SUMMARY)
    await on_page(PageId.SUMMARY)
    await alt(qtbot, wiz, Qt.Key.Key_F, PageId.DONE)
    await on_page(PageId.DONE)


async def test_alt_n_alone_walks_an_existing_setup_and_alt_f_writes_it(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("starttls", server_tls) as server:
        config = existing_setup(tmp_path, server.port)
        wiz = open_wizard(qtbot, config, ca_file=ca_file)

        async def nothing(page: PageId) -> None:
            pass

        await walk_with_alt_n(qtbot, wiz, nothing)
        assert server.inbox.messages  # the test mail went out
    assert wiz.done_page.isVisible()
    assert wiz.done_page.written.text()  # Alt+F committed: the Done page says what was written (here: nothing new)


async def test_every_page_focuses_where_typing_continues_on_arrival(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    focused: dict[PageId, tuple[QWidget | None, QWidget]] = {}
    with local_server("starttls", server_tls) as server:
        wiz = open_wizard(qtbot, existing_setup(tmp_path, server.port), ca_file=ca_file)

        async def check(page: PageId) -> None:
            want = expected_focus(wiz)[page]
            await until(lambda: QApplication.focusWidget() is want, timeout=10, what=f"focus on {page!r}")
            focused[page] = (QApplication.focusWidget(), want)

        await walk_with_alt_n(qtbot, wiz, check)
    assert set(focused) == set(PageId)


async def test_a_fix_link_focuses_the_field_it_is_about(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        wiz.activateWindow()
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", "not-the-password")
        await probe_finished(wiz)
        click(qtbot, wiz.test.fix)  # "Change the password…"
        assert wiz.currentId() == PageId.SECRET
        await until(lambda: QApplication.focusWidget() is wiz.secret_page.secret, timeout=10, what="the password field")
        qtbot.keyClicks(QApplication.focusWidget(), PASSWORD)  # typing is not lost
        assert wiz.secret_page.secret.text() == PASSWORD


async def test_the_server_name_link_focuses_the_server_name(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file)
    wiz.activateWindow()
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@example.com")
    await alt(qtbot, wiz, Qt.Key.Key_N, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "no-such-host.invalid")
    wiz.button(QWizard.WizardButton.NextButton).setFocus()
    wiz.flow.focus = "host"  # what "Change the server name…" does (flow.act("fix")), from wherever the focus was
    wiz.follow_flow()
    await until(lambda: QApplication.focusWidget() is wiz.server.host.line, timeout=10, what="the server name")
