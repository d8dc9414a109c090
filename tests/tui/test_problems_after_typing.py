"""The terminal wizard's Account page does not greet with "enter an address": the empty field's problem
shows after Enter was refused (or after typing), in German too."""

from __future__ import annotations

from pathlib import Path

from tests.tui.driver import enter, screen_text, until, wizard
from wizard.core import i18n
from wizard.flow import PageId


async def test_german_account_page_shows_the_required_error_only_after_trying_to_go_on(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    i18n.set_language("de")
    try:
        async with wizard(config, quick=False) as (app, pilot):
            await enter(app, pilot, PageId.ACCOUNT)
            required = i18n.tr("validation.address_empty")  # "Bitte geben Sie eine E-Mail-Adresse ein."
            assert required not in screen_text(app)
            await pilot.press("enter")
            await until(pilot, lambda: required in screen_text(app), what="the required error after Enter")
            assert app.flow.page is PageId.ACCOUNT
    finally:
        i18n.set_language("en")
