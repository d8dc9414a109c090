"""The GUI's Sender page does not greet with "Please enter a mail address": an empty field's message shows
after the user edited it (Next stays disabled meanwhile), as in the flow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.driver import open_wizard, pass_welcome


async def test_empty_address_shows_no_message_on_arrival_but_after_clearing_it(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    page = wiz.sender_page
    assert page.address.text() == "" and not page.isComplete()
    assert not page.address.message.isVisible()
    qtbot.keyClicks(page.address.line, "a")
    qtbot.keyClick(page.address.line, Qt.Key.Key_Backspace)
    assert page.address.message.isVisible() and page.address.message.text()
