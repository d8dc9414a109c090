"""Failing tests on the Test page: the right diagnosis, the way back to the wrong value, Cancel, confirmation."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWizard

from tests.ui.driver import (
    click,
    next_page,
    open_wizard,
    probe_finished,
    type_into,
    until,
    walk_to_test_page,
)
from tests.ui.servers import LOGIN, PASSWORD, local_server, silent_server
from wizard.core.env_file import read_env
from wizard.core.i18n import tr
from wizard.probe.report import DiagnosisCode
from wizard.ui.leaving import QUESTION_NAME
from wizard.ui.pages.ids import PageId


async def test_wrong_password_is_diagnosed_then_fixed_via_back_and_passes(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", "not-the-password")
        await probe_finished(wiz)
        assert wiz.test.report.diagnosis.code is DiagnosisCode.AUTH_FAILED
        assert wiz.test.verdict.text() == wiz.test.report.diagnosis.title
        assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()

        click(qtbot, wiz.test.fix)  # "Change the password…"
        assert wiz.currentId() == PageId.SECRET
        assert wiz.flow.value("user") == LOGIN and wiz.flow.value("host") == "localhost"  # Back kept the values
        type_into(qtbot, wiz.secret_page.secret, PASSWORD)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.report.to_json()
        await next_page(qtbot, wiz, PageId.SUMMARY)
        await next_page(qtbot, wiz, PageId.DONE)
    assert read_env(tmp_path / ".env").value("SMTP_SECRET") == PASSWORD


async def test_cancel_stops_a_probe_of_a_silent_server_at_once(qtbot: Any, tmp_path: Path) -> None:
    with silent_server() as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await until(lambda: wiz.test.running(), what="the probe to start")
        await asyncio.sleep(0.3)  # it is now waiting for a greeting that never comes
        assert wiz.test.running()
        click(qtbot, wiz.test.cancel)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await probe_finished(wiz)
        assert loop.time() - started < 5.0  # generous: cancelling closes the socket without waiting (20 s)
    assert wiz.test.report.diagnosis.code is DiagnosisCode.CANCELLED
    assert wiz.test.retry.isVisible() and not wiz.test.cancel.isVisible()


async def test_going_on_without_a_passing_test_needs_explicit_confirmation(qtbot: Any, tmp_path: Path) -> None:
    with silent_server() as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await until(lambda: wiz.test.running(), what="the probe to start")
        click(qtbot, wiz.test.cancel)
        await probe_finished(wiz)
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    click(qtbot, wiz.test.confirm)
    assert next_button.isEnabled()
    await next_page(qtbot, wiz, PageId.SUMMARY)
    assert wiz.summary.untested.isVisible() and "without a passing test" in wiz.summary.untested.text()


async def test_closing_the_window_during_a_probe_cancels_it(qtbot: Any, tmp_path: Path) -> None:
    with silent_server() as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await until(lambda: wiz.test.running(), what="the probe to start")
        task = wiz.test._task
        wiz.close()  # answers were given: the wizard asks first, the test runs on meanwhile
        question = next(box for box in wiz.findChildren(QMessageBox, QUESTION_NAME) if box.isVisible())
        assert not task.done()
        click(qtbot, next(b for b in question.buttons() if b.text() == tr("faces.quit.quit")))
        await until(lambda: task.done(), timeout=10.0, what="the probe task to end")
    assert not wiz.isVisible()
    assert wiz.test.report.diagnosis.code is DiagnosisCode.CANCELLED


async def test_details_show_the_transcript_and_certificate_facts(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", PASSWORD)
        await probe_finished(wiz)
    click(qtbot, wiz.test.details_button)
    details = wiz.test.details.toPlainText()
    assert wiz.test.details.isVisible()
    assert "SHA-256:" in details and wiz.test.report.tls.sha256 in details
    assert "EHLO" in details.upper() and "Conversation with the server:" in details


async def test_test_send_address_is_editable_and_used(qtbot: Any, tmp_path: Path) -> None:
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await probe_finished(wiz)
        type_into(qtbot, wiz.test.send_to.line, "someone.else@example.org")
        click(qtbot, wiz.test.retry)
        await until(lambda: len(server.inbox.messages) == 2, what="the second test mail")
        await probe_finished(wiz)
    assert "To: someone.else@example.org" in server.inbox.messages[-1]


async def test_rejected_recipient_points_at_the_test_address_on_the_same_page(qtbot: Any, tmp_path: Path) -> None:
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml")
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", None)
        await probe_finished(wiz)
        type_into(qtbot, wiz.test.send_to.line, "nobody@example.com")
        click(qtbot, wiz.test.retry)
        await probe_finished(wiz)
    assert wiz.test.report.diagnosis.code is DiagnosisCode.RECIPIENT_REJECTED
    click(qtbot, wiz.test.fix)
    assert wiz.currentId() == PageId.TEST
    assert wiz.test.send_to.line.hasFocus()
