"""The Summary of the no-server path speaks only of what it writes; saving untested is a warning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.driver import click, next_page, open_wizard, until
from wizard.core.i18n import tr
from wizard.ui.pages.ids import PageId
from wizard.ui.style import Status, status_color


async def test_the_no_server_summary_has_no_env_or_deliverability_talk(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await until(wiz.welcome.isComplete, what="the config to be read")
    click(qtbot, wiz.welcome.skip)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    page = wiz.summary
    assert not page.env.isVisible() and ".env" not in page.env.text()
    assert not page.advice.isVisible()  # SPF/DKIM tips are for mail that is sent
    assert not page.untested.isVisible()  # nothing was to be tested


def test_the_untested_warning_looks_like_a_warning() -> None:
    from wizard.ui.pages.summary import SummaryPage

    page = SummaryPage()
    assert page.untested.text() == "⚠ " + tr("flow.summary.untested")  # the flow's words, as a warning
    assert status_color(Status.WARNING) in page.untested.styleSheet()
    assert page.untested.accessibleName()
