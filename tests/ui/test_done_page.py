"""The Done page without a test mail to show: its lists stay together at the top, it names the files written
and the backups made, and after the no-server path it says to restart the server and come back."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.ui.driver import click, next_page, open_wizard, until
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard


async def skip_to_done(qtbot: Any, config: Path) -> SetupWizard:
    wiz = open_wizard(qtbot, config)
    await until(wiz.welcome.isComplete, what="the config to be read")
    click(qtbot, wiz.welcome.skip)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    await next_page(qtbot, wiz, PageId.DONE)
    return wiz


async def test_the_done_page_lists_the_files_written_and_the_backups_made(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = await skip_to_done(qtbot, config)
    page = wiz.done_page
    assert str(config) in page.written.text()
    assert wiz.flow.done().backups and all(path.exists() for path in wiz.flow.done().backups)
    assert page.backups.isVisible() and all(str(path) in page.backups.text() for path in wiz.flow.done().backups)


async def test_after_the_no_server_path_the_next_steps_say_restart_and_come_back(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = await skip_to_done(qtbot, config)
    steps = wiz.done_page.next_steps.text()
    assert "Restart" in steps or "restart" in steps, steps
    assert "again" in steps


async def test_without_a_test_mail_nothing_floats_every_text_sits_at_the_top(qtbot: Any, tmp_path: Path) -> None:
    wiz = await skip_to_done(qtbot, tmp_path / "config.toml")
    page = wiz.done_page
    assert not page.mail.isVisible()
    shown = [w for w in (page.written_heading, page.written, page.backups_heading, page.backups) if w.isVisible()]
    shown += [w for w in (page.next_heading, page.next_steps) if w.isVisible()]
    assert shown[0].y() < 2 * shown[0].fontMetrics().height()  # the first line starts the page
    for above, below in pairwise(shown):
        gap = below.y() - (above.y() + above.height())
        assert gap <= 2 * above.fontMetrics().height(), (above.text(), below.text(), gap)  # no large gaps
    for label in shown:  # each label as tall as its text: a taller one would centre it in empty space
        assert label.height() <= label.heightForWidth(label.width()) + 4, label.text()
