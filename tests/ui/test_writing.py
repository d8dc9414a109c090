"""Finish writes through the core; a write error is shown and the wizard stays open with nothing lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.files import read_only_folder
from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into
from tests.ui.servers import LOGIN, local_server
from wizard.ui.pages.ids import PageId


async def _to_summary(qtbot: Any, wiz: Any, port: int) -> None:
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "127.0.0.1")
    type_into(qtbot, wiz.server.port, str(port))
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons["none"])
    await next_page(qtbot, wiz, PageId.SECRET)
    click(qtbot, wiz.secret_page.none)
    await next_page(qtbot, wiz, PageId.TEST)
    await probe_finished(wiz)
    await next_page(qtbot, wiz, PageId.SUMMARY)


async def test_summary_shows_the_section_and_the_diff_before_writing(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# keep me\ndomain = "https://x.example"\n')
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, config)
        await _to_summary(qtbot, wiz, server.port)
    assert wiz.summary.section.toPlainText().startswith("[smtp]\nuser = ")
    assert "+endpoint = " in wiz.summary.diff.toPlainText()
    assert config.read_text() == '# keep me\ndomain = "https://x.example"\n'  # nothing written yet


async def test_write_error_is_shown_and_the_wizard_stays_with_nothing_lost(qtbot: Any, tmp_path: Path) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    config = folder / "config.toml"
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, config)
        await _to_summary(qtbot, wiz, server.port)
        with read_only_folder(folder):
            click(qtbot, wiz.button(wiz.WizardButton.CommitButton))
            assert wiz.currentId() == PageId.SUMMARY
            assert wiz.summary.problem.isVisible() and str(config) in wiz.summary.problem.text()
        assert not config.exists()
        assert wiz.flow.value("user") == LOGIN  # nothing lost: write again once the folder is writable
        await next_page(qtbot, wiz, PageId.DONE)
    assert config.exists()


async def test_file_changed_meanwhile_is_not_overwritten(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://x.example"\n')
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, config)
        await _to_summary(qtbot, wiz, server.port)
        config.write_text('domain = "https://changed.example"\n')
        click(qtbot, wiz.button(wiz.WizardButton.CommitButton))
        assert wiz.currentId() == PageId.SUMMARY
        assert wiz.summary.reread.isVisible()
        assert config.read_text() == 'domain = "https://changed.example"\n'
        click(qtbot, wiz.summary.reread)  # read the new content, plan again, then write
        await next_page(qtbot, wiz, PageId.DONE)
    assert "changed.example" in config.read_text() and "[smtp]" in config.read_text()
