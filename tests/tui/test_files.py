"""Files in the terminal wizard: an unreadable config is named and never touched; a file changed on disk after
it was read is not overwritten, and the Summary offers to read it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.servers import SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, screen_text, until, wizard
from wizard.flow import PageId


async def test_an_unparsable_config_is_named_with_its_line_and_nothing_moves_on(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n[smtp\nuser = 1\n')
    before = config.read_bytes()
    async with wizard(config) as (app, pilot):
        assert "line 2" in page_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.flow.page is PageId.WELCOME
    assert config.read_bytes() == before


async def test_a_config_changed_after_reading_is_not_overwritten_and_can_be_read_again(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False)
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{server.port + 0}"\n# old\n')
    async with wizard(config, quick=False) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.SERVER)
        await enter(app, pilot, PageId.SECRET)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        await enter(app, pilot, PageId.SUMMARY)
        changed = config.read_text().replace("# old", "# someone else was here")
        config.write_text(changed)
        await pilot.press("enter")
        await until(pilot, lambda: app.flow.plan_outdated, what="the refusal")
        assert app.flow.page is PageId.SUMMARY and config.read_text() == changed
        await until(pilot, lambda: bool(app.screen.query("#action-reread")), what="the Read again button")
        await pilot.click("#action-reread")
        await pilot.pause()
        assert app.flow.plan is not None and not app.flow.plan_outdated
        assert "Read the files again" not in screen_text(app)
