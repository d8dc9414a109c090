"""Accessibility over every page: inputs are named and labelled, buttons and labels have mnemonics, and the
Test page carries pass/fail in an icon and words (not colour alone) and announces changes."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizardPage,
)

from tests.ui.driver import click, next_page, open_wizard, probe_finished, type_into, visit_every_page
from tests.ui.servers import PASSWORD, local_server
from wizard.core.i18n import tr
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard

INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractButton)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).strip()


def focusable_inputs(page: QWizardPage) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(page) or not widget.isEnabled():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue  # not reachable by Tab (a header, a label-like view): not an input
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the inner line edit of a spin box or combo box: its owner is the input
        found.append(widget)
    return found


def buddies(page: QWizardPage) -> dict[QWidget, QLabel]:
    return {label.buddy(): label for label in page.findChildren(QLabel) if label.buddy() is not None}


def problems(page: QWizardPage) -> list[str]:
    """Every accessibility gap on `page`, as readable sentences."""
    found: list[str] = []
    labelled = buddies(page)
    for widget in focusable_inputs(page):
        what = f"{page.title()}: {type(widget).__name__} {accessible_name(widget) or widget.objectName()!r}"
        if not accessible_name(widget):
            found.append(f"{what} has no accessible name")
        if isinstance(widget, QAbstractButton):
            if "&" not in widget.text():
                found.append(f"{what} has no mnemonic")
            continue  # a button's own text is its label
        label = labelled.get(widget)
        if label is None or not label.isVisibleTo(page):
            found.append(f"{what} has no visible buddy label")
        elif "&" not in label.text():
            found.append(f"{what}: its label {label.text()!r} has no mnemonic")
    return found


async def walk(qtbot: Any, wiz: SetupWizard, password: str) -> dict[str, list[str]]:
    gaps: dict[str, list[str]] = {}
    await visit_every_page(qtbot, wiz, password, lambda name, page: gaps.setdefault(name, problems(page)))
    return gaps


async def test_every_input_on_every_page_is_named_labelled_and_has_a_mnemonic(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        gaps = await walk(qtbot, wiz, PASSWORD)
    assert set(gaps) == {"welcome", "sender", "server", "security", "secret", "test", "summary", "done"}
    assert not any(gaps.values()), [gap for page in gaps.values() for gap in page]


async def test_failed_test_page_inputs_are_named_labelled_and_have_mnemonics(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        gaps = await walk(qtbot, wiz, "not-the-password")
    assert not wiz.test.passed()
    assert not gaps["test"], gaps["test"]


async def test_test_page_shows_pass_and_fail_by_icon_and_words_and_announces_them(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await walk(qtbot, wiz, "not-the-password")
        page = wiz.test
        failed_icon = page.verdict_icon.pixmap().toImage()
        assert page.verdict_icon.isVisible() and not failed_icon.isNull()
        assert page.report is not None and page.report.diagnosis is not None
        assert page.verdict.text() == page.report.diagnosis.title  # words, not only colour
        assert page.verdict.accessibleDescription() == page.verdict.text()
        assert page.accessibleDescription() == page.verdict.text()
        rows = [page.checklist.topLevelItem(i) for i in range(page.checklist.topLevelItemCount())]
        failed = [row for row in rows if row is not None and row.text(1) == "failed"]
        assert len(failed) == 1 and not failed[0].icon(1).isNull()

        click(qtbot, page.fix)
        type_into(qtbot, wiz.secret_page.secret, PASSWORD)
        await next_page(qtbot, wiz, PageId.TEST)
        assert page.accessibleDescription().startswith("Testing localhost")  # the new run is announced
        await probe_finished(wiz)
    assert page.passed()
    assert page.verdict_icon.isVisible()
    assert page.verdict_icon.pixmap().toImage() != failed_icon  # another icon for another outcome
    assert page.accessibleDescription() == page.verdict.text() == tr("flow.test.passed_mail")
    assert page.checklist.accessibleDescription().endswith(": done")
