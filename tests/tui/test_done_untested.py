"""After "Save without a passing test", Done says how the test ended (the diagnosis' title) and the `check`
command that tests the written files later — in the terminal wizard, and in the flow both faces present."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Checkbox

from tests.flow.test_journeys import existing_setup
from tests.support.servers import SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, wizard
from wizard.flow import PageId
from wizard.tui.fields import safe_id


async def test_done_after_saving_untested_repeats_the_diagnosis_and_the_check_command(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port, secret="wrong password")
    async with wizard(config, ca_file=server.ca_file) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test is not None and not app.flow.test_passed()
        title = app.flow.test.verdict()
        app.screen.query_one(f"#{safe_id('save_untested')}", Checkbox).value = True
        await pilot.pause()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
        shown = page_text(app)
    assert title and title in shown
    assert f"smtp-wizard check --config {config}" in shown
    assert app.flow.done().untested == [line for line in shown.splitlines() if line in app.flow.done().untested]


async def test_done_after_a_passing_test_says_nothing_of_testing_later(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port)
    async with wizard(config, ca_file=server.ca_file) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
        assert "smtp-wizard check" not in page_text(app) and not app.flow.done().untested
