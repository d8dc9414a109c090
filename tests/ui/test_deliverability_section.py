"""The Qt wizard's Test and Summary pages show the sender domain's SPF, DMARC and DKIM after a passed test
(SPEC §11), in English and German; DNS from a responder on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.deliverability.conftest import txt
from tests.deliverability.served import records
from tests.discovery.dns_responder import Zone
from tests.flow import journeys
from tests.support.servers import SmtpServer
from tests.ui.driver import next_page, open_wizard, until
from tests.ui.test_both_faces import QtFace
from wizard.core import i18n
from wizard.ui.pages.ids import PageId

__all__ = ["records"]  # the fixture
SENDER_DOMAIN = "example.org"  # the sender journeys.relay_test_passed types in


@pytest.mark.parametrize(
    ("lang", "heading", "dmarc"),
    [
        ("en", "Deliverability of mail from example.org", "DMARC — present (p=reject)"),
        ("de", "Zustellbarkeit von Mails aus example.org", "DMARC — present (p=reject)"),
    ],
)
async def test_test_and_summary_pages_show_the_verdicts(
    qtbot: Any,
    tmp_path: Path,
    smtp_server: Callable[..., SmtpServer],
    records: Zone,
    lang: str,
    heading: str,
    dmarc: str,
) -> None:
    records.add(SENDER_DOMAIN, "TXT", txt("v=spf1 ip4:127.0.0.0/8 -all"))
    records.add(f"_dmarc.{SENDER_DOMAIN}", "TXT", txt("v=DMARC1; p=reject"))
    server = smtp_server("plain", auth=False)
    setup = journeys.prepare_new(tmp_path, server.port)
    i18n.set_language(lang)
    wiz = open_wizard(qtbot, setup.config, ca_file=server.ca_file)
    await journeys.relay_test_passed(QtFace(qtbot, wiz), setup)
    box = wiz.test.deliverability
    await until(lambda: box.view is not None and not box.view.pending, what="the deliverability verdicts")
    assert box.isVisible()
    assert heading in box.accessibleDescription() and dmarc in box.accessibleDescription()
    assert "SPF — pass" in box.text() and "127.0.0.1" in box.text()
    await next_page(qtbot, wiz, PageId.SUMMARY)
    summary_box = wiz.summary.deliverability
    assert summary_box.isVisible() and heading in summary_box.accessibleDescription()


async def test_failed_test_shows_no_verdicts(
    qtbot: Any, tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False, mail_reply="553 5.7.1 Sender address rejected")
    setup = journeys.prepare_new(tmp_path, server.port)
    wiz = open_wizard(qtbot, setup.config, ca_file=server.ca_file)
    with pytest.raises(AssertionError):  # the journey asserts a pass
        await journeys.relay_test_passed(QtFace(qtbot, wiz), setup)
    assert wiz.test.report is not None and not wiz.test.passed()
    assert not wiz.test.deliverability.isVisible() and wiz.test.deliverability.view is None


async def test_details_and_copied_report_hold_the_verdicts(
    qtbot: Any, tmp_path: Path, smtp_server: Callable[..., SmtpServer], records: Zone
) -> None:
    from PySide6.QtGui import QGuiApplication

    records.add(SENDER_DOMAIN, "TXT", txt("v=spf1 ip4:192.0.2.1 ~all"))
    server = smtp_server("plain", auth=False)
    setup = journeys.prepare_new(tmp_path, server.port)
    wiz = open_wizard(qtbot, setup.config, ca_file=server.ca_file)
    await journeys.relay_test_passed(QtFace(qtbot, wiz), setup)
    box = wiz.test.deliverability
    await until(lambda: box.view is not None and not box.view.pending, what="the deliverability verdicts")
    wiz.test.details_button.setChecked(True)
    details = wiz.test.details.toPlainText()
    assert f"Deliverability of mail from {SENDER_DOMAIN}" in details and "SPF — softfail (estimate):" in details
    wiz.test.copy.click()
    assert "DMARC — missing:" in QGuiApplication.clipboard().text()
