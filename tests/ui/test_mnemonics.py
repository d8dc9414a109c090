"""One mnemonic per letter on every page, in every state a page can be in, in English and German — the
wizard's own buttons included (Alt+N is always Next, Alt+B always Back)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, until
from tests.ui.mnemonics import duplicates, mnemonic, mnemonics
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core import i18n
from wizard.core.settings import Security
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators
from wizard.ui.wizard import SetupWizard


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def record(seen: dict[str, list[str]], name: str, wiz: SetupWizard) -> None:
    seen[name] = duplicates(wiz)
    letters = [letter for letter, _ in mnemonics(wiz)]
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    if next_button.isVisible():  # Alt+N in English, Alt+W ("&Weiter") in German
        assert mnemonic(next_button.text()) in letters, (name, "Next has no mnemonic")


async def walk(qtbot: Any, folder: Path, lang: str, server: Any, ca_file: Path, password: str) -> dict[str, list[str]]:
    """Every page, and the states that show more buttons (no mail server, login not an address, relay,
    each encryption choice, a failed test), with the duplicates found on each."""
    seen: dict[str, list[str]] = {}
    folder.mkdir()
    wiz = open_wizard(qtbot, folder / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    await until(wiz.welcome.isComplete, what="the config file to be read")
    record(seen, "welcome", wiz)
    click(qtbot, wiz.welcome.skip)
    record(seen, "welcome, no mail server", wiz)
    click(qtbot, wiz.welcome.skip)
    await pass_welcome(qtbot, wiz)
    record(seen, "sender", wiz)
    wiz.sender_page.not_address.setChecked(True)
    record(seen, "sender, login not an address", wiz)
    wiz.sender_page.not_address.setChecked(False)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    record(seen, "server", wiz)
    wiz.server.relay.setChecked(True)
    record(seen, "server, relay", wiz)
    wiz.server.relay.setChecked(False)
    type_into(qtbot, wiz.server.host.line, "localhost")
    type_into(qtbot, wiz.server.port, "465")
    await next_page(qtbot, wiz, PageId.SECURITY)
    for security in (Security.STARTTLS, Security.NONE, Security.SMTPS):
        click(qtbot, wiz.security._buttons[security])
        record(seen, f"security, {security}", wiz)
    await next_page(qtbot, wiz, PageId.SECRET)
    record(seen, "secret", wiz)
    type_into(qtbot, wiz.secret_page.secret, password)
    await next_page(qtbot, wiz, PageId.TEST)
    await probe_finished(wiz)
    click(qtbot, wiz.test.details_button)
    record(seen, "test, " + ("passed" if wiz.test.passed() else "failed"), wiz)
    if not wiz.test.passed():
        return seen
    await next_page(qtbot, wiz, PageId.SUMMARY)
    record(seen, "summary", wiz)
    await next_page(qtbot, wiz, PageId.DONE)
    record(seen, "done", wiz)
    return seen


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("password", [PASSWORD, "not-the-password"], ids=["passed", "failed"])
async def test_every_page_has_one_mnemonic_per_letter_including_the_wizards_buttons(
    qtbot: Any,
    tmp_path: Path,
    server_tls: ssl.SSLContext,
    ca_file: Path,
    lang: str,
    password: str,
    back_to_english: None,
) -> None:
    with local_server("smtps", server_tls) as server:
        seen = await walk(qtbot, tmp_path / lang, lang, server, ca_file, password)
    assert len(seen) >= 10
    clashes = [f"{page}: {clash}" for page, found in seen.items() for clash in found]
    assert not clashes, "\n".join(clashes)
