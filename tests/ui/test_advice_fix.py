"""The Test page's fix button follows the chosen advice: hidden when no value of the wizard can help (an
administrator or the provider must act), else it leads to the page with the value to change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer
from tests.ui.driver import open_wizard, probe_finished, walk_to_test_page
from wizard.flow.pages import PageId
from wizard.flow.testing import ADVICE_FIX_PAGE, fix_for
from wizard.probe.advice import ADVICE_IDS
from wizard.probe.report import DiagnosisCode

SMTP_AUTH_OFF = (
    b"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
    b"Visit https://aka.ms/smtp_auth_disabled for more information.\r\n"
)


async def test_smtp_auth_switched_off_offers_no_change_the_password_button(qtbot: Any, tmp_path: Path) -> None:
    loop = LoopThread()
    server = ScriptedServer(loop, Script(replies={"AUTH": SMTP_AUTH_OFF}))
    try:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "127.0.0.1", server.port, "none", "a-password")
        await probe_finished(wiz)
        assert wiz.test.report.diagnosis.advice_id == "ms_smtp_auth_disabled"
        assert not wiz.test.fix.isVisible()
        assert "5.7.139" in wiz.test.advice.text()
    finally:
        server.stop()
        loop.stop()


def test_advice_about_the_server_leads_to_the_server_page() -> None:
    fix = fix_for(DiagnosisCode.AUTH_UNAVAILABLE, "no_auth_after_tls")
    assert fix is not None and fix[0] is PageId.SERVER


def test_the_generic_advice_keeps_the_codes_page() -> None:
    fix = fix_for(DiagnosisCode.AUTH_FAILED, "generic")
    assert fix is not None and fix[0] is PageId.SECRET


def test_every_advice_with_a_fix_rule_exists() -> None:
    assert set(ADVICE_FIX_PAGE) <= set(ADVICE_IDS) | {"login_not_address"}
