"""The language chosen on the Welcome page switches the whole wizard at once, keeping every value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, type_into
from wizard.core import i18n
from wizard.core.settings import Security
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


async def test_choosing_german_translates_every_page_and_keeps_the_values(
    qtbot: Any, tmp_path: Path, back_to_english: None
) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@example.com")
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "mail.example.com")
    type_into(qtbot, wiz.server.port, "587")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[Security.STARTTLS])
    for _ in range(3):
        click(qtbot, wiz.button(QWizard.WizardButton.BackButton))
    assert wiz.currentId() == PageId.WELCOME

    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData("de"))
    assert wiz.windowTitle() == "SMTP-Einrichtungsassistent"
    assert wiz.welcome.title() != "Set up outgoing mail"
    assert i18n.current_language() == "de"
    assert wiz.button(QWizard.WizardButton.NextButton).text() == "&Weiter >"  # Qt's own texts too
    await next_page(qtbot, wiz, PageId.SENDER)
    assert wiz.sender_page.title() == i18n.tr("flow.account.title") == "Ihr E-Mail-Konto"
    assert wiz.sender_page.address.text() == "bom@example.com"
    await next_page(qtbot, wiz, PageId.SERVER)
    assert (wiz.server.host.text(), wiz.server.port.value()) == ("mail.example.com", 587)
    await next_page(qtbot, wiz, PageId.SECURITY)
    assert wiz.security.security() is Security.STARTTLS
