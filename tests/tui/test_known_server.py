"""The terminal wizard's Account page names the server the existing setup already has (EN and DE), never
"No server found", also after the address is edited; Enter then goes to the test with that server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flow.test_known_server_is_not_looked_up import EXISTING
from tests.tui.driver import enter, page_text, type_into, wizard
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.screens import DISCOVERY_PAUSE


@pytest.mark.parametrize("language", ["en", "de"])
async def test_account_page_names_the_known_server_instead_of_none_found(tmp_path: Path, language: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(EXISTING)
    i18n.set_language(language)
    options = {"use_dns": False, "deadline": 1, "stagger": 0}  # were anything looked up: loopback only
    try:
        async with wizard(config, auto_discover=True, discovery_options=options) as (app, pilot):
            await enter(app, pilot, PageId.ACCOUNT)
            await type_into(app, pilot, "user", "bom@example.org")
            await pilot.pause(DISCOVERY_PAUSE + 0.5)  # past the pause after which discovery would start
            text = page_text(app)
            assert i18n.tr("flow.account.known_server", host="127.0.0.1", port="2525") in text
            assert i18n.tr("flow.server.detect_none") not in text
            assert app.flow.account_target() is PageId.TEST
    finally:
        i18n.set_language("en")
