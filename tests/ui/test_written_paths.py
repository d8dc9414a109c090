"""The Done page lists the files written and their backups in the one form every face uses: absolute, without
`..` — also for a config path given relative to the working folder (`../config.toml`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocument

from tests.ui.driver import click, next_page, open_wizard, until
from wizard.ui.pages.ids import PageId


def _read(rich: str) -> str:
    """What the user reads in a one-item bullet list (rich text): its plain text without the bullet."""
    shown = QTextDocument()
    shown.setHtml(rich)
    return shown.toPlainText().replace("•", "").strip()


async def test_the_done_page_lists_absolute_real_paths_for_a_relative_config(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.toml").write_text('domain = "https://bom.example.org"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    wiz = open_wizard(qtbot, Path("../config.toml"))
    await until(wiz.welcome.isComplete, what="the config to be read")
    click(qtbot, wiz.welcome.skip)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    await next_page(qtbot, wiz, PageId.DONE)
    real = tmp_path.resolve() / "config.toml"
    page = wiz.done_page
    assert _read(page.written.text()) == str(real)
    assert _read(page.backups.text()) == str(real.with_name("config.toml.bak"))
