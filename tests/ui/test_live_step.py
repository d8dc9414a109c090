"""While a probe step runs, the Test page shows its elapsed time and what it waits for (SPEC §4 rev 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.driver import click, open_wizard, probe_finished, until, walk_to_test_page
from tests.ui.servers import silent_server
from wizard.core.i18n import tr
from wizard.probe.report import StepName


def _seconds(cell: str) -> int:
    """The whole seconds a running step's time column shows (-1 before it shows any)."""
    first = cell.split()[0] if cell.split() else ""
    return int(first) if first.isdigit() else -1


async def test_a_running_step_shows_its_elapsed_time_and_what_it_waits_for(qtbot: Any, tmp_path: Path) -> None:
    with silent_server() as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await until(lambda: wiz.test.running(), what="the probe to start")
        # The greeting never comes; after a second the parallel TLS check starts and the count passes 1 s.
        waits_for_both = tr("probe.wait.greeting_or_tls")
        await until(lambda: waits_for_both in wiz.test.waiting.text(), what="the parallel TLS check to start")
        row = wiz.test._rows[StepName.GREETING]
        await until(lambda: _seconds(row.text(2)) >= 1, what="the elapsed time to count")
        assert 1 <= _seconds(row.text(2)) < 10
        assert tr("probe.wait.greeting_or_tls") in wiz.test.waiting.text()
        assert "(at most 20 s)" in wiz.test.waiting.text()
        wiz.test.grab().save(str(tmp_path / "live-step.png"))
        click(qtbot, wiz.test.cancel)
        await probe_finished(wiz)
    assert wiz.test.waiting.text() == "" and not wiz.test._ticker.isActive()
