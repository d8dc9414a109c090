"""The secret never appears in any widget text, window title, log record or copied report."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.ui.pages.ids import PageId

WRONG = "Wr0ng-but-still-secret"


def shown_texts(root: QWidget) -> list[str]:
    """Every text a person or a screen reader could get from the window."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.windowTitle(), widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.displayText(), widget.placeholderText()]
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QTreeWidget):
            for row in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(row)
                texts += [item.text(c) for c in range(widget.columnCount())]
                texts += [item.toolTip(c) for c in range(widget.columnCount())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(row).text() for row in range(widget.count())]
    return texts


def assert_hidden(wiz: QWidget, *secrets: str) -> None:
    texts = shown_texts(wiz)
    assert len(texts) > 50  # the collector really sees the page
    for secret in secrets:
        assert not [t for t in texts if secret in t]


async def test_secret_stays_out_of_widgets_titles_logs_and_the_copied_report(
    qtbot: Any,
    tmp_path: Path,
    server_tls: ssl.SSLContext,
    ca_file: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await pass_welcome(qtbot, wiz)
        type_into(qtbot, wiz.sender_page.address.line, LOGIN)
        await next_page(qtbot, wiz, PageId.SERVER)
        type_into(qtbot, wiz.server.host.line, "localhost")
        await next_page(qtbot, wiz, PageId.SECURITY)
        await next_page(qtbot, wiz, PageId.SECRET)
        type_into(qtbot, wiz.secret_page.secret, WRONG)
        assert_hidden(wiz, WRONG)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        assert not wiz.test.passed()
        click(qtbot, wiz.test.details_button)
        click(qtbot, wiz.test.copy)
        copied = QGuiApplication.clipboard().text()
        assert "SMTP test: failed" in copied and WRONG not in copied
        assert_hidden(wiz, WRONG)

        click(qtbot, wiz.test.fix)
        type_into(qtbot, wiz.secret_page.secret, PASSWORD)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.verdict.text()
        click(qtbot, wiz.test.copy)
        copied = QGuiApplication.clipboard().text()
        assert "SMTP test: passed" in copied and PASSWORD not in copied
        assert_hidden(wiz, WRONG, PASSWORD)
        await next_page(qtbot, wiz, PageId.SUMMARY)
        assert_hidden(wiz, WRONG, PASSWORD)
        await next_page(qtbot, wiz, PageId.DONE)
        assert_hidden(wiz, WRONG, PASSWORD)
    assert caplog.records  # the probe logs at debug level: the check below has something to look at
    for record in caplog.records:
        text = record.getMessage() + (record.exc_text or "")
        assert WRONG not in text and PASSWORD not in text
