"""The terminal Done page lists the files written and their backups in the one form every face uses:
absolute, without `..` — also for a config path given relative to the working folder (`../config.toml`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.driver import enter, page_text, wizard
from wizard.flow import PageId


async def test_the_done_page_lists_absolute_real_paths_for_a_relative_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.toml").write_text('domain = "https://bom.example.org"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    async with wizard(Path("../config.toml"), size=(200, 40)) as (app, pilot):
        await pilot.click("#q-skip")
        await pilot.pause()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
        lines = page_text(app).splitlines()
    real = tmp_path.resolve() / "config.toml"
    assert f"• {real}" in lines
    assert f"• {real.with_name('config.toml.bak')}" in lines
    assert not [line for line in lines if line.startswith("• ") and ".toml" in line and not line.startswith("• /")]
