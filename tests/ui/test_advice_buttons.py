"""Every piece of advice has the button that does it: a relay that offers no login, with a password set,
gets "Retry without a password" next to the encryption link; every other failure its fix link or Retry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.driver import click, open_wizard, probe_finished, walk_to_test_page
from tests.ui.mnemonics import duplicates
from tests.ui.servers import PASSWORD, local_server
from wizard.core.settings import SecretSource
from wizard.flow.testing import FIX_PAGE
from wizard.probe.report import DiagnosisCode

# Failures whose advice is to try again (the server's side, or the user stopped it): the Retry button.
RETRY_ONLY = {
    DiagnosisCode.SERVER_UNAVAILABLE,
    DiagnosisCode.TEMPORARY_FAILURE,
    DiagnosisCode.CONNECTION_LOST,
    DiagnosisCode.CANCELLED,
    DiagnosisCode.UNEXPECTED,
}


def test_every_diagnosis_has_a_button_that_acts_on_its_advice() -> None:
    assert set(DiagnosisCode) == set(FIX_PAGE) | RETRY_ONLY


async def test_a_relay_without_login_offers_retry_without_a_password_and_it_passes(qtbot: Any, tmp_path: Path) -> None:
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", PASSWORD)
        await probe_finished(wiz)
        page = wiz.test
        assert page.report is not None and page.report.diagnosis is not None
        assert page.report.diagnosis.code is DiagnosisCode.AUTH_UNAVAILABLE
        assert page.no_password.isVisible() and page.fix.isVisible()
        assert not duplicates(wiz)
        click(qtbot, page.no_password)
        await probe_finished(wiz)
    assert page.passed(), page.report.to_json() if page.report else "no report"
    assert wiz.secret_page.source() is SecretSource.NONE
    assert not page.no_password.isVisible()
