"""The terminal wizard's Test and Summary screens show the sender domain's SPF, DMARC and DKIM after a passed
test (SPEC §11), in English and German; DNS from a responder on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.deliverability.conftest import txt
from tests.deliverability.served import records
from tests.discovery.dns_responder import Zone
from tests.flow import journeys
from tests.support.servers import SmtpServer
from tests.tui.driver import enter, page_text, until, wizard
from tests.tui.test_both_faces import TerminalFace
from wizard.core import i18n
from wizard.flow import PageId

__all__ = ["records"]  # the fixture
SENDER_DOMAIN = "example.org"  # the sender journeys.relay_test_passed types in


@pytest.mark.parametrize(
    ("lang", "heading", "advice"),
    [
        ("en", "Deliverability of mail from example.org", "The SPF record forbids 127.0.0.1"),
        ("de", "Zustellbarkeit von Mails aus example.org", "Der SPF-Eintrag verbietet 127.0.0.1"),
    ],
)
async def test_test_and_summary_screens_show_the_verdicts(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer], records: Zone, lang: str, heading: str, advice: str
) -> None:
    records.add(SENDER_DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.0/24 -all"))
    server = smtp_server("plain", auth=False)
    setup = journeys.prepare_new(tmp_path, server.port)
    i18n.set_language(lang)
    async with wizard(setup.config, ca_file=server.ca_file, quick=False) as (app, pilot):
        await journeys.relay_test_passed(TerminalFace(app, pilot), setup)
        await until(pilot, lambda: app.flow.test is not None and app.flow.test.deliverability is not None)
        await pilot.pause(0.2)
        shown = page_text(app)
        assert heading in shown and "SPF — fail" in shown and advice in shown
        assert "DMARC — missing" in shown and "DKIM — unknown_selector" in shown
        await enter(app, pilot, PageId.SUMMARY)
        assert heading in page_text(app) and advice in page_text(app)
