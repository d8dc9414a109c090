"""Validation as you type (a message under the field, Next disabled), impossible combinations explained,
Back keeping every value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWizard

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, type_into, until
from wizard.core.settings import Security
from wizard.ui.pages.ids import PageId


async def test_invalid_address_shows_why_under_the_field_and_blocks_next(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    type_into(qtbot, wiz.sender_page.address.line, "bom@")
    assert wiz.sender_page.address.message.isVisible()
    assert "bom@" in wiz.sender_page.address.message.text()
    assert not next_button.isEnabled()
    qtbot.keyClicks(wiz.sender_page.address.line, "example.com")
    assert not wiz.sender_page.address.message.isVisible()
    assert next_button.isEnabled()


async def test_host_with_a_scheme_is_explained(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@example.com")
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "smtps://mail.example.com")
    assert "://" in wiz.server.host.message.text()
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()


async def test_implicit_tls_on_another_port_is_explained_and_fixed_by_a_button(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@example.com")
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "mail.example.com")
    type_into(qtbot, wiz.server.port, "2465")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[Security.SMTPS])
    assert "465" in wiz.security.problem.text() and "2465" in wiz.security.problem.text()
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wiz.flow.value("port") == "2465"  # explained, not silently rewritten
    click(qtbot, wiz.security.use_465)
    assert wiz.flow.value("port") == "465"
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()


async def test_back_keeps_every_value(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    click(qtbot, wiz.sender_page.not_address)
    type_into(qtbot, wiz.sender_page.address.line, "apikey")
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "smtp.example.net")
    type_into(qtbot, wiz.server.port, "587")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[Security.STARTTLS])
    await next_page(qtbot, wiz, PageId.SECRET)
    type_into(qtbot, wiz.secret_page.secret, "k3y")
    for _ in range(4):
        click(qtbot, wiz.button(QWizard.WizardButton.BackButton))
    assert wiz.currentId() == PageId.WELCOME
    for page in (PageId.SENDER, PageId.SERVER, PageId.SECURITY, PageId.SECRET):
        await next_page(qtbot, wiz, page)
    settings = wiz.settings()
    assert settings.user == "apikey" and wiz.sender_page.not_address.isChecked()
    assert (settings.host, settings.port, settings.security) == ("smtp.example.net", 587, Security.STARTTLS)
    assert wiz.secret() is not None and wiz.secret().reveal() == "k3y"


async def test_relay_path_skips_the_security_page(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@example.com")
    await next_page(qtbot, wiz, PageId.SERVER)
    click(qtbot, wiz.server.relay)
    assert (wiz.server.host.text(), wiz.server.port.value()) == ("localhost", 25)
    await next_page(qtbot, wiz, PageId.SECRET)
    assert wiz.secret_page.none.isChecked()
    assert wiz.security.security() is Security.NONE


async def test_unparsable_config_is_reported_with_its_location_and_blocks_next(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://x"\n[smtp\n')
    wiz = open_wizard(qtbot, config)
    await until(lambda: wiz.welcome._loaded_for is not None, what="the config to be read")
    assert wiz.welcome.problem.isVisible()
    assert f"{config}, line 2, column 6" in wiz.welcome.problem.text()
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()
