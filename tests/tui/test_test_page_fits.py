"""At 80×24, in German (the longest words), a failed test's verdict, its Retry and Details buttons and the
whole advice (down to the server's own words) are in view without scrolling; the steps the failure skipped
take one line of the checklist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.refusing_login import refusing_login_server
from tests.tui.driver import probe_finished, until_shown, wizard
from wizard.core import i18n
from wizard.flow import PageId


@pytest.fixture
def refusing_login() -> Iterator[int]:
    with refusing_login_server() as port:
        yield port


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
async def test_german_failed_test_shows_advice_and_buttons_at_80_by_24(tmp_path: Path, refusing_login: int) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    i18n.set_language("de")
    try:
        async with wizard(config, quick=False) as (app, pilot):
            flow = app.flow
            flow.advance()
            flow.set("user", "bom@example.com")
            flow.advance()
            flow.set("host", "127.0.0.1")
            flow.set("port", str(refusing_login))
            flow.set("relay", True)
            flow.advance()
            flow.set("secret_source", "new")
            flow.set("secret", "not the password")
            flow.advance()
            assert flow.page is PageId.TEST
            app.show_page()
            await probe_finished(app, pilot)
            assert flow.test is not None and not flow.test.passed
            # Every word checked below must be there at once (one screen, no scrolling); a repaint may lag.
            screen = await until_shown(
                app, pilot, flow.test.verdict(), i18n.tr("tui.retry"), i18n.tr("tui.details"), "Passwort ändern"
            )
            for line in flow.test.explanation():
                assert line.split()[-1] in screen, (line, screen)
            assert i18n.tr("tui.steps_skipped", count=4) in screen
    finally:
        i18n.set_language("en")
