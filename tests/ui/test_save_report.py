"""The GUI's Test page offers the flow's "Save report" next to "Copy report": the report as a new 0600 file
next to config.toml, its path shown, the secret not in it (the same rule as the terminal wizard's)."""

from __future__ import annotations

import ssl
import stat
from pathlib import Path
from typing import Any

from tests.ui.driver import click, open_wizard, probe_finished, until, walk_to_test_page
from tests.ui.servers import PASSWORD, local_server


async def test_save_report_writes_the_report_next_to_the_config_and_shows_where(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.save_report.isVisible()
        click(qtbot, wiz.test.save_report)
        await until(lambda: wiz.flow.report_file.path is not None, what="the report to be saved")
    saved = wiz.flow.report_file.path
    assert saved is not None and saved.parent == tmp_path
    assert str(saved) in wiz.test.report_note.text()
    text = saved.read_text(encoding="utf-8")
    assert "AUTH" in text and PASSWORD not in text
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
