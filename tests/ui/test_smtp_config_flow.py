"""A `[smtp_config]` table (never read by the server) is flagged on the Welcome page, fills the wizard in, and
the Summary's write moves the settings into `[smtp]` (SPEC §2 rev 2; issue 11 item 9)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tests.ui.driver import next_page, open_wizard, until
from wizard.flow.pages import PageId as FlowPage
from wizard.ui.pages.ids import PageId

CONFIG = """\
# from the docs' example
[smtp_config]
user = "bom@example.com"
endpoint = "smtp.example.com"

[domain]
name = "bom.example.org"
"""


async def test_smtp_config_is_flagged_prefilled_and_moved_into_smtp_on_write(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    wiz = open_wizard(qtbot, config)
    await until(wiz.welcome.isComplete, what="the config to be read")
    assert "[smtp_config]" in wiz.welcome.status.text() and "never reads it" in wiz.welcome.status.text()
    await next_page(qtbot, wiz, PageId.SENDER)
    assert wiz.sender_page.address.text() == "bom@example.com"
    await next_page(qtbot, wiz, PageId.SERVER)
    assert wiz.server.host.text() == "smtp.example.com"
    wiz.flow.go_to(FlowPage.SUMMARY)  # straight to the plan (no mail server to test here)
    wiz.follow_flow()
    assert "never reads" in wiz.summary.notes.text()
    assert "-[smtp_config]" in wiz.summary.diff.toPlainText()
    await next_page(qtbot, wiz, PageId.DONE)
    data = tomllib.loads(config.read_text())
    assert "smtp_config" not in data and data["smtp"]["user"] == "bom@example.com"
    assert data["domain"] == {"name": "bom.example.org"}
