"""German texts the German walk found English: the window title alone, the transcript's words, the reasons
email-validator gives for a refused address."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.driver import click, open_wizard, pass_welcome, probe_finished, type_into, walk_to_test_page
from tests.ui.servers import local_server
from wizard.core import i18n
from wizard.ui.translation import remove_translators
from wizard.ui.wizard import SetupWizard


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def german(qtbot: Any, config: Path, **options: Any) -> SetupWizard:
    wiz = open_wizard(qtbot, config, **options)
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData("de"))
    return wiz


async def test_the_german_window_title_stands_alone(qtbot: Any, tmp_path: Path, back_to_english: None) -> None:
    wiz = german(qtbot, tmp_path / "config.toml")
    assert wiz.windowTitle() == "SMTP-Einrichtungsassistent"
    assert QGuiApplication.applicationDisplayName() == wiz.windowTitle()  # Qt appends a different one


async def test_the_german_transcript_has_german_headings(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path, back_to_english: None
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = german(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", "not-the-password")
        await probe_finished(wiz)
    click(qtbot, wiz.test.details_button)
    details = wiz.test.details.toPlainText()
    assert details.startswith("SMTP-Test: fehlgeschlagen")
    assert "Gespräch mit dem Server:" in details and "transcript:" not in details


@pytest.mark.parametrize("address", ["bom test@example.com", ".bom@example.com", '"bom x"@example.com'])
async def test_a_refused_address_is_explained_in_german(
    qtbot: Any, tmp_path: Path, address: str, back_to_english: None
) -> None:
    wiz = german(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, address)
    message = wiz.sender_page.address.error() or ""
    assert "E-Mail-Adresse" in message
    assert "@-sign" not in message and "email address" not in message, message
