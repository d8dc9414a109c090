"""Leaving the terminal wizard (SPEC §12 rev 3, §6/§10): Esc is Back on every page (on the first page it asks
whether to quit), Ctrl+Q and Ctrl+C ask before answers given are thrown away (Stay is the default; Esc in the
question stays; Ctrl+Q again quits), and nothing is asked before any answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button

from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, probe_finished, type_into, until, wizard
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.app import EXIT_CANCELLED, WizardApp
from wizard.tui.quit_screen import QuitScreen

FULL_ROUTE = [
    PageId.WELCOME,
    PageId.ACCOUNT,
    PageId.SERVER,
    PageId.SECURITY,
    PageId.SECRET,
    PageId.TEST,
    PageId.SUMMARY,
]


async def walk_to_summary(app: WizardApp, pilot: object, port: int) -> None:
    await enter(app, pilot, PageId.ACCOUNT)  # type: ignore[arg-type]
    await type_into(app, pilot, "user", LOGIN)  # type: ignore[arg-type]
    await enter(app, pilot, PageId.SERVER)  # type: ignore[arg-type]
    await type_into(app, pilot, "host", "127.0.0.1")  # type: ignore[arg-type]
    await type_into(app, pilot, "port", str(port))  # type: ignore[arg-type]
    await enter(app, pilot, PageId.SECURITY)  # type: ignore[arg-type]
    app.flow.set("security", "starttls")
    await enter(app, pilot, PageId.SECRET)  # type: ignore[arg-type]
    await type_into(app, pilot, "secret", PASSWORD)  # type: ignore[arg-type]
    await enter(app, pilot, PageId.TEST)  # type: ignore[arg-type]
    await probe_finished(app, pilot)  # type: ignore[arg-type]
    assert app.flow.test_passed()
    await enter(app, pilot, PageId.SUMMARY)  # type: ignore[arg-type]


def on(app: WizardApp, page: PageId) -> bool:
    return app.flow.page is page and getattr(app.screen, "page", None) is page


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_escape_on_every_page_goes_back_then_asks_on_the_first(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer], lang: str
) -> None:
    i18n.set_language(lang)
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await until(pilot, lambda: app.flow.loaded, what="the files read")
        await walk_to_summary(app, pilot, server.port)
        for before in reversed(FULL_ROUTE[:-1]):
            await pilot.press("escape")
            await until(pilot, lambda before=before: on(app, before), what=f"back on {before}")
            assert not isinstance(app.screen, QuitScreen)
        assert (app.flow.answers.user, app.flow.answers.secret) == (LOGIN, PASSWORD)
        await pilot.press("escape")  # on the first page: the question
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), what="the question")
        await pilot.press("escape")  # Esc in the question: stay
        await until(pilot, lambda: on(app, PageId.WELCOME), what="the first page again")
        assert app.is_running


async def test_ctrl_q_with_answers_given_asks_on_every_page_and_stay_keeps_them(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await until(pilot, lambda: app.flow.loaded, what="the files read")
        await walk_to_summary(app, pilot, server.port)
        for page in reversed(FULL_ROUTE):
            await until(pilot, lambda page=page: on(app, page), what=f"on {page}")
            for key in ("ctrl+q", "ctrl+c"):  # Ctrl+C with no test running quits as Ctrl+Q does: asking
                await pilot.press(key)
                await until(pilot, lambda: isinstance(app.screen, QuitScreen), what=f"the question on {page}")
                assert app.focused is not None and app.focused.id == "stay"  # a key typed ahead never quits
                await pilot.press("enter")  # Stay
                await until(pilot, lambda page=page: on(app, page), what=f"{page} again")
            if page is not PageId.WELCOME:
                await pilot.press("escape")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), what="the question")
        app.screen.query_one("#quit", Button).press()
        await until(pilot, lambda: app.return_code is not None, what="the wizard to end")
    assert app.return_value == EXIT_CANCELLED
    assert not (tmp_path / "config.toml").exists()


async def test_ctrl_q_twice_quits(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", LOGIN)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitScreen), what="the question")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: app.return_code is not None, what="the wizard to end")
    assert app.return_value == EXIT_CANCELLED
