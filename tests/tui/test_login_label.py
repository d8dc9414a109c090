"""Ticking "My login is not my mail address" relabels the field with the flow's question, as the GUI does
(tests/ui/test_sender_is_user.py): "Login name" / "Anmeldename"; unticking gives the address label back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Static

from tests.tui.driver import enter, screen_text, until, wizard
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.app import WizardApp
from wizard.tui.fields import safe_id


def shown_label(app: WizardApp) -> str:
    """The label the terminal shows above the address field."""
    label = app.screen.query_one("#block-user .label", Static)
    return str(label.render())


def flow_label(app: WizardApp) -> str:
    return next(q.label for q in app.flow.questions() if q.name == "user")


@pytest.mark.parametrize("language", ["en", "de"])
async def test_the_login_field_takes_its_label_from_the_flow_when_login_differs(tmp_path: Path, language: str) -> None:
    i18n.set_language(language)
    try:
        async with wizard(tmp_path / "config.toml") as (app, pilot):
            await enter(app, pilot, PageId.ACCOUNT)
            address = i18n.tr("flow.account.user")
            assert shown_label(app) == address == flow_label(app)
            box = app.screen.query_one(f"#{safe_id('login_differs')}", Checkbox)
            box.focus()
            await pilot.press("space")
            login = i18n.tr("flow.account.login")
            await until(pilot, lambda: shown_label(app) == login, what="the login label")
            assert login in screen_text(app) and flow_label(app) == login
            assert app.screen.query_one(f"#{safe_id('user')}", Input).placeholder == "apikey"
            await pilot.press("space")
            await until(pilot, lambda: shown_label(app) == address, what="the address label again")
    finally:
        i18n.set_language("en")
