"""Keys typed back to back, faster than a page refreshes, land in the field focus was in when each was typed:
the terminal wizard through its pilot with whole bursts handed to the application at once (address, Tab,
password, Enter; host, Tab, port, Enter; ...) on every page with fields, English and German."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import probe_finished, until, wizard
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.app import WizardApp
from wizard.tui.fields import safe_id

OTHER_RECIPIENT = "postmaster@example.com"
KEY_NAMES = ("tab", "enter", "escape", "ctrl+u")


def burst(app: WizardApp, *keys: str) -> None:
    """Hand every key to the application at once, as a terminal does when keys arrive in one read: no pause,
    no waiting for a refresh between them. A key is a key name ("tab", "ctrl+u") or a text typed as is."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        typed = [(key, None)] if key in KEY_NAMES else [(c if c.isalnum() else _character_to_key(c), c) for c in key]
        for name, char in typed:
            event = events.Key(name, char)
            event.set_sender(app)
            driver.send_message(event)


async def on_page(app: WizardApp, pilot: object, page: PageId) -> None:
    await until(
        pilot,
        lambda: app.flow.page is page and getattr(app.screen, "page", None) is page,  # type: ignore[arg-type]
        what=f"page {page} (on {app.flow.page}; refused: {app.flow.problems()})",
    )


def field(app: WizardApp, name: str) -> str:
    return app.screen.query_one(f"#{safe_id(name)}", Input).value


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_bursts_of_keys_land_in_their_fields_on_every_page(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer], lang: str
) -> None:
    i18n.set_language(lang)
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    async with wizard(tmp_path / "elsewhere.toml", ca_file=server.ca_file) as (app, pilot):
        await until(pilot, lambda: app.flow.loaded, what="the files read")
        burst(app, "ctrl+u", str(config), "enter")
        await on_page(app, pilot, PageId.ACCOUNT)
        assert app.flow.answers.config_path == str(config)

        burst(app, LOGIN, "tab", PASSWORD, "enter")
        await on_page(app, pilot, PageId.SERVER)
        assert (app.flow.answers.user, app.flow.answers.secret) == (LOGIN, PASSWORD)

        burst(app, "127.0.0.1", "tab", "ctrl+u", str(server.port), "enter")
        await on_page(app, pilot, PageId.SECURITY)
        assert (app.flow.answers.host, app.flow.answers.port) == ("127.0.0.1", str(server.port))
        app.flow.set("security", "starttls")
        burst(app, "enter")
        await on_page(app, pilot, PageId.SECRET)

        # source, secret, its "show" tick, "Advanced" (Enter opens it), the variable name under it
        burst(app, "tab", "ctrl+u", PASSWORD[::-1], "tab", "tab", "enter", "tab", "ctrl+u", "MAIL_SECRET", "enter")
        await on_page(app, pilot, PageId.TEST)
        assert (app.flow.answers.secret, app.flow.answers.secret_var) == (PASSWORD[::-1], "MAIL_SECRET")

        await probe_finished(app, pilot)
        burst(app, "ctrl+u", OTHER_RECIPIENT, "tab")
        await until(pilot, lambda: app.flow.answers.send_to == OTHER_RECIPIENT, what="the recipient")
        assert field(app, "send_to") == OTHER_RECIPIENT


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_a_password_typed_right_after_the_address_never_shows_in_the_address_field(
    lang: str, tmp_path: Path
) -> None:
    i18n.set_language(lang)
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await until(pilot, lambda: app.flow.loaded, what="the files read")
        burst(app, "enter")
        await on_page(app, pilot, PageId.ACCOUNT)
        burst(app, LOGIN, "tab", PASSWORD)
        await until(pilot, lambda: app.flow.answers.secret == PASSWORD, what="the password")
        await pilot.pause(0.3)
        assert field(app, "user") == LOGIN and app.flow.answers.user == LOGIN
        assert app.focused is app.screen.query_one(f"#{safe_id('secret')}", Input)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_keys_typed_ahead_of_a_page_change_land_on_the_next_page(lang: str, tmp_path: Path) -> None:
    """Enter, then at once the next page's keys: they wait for that page instead of going to the one leaving."""
    i18n.set_language(lang)
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await until(pilot, lambda: app.flow.loaded, what="the files read")
        burst(app, "enter", LOGIN, "tab", PASSWORD)
        await until(pilot, lambda: app.flow.answers.secret == PASSWORD, what="the password on the Account page")
        assert (app.flow.page, app.flow.answers.user) == (PageId.ACCOUNT, LOGIN)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_esc_then_enter_typed_at_once_go_back_and_forward_again(lang: str, tmp_path: Path) -> None:
    i18n.set_language(lang)
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await until(pilot, lambda: app.flow.loaded, what="the files read")
        burst(app, "enter")
        await on_page(app, pilot, PageId.ACCOUNT)
        burst(app, "escape", "enter", "escape")  # Back, Next, Back: none lost to a page that was leaving
        await on_page(app, pilot, PageId.WELCOME)
        await pilot.pause(0.6)
        assert app.flow.page is PageId.WELCOME and not app.flow.history
