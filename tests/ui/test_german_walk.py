"""Every page of the wizard in German: no visible text may still be the English source (technical tokens,
names, ports, paths and addresses excepted)."""

from __future__ import annotations

import re
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QWidget,
    QWizard,
)

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, until
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core import i18n
from wizard.core.settings import Security
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators
from wizard.ui.wizard import SetupWizard

# Visible texts German shares with English: protocol and product names, ports, numbers, file names, the
# language names themselves, and words German borrowed unchanged.
SAME_IN_BOTH = re.compile(
    r"^(SMTP|TLS|STARTTLS|S&TARTTLS|SMTPS|Port|&Port:|Status|Server|OK|English|Deutsch|\.env|config\.toml|"
    r"BOMnipotent( Server)?|Docker Compose|[\d\s.,:ms]+|[\w.+-]+@[\w.-]+|[\w.-]+\.(com|org|net|de|toml|env)|/[^\s]*)$"
)


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see or hear on `root`'s visible widgets."""
    texts: list[tuple[str, str]] = []

    def add(where: QWidget | str, *candidates: str) -> None:
        name = where if isinstance(where, str) else f"{type(where).__name__}:{where.objectName()}"
        texts.extend((name, t) for t in candidates if t)

    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        add(w, w.toolTip(), w.whatsThis(), w.accessibleName(), w.accessibleDescription())
        if isinstance(w, QLabel | QAbstractButton):
            add(w, w.text())
        if isinstance(w, QLineEdit):
            add(w, w.placeholderText())
        if isinstance(w, QGroupBox):
            add(w, w.title())
        if isinstance(w, QComboBox):
            add(w, *(w.itemText(i) for i in range(w.count())))
        if isinstance(w, QListWidget):
            add(w, *(w.item(i).text() for i in range(w.count())))
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            add(w, *(header.text(c) for c in range(header.columnCount())))
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                assert item is not None
                add(w, *(item.text(c) for c in range(item.columnCount())), item.toolTip(0))
        if isinstance(w, QPlainTextEdit):
            add(w, w.placeholderText())
        if isinstance(w, QTextEdit):
            add(w, w.placeholderText())
    return texts


def page_texts(wiz: QWizard) -> list[tuple[str, str]]:
    page = wiz.currentPage()
    texts = [("title", page.title()), ("subtitle", page.subTitle()), ("window", wiz.windowTitle())]
    texts += visible_texts(page)
    for which in QWizard.WizardButton:
        if which in (
            QWizard.WizardButton.NoButton,
            QWizard.WizardButton.NStandardButtons,
            QWizard.WizardButton.Stretch,
        ):
            continue
        button = wiz.button(which)
        if button is not None and button.isVisible():
            texts.append((f"button {which.name}", button.text()))
    return texts


def diff_lines(wiz: SetupWizard) -> list[tuple[str, str]]:
    """The Summary diff's file headers (its other lines are the file's own content)."""
    text = wiz.summary.diff.toPlainText()
    return [("diff header", line) for line in text.splitlines() if line.startswith(("---", "+++"))]


async def walk(qtbot: Any, folder: Path, lang: str, server: Any, ca_file: Path) -> dict[str, list[tuple[str, str]]]:
    """Every page of a successful run, in `lang`; the texts seen on each."""
    seen: dict[str, list[tuple[str, str]]] = {}
    folder.mkdir()
    wiz = open_wizard(qtbot, folder / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    await until(wiz.welcome.isComplete, what="the config file to be read")
    seen["welcome"] = page_texts(wiz)
    click(qtbot, wiz.welcome.skip)  # "I have no mail server yet": the warning and the layout choice
    assert wiz.welcome.skip_box.isVisible()
    seen["welcome, no mail server"] = page_texts(wiz)
    click(qtbot, wiz.welcome.skip)
    await pass_welcome(qtbot, wiz)
    seen["sender"] = page_texts(wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    seen["server"] = page_texts(wiz)
    type_into(qtbot, wiz.server.host.line, "localhost")
    type_into(qtbot, wiz.server.port, "2465")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[Security.SMTPS])  # implicit TLS on 2465: explained, with ways out
    assert wiz.security.problem.isVisible() and wiz.security.use_starttls.isVisible()
    seen["security, impossible"] = page_texts(wiz)
    click(qtbot, wiz.button(QWizard.WizardButton.BackButton))
    type_into(qtbot, wiz.server.port, "465")
    await next_page(qtbot, wiz, PageId.SECURITY)
    seen["security"] = page_texts(wiz)
    click(qtbot, wiz.security._buttons[Security.SMTPS])
    await next_page(qtbot, wiz, PageId.SECRET)
    seen["secret"] = page_texts(wiz)
    type_into(qtbot, wiz.secret_page.secret, PASSWORD)
    await next_page(qtbot, wiz, PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.verdict.text()
    seen["test"] = page_texts(wiz)
    click(qtbot, wiz.test.details_button)
    seen["test details"] = page_texts(wiz)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    seen["summary"] = page_texts(wiz) + diff_lines(wiz)
    await next_page(qtbot, wiz, PageId.DONE)
    seen["done"] = page_texts(wiz)
    wiz.close()
    return seen


def untranslated(english: list[tuple[str, str]], german: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """German texts that are exactly an English text of the same page, unless they are the same in both."""
    sources = {text for _, text in english}
    return [(where, text) for where, text in german if text in sources and not SAME_IN_BOTH.match(text.strip())]


async def test_every_page_in_german_shows_no_english_text(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path, back_to_english: None
) -> None:
    with local_server("smtps", server_tls) as server:
        english = await walk(qtbot, tmp_path / "en", "en", server, ca_file)
        german = await walk(qtbot, tmp_path / "de", "de", server, ca_file)
    assert set(german) == set(english)
    assert all(german.values())
    leftovers = {page: untranslated(english[page], german[page]) for page in german}
    assert not any(leftovers.values()), {page: found for page, found in leftovers.items() if found}


async def failed_test_page(qtbot: Any, folder: Path, lang: str, server: Any, ca_file: Path) -> list[tuple[str, str]]:
    """The Test page after a rejected password, in `lang`, with its details open."""
    folder.mkdir()
    wiz = open_wizard(qtbot, folder / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "localhost")
    type_into(qtbot, wiz.server.port, "465")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[Security.SMTPS])
    await next_page(qtbot, wiz, PageId.SECRET)
    type_into(qtbot, wiz.secret_page.secret, "not-the-password")
    await next_page(qtbot, wiz, PageId.TEST)
    await probe_finished(wiz)
    assert not wiz.test.passed()
    click(qtbot, wiz.test.details_button)
    texts = page_texts(wiz)
    wiz.close()
    return texts


async def test_failed_test_page_in_german_shows_no_english_text(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path, back_to_english: None
) -> None:
    with local_server("smtps", server_tls) as server:
        english = await failed_test_page(qtbot, tmp_path / "en", "en", server, ca_file)
        german = await failed_test_page(qtbot, tmp_path / "de", "de", server, ca_file)
    assert german
    assert not untranslated(english, german)
