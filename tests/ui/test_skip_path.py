""" "I have no mail server yet": a clear warning, the layout shown and chosen, straight to the summary."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.ui.driver import click, next_page, open_wizard, until
from wizard.ui.pages.ids import PageId


async def test_skip_warns_and_writes_the_current_user_table_by_default(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = open_wizard(qtbot, config)
    await until(wiz.welcome.isComplete, what="the config to be read")
    assert not wiz.welcome.skip_box.isVisible()
    click(qtbot, wiz.welcome.skip)
    assert wiz.welcome.skip_box.isVisible()  # the warning and the layout choice
    assert wiz.welcome.current.isChecked()  # no signal in the file: today's [user] layout (SPEC §2 rev 2)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    assert "skip_verification" in wiz.summary.diff.toPlainText()
    await next_page(qtbot, wiz, PageId.DONE)
    assert tomllib.loads(config.read_text())["user"]["skip_verification"] is True


async def test_skip_with_the_legacy_layout_writes_the_top_level_flag(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = open_wizard(qtbot, config)
    await until(wiz.welcome.isComplete, what="the config to be read")
    click(qtbot, wiz.welcome.skip)
    click(qtbot, wiz.welcome.legacy)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    assert "skip_user_verification" in wiz.summary.diff.toPlainText()
    await next_page(qtbot, wiz, PageId.DONE)
    assert tomllib.loads(config.read_text())["skip_user_verification"] is True


async def test_detected_layout_is_preselected_and_said(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[user]\nexpiration = 30\n")
    wiz = open_wizard(qtbot, config)
    await until(wiz.welcome.isComplete, what="the config to be read")
    click(qtbot, wiz.welcome.skip)
    assert wiz.welcome.current.isChecked()
    assert "detected" in wiz.welcome.layout_note.text()
