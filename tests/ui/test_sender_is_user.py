"""The Sender page asks for one thing, the address that is also the login: BOMnipotent sends as `user` (SPEC §2
rev 2). A login that is not an address is an explicit option that shows what it means."""

from __future__ import annotations

import email
import email.policy
import ssl
import tomllib
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWizard

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, walk_to_test_page
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.ui.pages.ids import PageId


async def test_the_sender_page_has_one_field_the_address_that_is_the_login(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    inputs = [line for line in wiz.sender_page.findChildren(QLineEdit) if line.isVisibleTo(wiz.sender_page)]
    assert inputs == [wiz.sender_page.address.line]
    assert not wiz.sender_page.warning.isVisible()


async def test_a_login_that_is_not_an_address_is_refused_until_the_option_is_chosen(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    page = wiz.sender_page
    type_into(qtbot, page.address.line, "apikey")
    assert not page.isComplete() and page.address.message.isVisible()
    click(qtbot, page.not_address)
    assert page.isComplete() and not page.address.message.isVisible()
    warning = page.warning.text()
    assert page.warning.isVisible()
    assert "not an address" in warning and "refuse" in warning and "msmtpd" in warning
    assert page.address_label.text() == "&Login name:"


async def test_from_header_and_mail_from_of_the_test_mail_are_the_written_user(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.verdict.text()
        assert wiz.test.send_to.text() == LOGIN  # the recipient defaults to `user`, an address
        await next_page(qtbot, wiz, PageId.SUMMARY)
        await next_page(qtbot, wiz, PageId.DONE)
        click(qtbot, wiz.button(QWizard.WizardButton.FinishButton))
    written = tomllib.loads(config.read_text())["smtp"]["user"]
    message = email.message_from_string(server.inbox.messages[0], policy=email.policy.default)
    assert str(message["From"]) == written == LOGIN
    assert server.inbox.mail_froms == [written]


async def test_an_existing_login_that_is_not_an_address_pre_fills_the_option_with_its_warning(
    qtbot: Any, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "apikey"\nendpoint = "smtp.sendgrid.net"\n')
    wiz = open_wizard(qtbot, config)
    await pass_welcome(qtbot, wiz)
    page = wiz.sender_page
    assert (page.address.text(), page.not_address.isChecked()) == ("apikey", True)
    assert page.warning.isVisible() and page.isComplete()
    await next_page(qtbot, wiz, PageId.SERVER)
    assert wiz.settings().user == "apikey"


def _mnemonics(wiz: Any) -> list[str]:
    """The mnemonic letters of the visible labels and buttons on the current page and of the wizard's buttons."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = wiz.currentPage()
    widgets = [w for w in page.findChildren(QLabel) if w.isVisibleTo(page) and w.buddy() is not None]
    widgets += [w for w in page.findChildren(QAbstractButton) if w.isVisibleTo(page)]
    widgets += [wiz.button(which) for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton)]
    letters = []
    for widget in widgets:
        text = widget.text().replace("&&", "")
        if "&" in text:
            letters.append(text[text.index("&") + 1].lower())
    return letters


async def test_the_sender_page_has_one_mnemonic_per_letter_in_both_modes_and_languages(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from wizard.core import i18n
    from wizard.ui.translation import switch_language

    for lang in ("en", "de"):
        switch_language(QApplication.instance(), lang)
        i18n.set_language(lang)
        try:
            wiz = open_wizard(qtbot, tmp_path / f"{lang}.toml")
            await pass_welcome(qtbot, wiz)
            for login_not_address in (False, True):
                wiz.sender_page.not_address.setChecked(login_not_address)
                letters = _mnemonics(wiz)
                assert len(letters) == len(set(letters)) >= 4, (lang, login_not_address, letters)
        finally:
            switch_language(QApplication.instance(), "en")
            i18n.set_language("en")
