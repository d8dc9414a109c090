"""After "Save without a passing test", the GUI's Done page says how the test ended (the diagnosis' title)
and the `check` command that tests the written files later."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from tests.ui.driver import click, next_page, open_wizard, probe_finished, walk_to_test_page
from tests.ui.servers import local_server
from wizard.ui.pages.ids import PageId


async def test_done_after_saving_untested_repeats_the_diagnosis_and_the_check_command(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", "not-the-password")
        await probe_finished(wiz)
    assert not wiz.test.passed() and wiz.flow.test is not None
    title = wiz.flow.test.verdict()
    click(qtbot, wiz.test.confirm)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    await next_page(qtbot, wiz, PageId.DONE)
    shown = wiz.done_page.untested
    assert shown.isVisible()
    assert title in shown.text() and f"smtp-wizard check --config {config}" in shown.text()
