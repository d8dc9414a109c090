"""The wizard works from the keyboard alone: label mnemonics focus their fields, Enter goes on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.driver import open_wizard, pass_welcome
from wizard.ui.pages.ids import PageId


async def test_mnemonics_focus_the_fields_and_enter_goes_to_the_next_page(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    wiz.activateWindow()
    await pass_welcome(qtbot, wiz)
    page = wiz.sender_page
    qtbot.keyClick(wiz, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # "&My login ... is not my mail address"
    qtbot.waitUntil(page.not_address.isChecked, timeout=15000)  # a mnemonic clicks a button with a short animation
    assert page.warning.isVisible()
    qtbot.keyClick(wiz, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not page.not_address.isChecked(), timeout=15000)
    qtbot.keyClick(wiz, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # "&Address:"
    assert page.address.line.hasFocus()
    qtbot.keyClicks(page.address.line, "bom@example.com")
    qtbot.keyClick(page.address.line, Qt.Key.Key_Return)
    assert wiz.currentId() == PageId.SERVER
    assert wiz.flow.value("user") == "bom@example.com"
