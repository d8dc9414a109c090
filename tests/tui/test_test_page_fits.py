"""At 80×24, in German (the longest words), a failed test's verdict, its Retry and Details buttons and the
whole advice (down to the server's own words) are in view without scrolling; the steps the failure skipped
take one line of the checklist. Every button is wholly on screen, in English and German, on the quick path
and the full route; actions that do not fit beside Back and Next wrap onto rows above them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.flow.test_retry_without_password import relay_setup
from tests.support.refusing_login import refusing_login_server
from tests.support.servers import SmtpServer
from tests.tui.driver import SIZE, enter, probe_finished, screen_text, type_into, until_shown, wizard
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.app import WizardApp


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
            # (the advice is scrolled into view once the test's worker has ended: wait for its last words too)
            ends = [line.split()[-1] for line in flow.test.explanation()]
            screen = await until_shown(
                app, pilot, flow.test.verdict(), i18n.tr("tui.retry"), i18n.tr("tui.details"), "Passwort ändern", *ends
            )
            for line in flow.test.explanation():
                assert line.split()[-1] in screen, (line, screen)
            assert i18n.tr("tui.steps_skipped", count=4) in screen
    finally:
        i18n.set_language("en")


async def relay_failed_test(app: WizardApp, pilot: Pilot[int], *, quick: bool) -> None:
    """A relay on loopback with a password typed (it offers no login): the test fails and offers the most
    buttons at once — the fix link and "Retry without a password" next to Back and Next."""
    flow = app.flow
    if quick:
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "secret", "geheim")
        await enter(app, pilot, PageId.TEST)
    else:
        while flow.page is not PageId.SECRET:
            flow.advance()
        flow.set("secret_source", "new")
        flow.set("secret", "geheim")
        flow.advance()
        app.show_page()
    await probe_finished(app, pilot)
    assert flow.test is not None and not flow.test.passed
    assert {a.id for a in flow.actions()} >= {"fix", "retry_no_password"}


BOTTOM_ROWS = "#buttons Button, #action-rows Button"


def buttons_cut_off(app: WizardApp, width: int, height: int, selector: str) -> list[str]:
    """The shown buttons matching `selector` that are not wholly on the screen."""
    screen = screen_text(app)
    cut = []
    for button in app.screen.query(selector):
        if not button.display:
            continue
        label = str(button.label)
        region = button.region
        inside = region.x >= 0 and region.right <= width and 0 <= region.y < height
        if not inside or region.width < len(label) + 2 or label not in screen:
            cut.append(f"{label!r} at {region}")
    return cut


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("quick", [True, False], ids=["quick path", "full route"])
async def test_every_button_of_a_failed_test_is_wholly_on_screen_at_80_by_24(
    quick: bool, language: str, tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    i18n.set_language(language)
    server = smtp_server("plain", auth=False)
    try:
        async with wizard(relay_setup(tmp_path, server.port), quick=quick) as (app, pilot):
            await relay_failed_test(app, pilot, quick=quick)
            await until_shown(app, pilot, i18n.tr("tui.next"), i18n.tr("flow.fix.retry_no_password"))
            assert buttons_cut_off(app, *SIZE, f"{BOTTOM_ROWS}, #test-buttons Button") == []
    finally:
        i18n.set_language("en")


async def test_actions_that_do_not_fit_beside_back_and_next_wrap_onto_rows_above_them(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    i18n.set_language("de")
    server = smtp_server("plain", auth=False)
    try:
        async with wizard(relay_setup(tmp_path, server.port), size=(50, 24)) as (app, pilot):
            await relay_failed_test(app, pilot, quick=True)
            await until_shown(app, pilot, i18n.tr("tui.next"), i18n.tr("flow.fix.retry_no_password"))
            rows = app.screen.query(".action-row")
            assert len(rows) == 2  # the fix link and "Retry without a password" do not fit one row of 50
            assert [b.id for b in app.screen.query("#buttons Button")] == ["back", "next"]
            assert buttons_cut_off(app, 50, 24, BOTTOM_ROWS) == []
            back = app.screen.query_one("#back").region
            assert all(row.region.bottom <= back.y for row in rows)  # above Back and Next, in reading order
    finally:
        i18n.set_language("en")
