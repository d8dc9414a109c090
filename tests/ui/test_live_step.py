"""While a probe step runs, the Test page shows its elapsed time and what it waits for (SPEC §4 rev 2)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.ui.driver import click, open_wizard, probe_finished, until, walk_to_test_page
from tests.ui.servers import silent_server
from wizard.core.i18n import tr
from wizard.probe.report import StepName


async def test_a_running_step_shows_its_elapsed_time_and_what_it_waits_for(qtbot: Any, tmp_path: Path) -> None:
    with silent_server() as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await until(lambda: wiz.test.running(), what="the probe to start")
        await asyncio.sleep(1.5)  # the greeting never comes; the parallel TLS check has started
        row = wiz.test._rows[StepName.GREETING]
        elapsed = int(row.text(2).split()[0])
        assert 1 <= elapsed < 10
        assert tr("probe.wait.greeting_or_tls") in wiz.test.waiting.text()
        assert "(at most 20 s)" in wiz.test.waiting.text()
        wiz.test.grab().save(str(tmp_path / "live-step.png"))
        click(qtbot, wiz.test.cancel)
        await probe_finished(wiz)
    assert wiz.test.waiting.text() == "" and not wiz.test._ticker.isActive()
