"""The quick path (SPEC §6 rev 2): for a provider in the table, Welcome → Account (address and password) →
the live test with the table's server → Summary → Done in at most four presses of Next; "Change server
settings…" and the fix links open the pages it skipped."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from tests.support.certs import CertKind, TlsMaterial
from tests.support.loop_thread import LoopThread
from tests.support.servers import PASSWORD, SmtpServer
from tests.ui.driver import click, open_wizard, probe_finished, type_into, until
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard

PROVIDER_ADDRESS = "bom@gmail.com"  # in the provider table: smtp.gmail.com, 465, implicit TLS
PROVIDER_HOST = "smtp.gmail.com"


@pytest.fixture
def provider_server(server_loop: LoopThread, tls_material: TlsMaterial) -> Iterator[Callable[..., SmtpServer]]:
    """A loopback implicit-TLS server standing in for the table provider: its certificate names the
    provider's host, and `connect_to` sends the probe to 127.0.0.1 while TLS checks that name."""
    material = TlsMaterial(tls_material.ca, tls_material.unknown_ca, tls_material.ca_file, tls_material.unknown_ca_file)
    material._leaves[CertKind.TRUSTED] = tls_material.ca.issue_cert(PROVIDER_HOST)
    started: list[SmtpServer] = []

    def start(**options: Any) -> SmtpServer:
        options.setdefault("credentials", {PROVIDER_ADDRESS: PASSWORD})
        server = SmtpServer(server_loop, material, "smtps", **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class Presses:
    """Presses Next (or the Summary's commit button) as a person does, and counts the presses."""

    def __init__(self, qtbot: Any, wiz: SetupWizard) -> None:
        self.qtbot, self.wiz, self.count = qtbot, wiz, 0

    async def next(self, expect: PageId) -> None:
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
            button = self.wiz.button(which)
            if button.isVisible():
                break
        await until(button.isEnabled, what=f"{button.text()} to be enabled on page {self.wiz.currentId()}")
        click(self.qtbot, button)
        self.count += 1
        assert self.wiz.currentId() == expect, f"went to {self.wiz.currentId()}, expected {expect!r}"


def quick_wizard(qtbot: Any, config: Path, server: SmtpServer) -> SetupWizard:
    return open_wizard(qtbot, config, quick=True, ca_file=server.ca_file, connect_to=server.connect_to)


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
