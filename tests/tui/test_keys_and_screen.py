"""Keyboard first, mouse too, 80×24, NO_COLOR, and a secret that stays hidden unless the user shows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from tests.support.servers import PASSWORD
from tests.tui.driver import enter, page_text, probe_finished, screen_text, type_into, until, until_shown, wizard
from wizard.core.i18n import tr
from wizard.flow import Flow, PageId
from wizard.tui.app import EXIT_CANCELLED, WizardApp
from wizard.tui.fields import safe_id


async def test_esc_goes_back_and_keeps_what_was_typed(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", "bom@example.org")
        await pilot.press("escape")
        await until(pilot, lambda: getattr(app.screen, "page", None) is PageId.WELCOME, what="Welcome")
        await enter(app, pilot, PageId.ACCOUNT)
        assert app.screen.query_one(f"#{safe_id('user')}", Input).value == "bom@example.org"


async def test_enter_is_refused_with_the_reason_while_the_page_is_invalid(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await pilot.press("enter")
        await pilot.pause()
        assert app.flow.page is PageId.ACCOUNT
        assert "Please enter" in screen_text(app) or app.flow.problems()[0] in page_text(app)


async def test_validation_shows_as_you_type_and_clears_when_valid(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", "bom@")
        assert "not a valid mail address" in page_text(app)
        await pilot.press(*"example.org")
        await pilot.pause()
        assert "not a valid mail address" not in page_text(app)


async def test_tab_moves_between_fields_and_the_mouse_presses_next(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        first = app.focused
        await pilot.press("tab")
        assert app.focused is not first
        await pilot.click("#next")
        await until(pilot, lambda: getattr(app.screen, "page", None) is PageId.ACCOUNT, what="Account")


async def test_the_secret_is_masked_until_shown(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "secret", PASSWORD)
        assert PASSWORD not in screen_text(app)
        await pilot.click("#show-secret")
        await until_shown(app, pilot, PASSWORD)


@pytest.mark.parametrize("language", ["en", "de"])
async def test_every_page_fits_80_by_24_with_its_buttons_in_view(
    tmp_path: Path, language: str, smtp_server: Callable[..., object]
) -> None:
    from wizard.core import i18n

    i18n.set_language(language)
    server = smtp_server("plain", auth=False)
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{server.port}"\n')  # type: ignore[attr-defined]
    flow = Flow(config, quick=False)
    app = WizardApp(flow)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(8):
            screen = app.screen
            next_button = screen.query_one("#next", Button)
            assert next_button.region.bottom <= 24 and next_button.region.right <= 80, flow.page
            assert next_button.region.width >= len(str(next_button.label)), flow.page
            if flow.page is PageId.DONE:
                break
            if flow.page is PageId.TEST:
                await probe_finished(app, pilot)
            page = flow.page
            await pilot.press("enter")
            await until(pilot, lambda page=page: getattr(app.screen, "page", None) is not page, what=f"past {page}")
        assert flow.page is PageId.DONE


async def test_no_color_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = WizardApp(Flow(tmp_path / "config.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
        assert "#0178d4" not in svg.lower()  # the accent blue of the title bar is gone


async def test_cancel_stops_a_test_that_hangs(tmp_path: Path, fault_server: Callable[..., object]) -> None:
    server = fault_server("silent")
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{server.port}"\n')  # type: ignore[attr-defined]
    async with wizard(config) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.TEST)
        await until(pilot, lambda: app.screen.query_one("#cancel-test", Button).display, what="Cancel")
        await until_shown(app, pilot, "…")  # the running step, its time counting
        await pilot.click("#cancel-test")
        await probe_finished(app, pilot)
        assert app.flow.test is not None and app.flow.test.cancelled
        assert app.screen.query_one("#retry", Button).display


async def test_the_first_page_shows_before_the_files_are_read_and_then_what_exists(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://localhost:2500"\n')
    seen: list[bool] = []
    flow = Flow(config, load=False)
    app = WizardApp(flow, on_shown=lambda: seen.append(flow.loaded))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: flow.loaded, what="the files to be read")
        await pilot.pause()
        assert seen == [False]  # the page was on screen before anything was read
        assert "bom@example.org" in page_text(app) and "Reading" not in page_text(app)


async def test_enter_on_a_choice_keeps_the_chosen_option(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml", quick=False) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", "bom@example.org")
        await enter(app, pilot, PageId.SERVER)
        await type_into(app, pilot, "host", "smtp.example.org")
        await type_into(app, pilot, "port", "2525")
        await enter(app, pilot, PageId.SECURITY)
        assert app.flow.answers.security == "starttls"
        assert app.focused is not None and app.focused.id == "q-security"
        await enter(app, pilot, PageId.SECRET)  # Enter alone: STARTTLS stays, the page is valid
        assert app.flow.answers.security == "starttls"


async def test_ctrl_c_cancels_a_test_that_hangs_and_the_key_line_says_so(
    tmp_path: Path, fault_server: Callable[..., object]
) -> None:
    server = fault_server("silent")
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{server.port}"\n')  # type: ignore[attr-defined]
    async with wizard(config) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.TEST)
        await until_shown(app, pilot, "…", tr("tui_fixes.keys_testing"))  # running, and how to stop it
        await pilot.press("ctrl+c")
        await probe_finished(app, pilot)
        assert app.flow.test is not None and app.flow.test.cancelled
        assert app.is_running  # only the test stopped: the wizard stays, with Retry
        assert app.screen.query_one("#retry", Button).display
        await until_shown(app, pilot, tr("tui.keys"))


@pytest.mark.parametrize("key", ["ctrl+c", "ctrl+q"])
async def test_quitting_before_the_end_is_cancelled_with_nothing_written(tmp_path: Path, key: str) -> None:
    config = tmp_path / "config.toml"
    async with wizard(config) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await pilot.press(key)
        await pilot.pause()
    assert app.return_value == EXIT_CANCELLED
    assert not config.exists()
