"""The terminal wizard's saved report holds the sender domain's verdicts (SPEC §11) after a passed live test,
with DNS from a responder on 127.0.0.1 and a real server on loopback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button

from tests.deliverability.conftest import txt
from tests.deliverability.served import records
from tests.discovery.dns_responder import Zone
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import probe_finished, until, wizard
from tests.tui.test_report_file import to_test_page

__all__ = ["records"]  # the fixture
DOMAIN = LOGIN.rpartition("@")[2]


async def test_saved_report_holds_the_deliverability_verdicts(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer], records: Zone
) -> None:
    records.add(DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.1 ~all"))
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_test_page(app, pilot, server, PASSWORD)
        await probe_finished(app, pilot)
        run = app.flow.test
        assert run is not None
        await until(pilot, lambda: run.deliverability is not None, what="the deliverability verdicts")
        app.screen.query_one("#save-report", Button).press()
        await until(pilot, lambda: app.flow.report_file.path is not None, what="the report to be saved")
        saved = app.flow.report_file.path
    assert saved is not None
    text = saved.read_text(encoding="utf-8")
    assert f"Deliverability of mail from {DOMAIN}" in text
    assert "SPF — softfail (estimate):" in text and "DMARC — missing:" in text
