"""Keys typed back to back into the GUI land in the field focus was in when each was typed: QTest key clicks
with no wait between them (address, Tab, password, Enter; host, Tab, port, Enter; ...), on every page with
fields, English and German."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.driver import open_wizard, until
from wizard.core import i18n
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators

ADDRESS = "bom@example.org"
PASSWORD = "secretpw with spaces!"
TAB, ENTER, SELECT_ALL = "<tab>", "<enter>", "<select all>"


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def burst(qtbot: Any, *keys: str) -> None:
    """Every key to the widget focused when it is typed, with no pause and no event processing between."""
    for key in keys:
        if key == TAB:
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        elif key == ENTER:
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
        elif key == SELECT_ALL:
            qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        else:
            qtbot.keyClicks(focused(), key)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_bursts_of_keys_land_in_their_fields_on_every_page(
    qtbot: Any, tmp_path: Path, lang: str, back_to_english: None
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = open_wizard(qtbot, tmp_path / "elsewhere.toml", quick=True)
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    wiz.activateWindow()
    await until(wiz.welcome.isComplete, what="the files read")
    wiz.welcome.path_edit.setFocus()
    burst(qtbot, SELECT_ALL, str(config), ENTER)
    await until(lambda: wiz.currentId() == PageId.SENDER, what="the account page")
    assert wiz.flow.answers.config_path == str(config)

    await until(lambda: focused() is wiz.sender_page.address.line, what="the address field focused")
    burst(qtbot, ADDRESS, TAB, PASSWORD, ENTER)
    assert wiz.sender_page.address.line.text() == ADDRESS and wiz.sender_page.password.text() == PASSWORD
    assert (wiz.flow.answers.user, wiz.flow.answers.secret) == (ADDRESS, PASSWORD)
    await until(lambda: wiz.currentId() == PageId.SERVER, what="the server page")

    await until(lambda: focused() is wiz.server.host.line, what="the host field focused")
    burst(qtbot, "127.0.0.1", TAB, SELECT_ALL, "10587", ENTER)
    assert (wiz.server.host.line.text(), wiz.server.port.value()) == ("127.0.0.1", 10587)
    assert (wiz.flow.answers.host, wiz.flow.answers.port) == ("127.0.0.1", "10587")
    await until(lambda: wiz.currentId() == PageId.SECURITY, what="the security page")

    wiz.flow.set("security", "starttls")
    wiz.security.show_flow()
    burst(qtbot, ENTER)
    await until(lambda: wiz.currentId() == PageId.SECRET, what="the secret page")
    secret = wiz.secret_page.secret
    secret.setFocus()
    burst(qtbot, SELECT_ALL, PASSWORD[::-1], ENTER)
    assert secret.text() == PASSWORD[::-1] and wiz.flow.answers.secret == PASSWORD[::-1]
    assert all(PASSWORD[::-1] not in w.text() for w in wiz.findChildren(type(secret)) if w is not secret)
