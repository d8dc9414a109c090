"""The quick path (SPEC §6 rev 2): for a provider in the table, Welcome → Account (address and password) →
the live test with the table's server → Summary → Done in at most four presses of Next; "Change server
settings…" and the fix links open the pages it skipped."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.support.servers import PASSWORD, SmtpServer
from tests.ui.driver import click, open_wizard, probe_finished, type_into, until
from tests.ui.quick import PROVIDER_ADDRESS, PROVIDER_HOST, Presses, quick_wizard
from wizard.ui.pages.ids import PageId


async def test_a_table_provider_is_written_after_at_most_four_presses_of_next(
    qtbot: Any, tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    server = provider_server()
    config = tmp_path / "config.toml"
    wiz = quick_wizard(qtbot, config, server)
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    account = wiz.sender_page
    assert account.password.isVisible()  # address and password on one page
    type_into(qtbot, account.address.line, PROVIDER_ADDRESS)
    assert "smtp.gmail.com" in account.provider.text()  # recognised while typing
    type_into(qtbot, account.password, PASSWORD)
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.report.to_json() if wiz.test.report else "no report"
    await presses.next(PageId.SUMMARY)
    await presses.next(PageId.DONE)
    assert presses.count <= 4
    smtp = tomllib.loads(config.read_text())["smtp"]
    assert smtp == {"user": PROVIDER_ADDRESS, "endpoint": PROVIDER_HOST, "secret": "${SMTP_SECRET}"}
    assert server.messages and server.messages[0].mail_from == PROVIDER_ADDRESS


async def test_change_server_settings_opens_the_server_page_with_the_tested_server(
    qtbot: Any, tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    server = provider_server()
    wiz = quick_wizard(qtbot, tmp_path / "config.toml", server)
    wiz.activateWindow()
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    type_into(qtbot, wiz.sender_page.address.line, PROVIDER_ADDRESS)
    type_into(qtbot, wiz.sender_page.password, PASSWORD)
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.change_server.isVisible()
    click(qtbot, wiz.test.change_server)
    assert wiz.currentId() == PageId.SERVER
    assert (wiz.server.host.text(), wiz.server.port.value()) == (PROVIDER_HOST, 465)
    await until(lambda: QApplication.focusWidget() is wiz.server.host.line, timeout=2, what="the server name")
    await presses.next(PageId.SECURITY)
    await presses.next(PageId.SECRET)
    assert wiz.secret_page.secret.text() == PASSWORD  # typed once, on the Account page
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed() and not wiz.test.change_server.isVisible()


async def test_a_wrong_password_fix_link_opens_the_skipped_secret_page(
    qtbot: Any, tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    server = provider_server()
    wiz = quick_wizard(qtbot, tmp_path / "config.toml", server)
    wiz.activateWindow()
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    type_into(qtbot, wiz.sender_page.address.line, PROVIDER_ADDRESS)
    type_into(qtbot, wiz.sender_page.password, "not-the-password")
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert not wiz.test.passed()
    click(qtbot, wiz.test.fix)  # "Change the password…"
    assert wiz.currentId() == PageId.SECRET
    await until(lambda: QApplication.focusWidget() is wiz.secret_page.secret, timeout=2, what="the password field")


async def test_an_address_outside_the_table_takes_the_full_route(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml", quick=True)
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    type_into(qtbot, wiz.sender_page.address.line, "bom@nowhere.invalid")
    type_into(qtbot, wiz.sender_page.password, PASSWORD)
    await presses.next(PageId.SERVER)  # no server known: ask for it
    assert not wiz.sender_page.provider.isVisible()


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_quick_paths_pages_have_one_mnemonic_per_letter(
    qtbot: Any, tmp_path: Path, provider_server: Callable[..., SmtpServer], lang: str
) -> None:
    from tests.ui.mnemonics import duplicates
    from wizard.core import i18n
    from wizard.ui.translation import remove_translators

    server = provider_server()
    wiz = quick_wizard(qtbot, tmp_path / "config.toml", server)
    try:
        wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
        presses = Presses(qtbot, wiz)
        await until(wiz.welcome.isComplete, what="the config file to be read")
        await presses.next(PageId.SENDER)
        type_into(qtbot, wiz.sender_page.address.line, PROVIDER_ADDRESS)
        type_into(qtbot, wiz.sender_page.password, "not-the-password")
        found = {"account": duplicates(wiz)}
        wiz.sender_page.not_address.setChecked(True)
        found["account, login"] = duplicates(wiz)
        wiz.sender_page.not_address.setChecked(False)
        type_into(qtbot, wiz.sender_page.address.line, PROVIDER_ADDRESS)
        await presses.next(PageId.TEST)
        await probe_finished(wiz)
        assert wiz.test.change_server.isVisible() and wiz.test.fix.isVisible()
        found["test, failed"] = duplicates(wiz)
    finally:
        remove_translators(QApplication.instance())
        i18n.set_language("en")
    assert not any(found.values()), found
