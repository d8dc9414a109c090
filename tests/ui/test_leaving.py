"""Leaving the GUI wizard (SPEC §12 rev 3, §6/§10): Esc is Back on every page (on the first page it asks
whether to quit), and Cancel, Esc on the first page and closing the window ask before answers given are
thrown away — Stay keeps everything, Quit closes. Real widgets, a real local server for the live test."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from tests.ui.driver import click, next_page, open_wizard, probe_finished, until, walk_to_test_page
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core.i18n import tr
from wizard.ui.leaving import QUESTION_NAME
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard


def press_escape(qtbot: Any, wiz: SetupWizard) -> None:
    qtbot.keyClick(QApplication.focusWidget() or wiz, Qt.Key.Key_Escape)


def question(wiz: SetupWizard) -> QMessageBox | None:
    """The question on screen (one answered before may still await deletion, hidden)."""
    return next((box for box in wiz.findChildren(QMessageBox, QUESTION_NAME) if box.isVisible()), None)


def answer(qtbot: Any, box: QMessageBox, label_id: str) -> None:
    button = next(b for b in box.buttons() if b.text() == tr(label_id))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


async def test_escape_on_every_page_goes_back_keeping_what_was_typed(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("starttls", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file)
        wiz.activateWindow()
        await walk_to_test_page(qtbot, wiz, "127.0.0.1", server.port, "starttls", PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.verdict.text()
        await next_page(qtbot, wiz, PageId.SUMMARY)
        visited = [PageId(i) for i in wiz.visitedIds()]
        assert visited == [
            PageId.WELCOME,
            PageId.SENDER,
            PageId.SERVER,
            PageId.SECURITY,
            PageId.SECRET,
            PageId.TEST,
            PageId.SUMMARY,
        ]
        for before in reversed(visited[:-1]):
            press_escape(qtbot, wiz)
            await until(lambda before=before: wiz.currentId() == before, what=f"back on {before}")
            assert question(wiz) is None and wiz.isVisible()
        answers = wiz.flow.answers
        assert (answers.user, answers.host, answers.port, answers.secret) == (
            LOGIN,
            "127.0.0.1",
            str(server.port),
            PASSWORD,
        )


async def test_escape_on_the_first_page_asks_and_stay_keeps_the_wizard_open(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    wiz.activateWindow()
    await until(wiz.welcome.isComplete, what="the files read")
    press_escape(qtbot, wiz)
    box = question(wiz)
    assert box is not None and box.text() == tr("faces.quit.title")
    assert box.informativeText() == tr("faces.quit.text")
    answer(qtbot, box, "faces.quit.stay")
    await until(lambda: question(wiz) is None, what="the question closed")
    assert wiz.isVisible() and wiz.currentId() == PageId.WELCOME
    press_escape(qtbot, wiz)
    box = question(wiz)
    assert box is not None
    answer(qtbot, box, "faces.quit.quit")
    await until(lambda: not wiz.isVisible(), what="the wizard closed")
    assert wiz.result() == QWizard.DialogCode.Rejected


async def test_cancel_before_any_answer_closes_at_once(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await until(wiz.welcome.isComplete, what="the files read")
    click(qtbot, wiz.button(QWizard.WizardButton.CancelButton))
    await until(lambda: not wiz.isVisible(), what="the wizard closed")
    assert question(wiz) is None


@pytest.mark.parametrize("how", ["cancel", "close"])
async def test_leaving_with_answers_given_asks_first_on_every_page(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path, how: str
) -> None:
    with local_server("starttls", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file)
        wiz.activateWindow()
        await walk_to_test_page(qtbot, wiz, "127.0.0.1", server.port, "starttls", PASSWORD)
        await probe_finished(wiz)
        await next_page(qtbot, wiz, PageId.SUMMARY)
        for page in [PageId(i) for i in reversed(wiz.visitedIds())]:
            await until(lambda page=page: wiz.currentId() == page, what=f"on {page}")
            if how == "cancel":
                click(qtbot, wiz.button(QWizard.WizardButton.CancelButton))
            else:
                wiz.close()
            box = question(wiz)
            assert box is not None, f"no question on {page} ({wiz.flow.touched}, {wiz.isVisible()})"
            answer(qtbot, box, "faces.quit.stay")
            await until(lambda: question(wiz) is None, what="the question closed")
            assert wiz.isVisible() and wiz.currentId() == page
            if page is not PageId.WELCOME:
                wiz.back()
        wiz.close()
        answer(qtbot, question(wiz) or pytest.fail("no question"), "faces.quit.quit")
        await until(lambda: not wiz.isVisible(), what="the wizard closed")


async def test_escape_while_the_question_is_open_means_stay(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    wiz.activateWindow()
    await until(wiz.welcome.isComplete, what="the files read")
    press_escape(qtbot, wiz)
    box = question(wiz)
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    await until(lambda: question(wiz) is None, what="the question closed")
    assert wiz.isVisible()
