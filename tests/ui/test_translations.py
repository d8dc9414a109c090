"""Qt translations: the compiled .qm ships in the installed package and translates; the translators switch live;
the .ts sources are complete and keep every placeholder and mnemonic."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from importlib.resources import as_file
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QLabel

from wizard.core import i18n
from wizard.core.resources import resource
from wizard.ui.translation import install_translators, qm_name, remove_translators, switch_language

TS_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "translations"
BUILD_HINT = "run scripts/build-translations --release-only (make run / make test do)"


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    remove_translators(qapp)
    i18n.set_language("en")


def ts_messages(lang: str) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every current message; vanished/obsolete ones left out."""
    root = ET.parse(TS_FOLDER / f"smtp_wizard_{lang}.ts").getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") not in ("vanished", "obsolete"):
                out.append((name, message.findtext("source") or "", translation))
    return out


class LanguageChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.count += 1
        return False


def test_the_german_qm_is_built_into_the_installed_package() -> None:
    assert resource("translations", qm_name("de")).is_file(), BUILD_HINT


def test_a_translator_loaded_from_the_package_translates_the_window_title(app: QApplication) -> None:
    translator = QTranslator()
    with as_file(resource("translations", qm_name("de"))) as path:
        assert translator.load(str(path)), BUILD_HINT
    assert translator.translate("SetupWizard", "SMTP Setup Wizard") == "SMTP-Einrichtungsassistent"


def test_the_installed_qm_holds_every_translation_of_the_ts(app: QApplication) -> None:
    translator = QTranslator()
    with as_file(resource("translations", qm_name("de"))) as path:
        assert translator.load(str(path)), BUILD_HINT
    stale = [(ctx, src) for ctx, src, tr in ts_messages("de") if translator.translate(ctx, src) != tr.text]
    assert stale == [], f"the .qm is older than the .ts: {BUILD_HINT}"


def test_german_installs_our_translator_and_qts_own(app: QApplication) -> None:
    assert len(install_translators(app, "de")) == 2
    assert QCoreApplication.translate("SetupWizard", "SMTP Setup Wizard") == "SMTP-Einrichtungsassistent"
    assert QCoreApplication.translate("QWizard", "&Next >") == "&Weiter >"


def test_english_needs_no_translator(app: QApplication) -> None:
    assert install_translators(app, "en") == []


def test_switching_back_to_english_removes_the_translators(app: QApplication) -> None:
    switch_language(app, "de")
    switch_language(app, "en")
    assert QCoreApplication.translate("SetupWizard", "SMTP Setup Wizard") == "SMTP Setup Wizard"


def test_switching_twice_does_not_stack_translators(app: QApplication) -> None:
    switch_language(app, "de")
    switch_language(app, "de")
    assert len(app.findChildren(QTranslator, "smtp-wizard-translator")) == 2


def test_switching_the_language_switches_the_message_catalogue_too(app: QApplication) -> None:
    switch_language(app, "de")
    assert i18n.current_language() == "de"


def test_switching_the_language_sends_language_change_to_widgets(app: QApplication) -> None:
    label = QLabel("x")
    spy = LanguageChanges()
    label.installEventFilter(spy)
    switch_language(app, "de")
    QCoreApplication.sendPostedEvents()
    assert spy.count >= 1


def test_every_message_in_the_german_ts_is_translated() -> None:
    unfinished = [(ctx, src) for ctx, src, tr in ts_messages("de") if tr.get("type") == "unfinished" or not tr.text]
    assert unfinished == []


def test_german_translations_keep_every_placeholder() -> None:
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{[^{}]*\}", text))

    broken = [src for _, src, tr in ts_messages("de") if fields(src) != fields(tr.text or "")]
    assert broken == []


def test_german_translations_keep_a_mnemonic_where_the_source_has_one() -> None:
    def mnemonics(text: str) -> int:
        return len(re.findall(r"&(?!&)\w", text.replace("&&", "")))

    broken = [src for _, src, tr in ts_messages("de") if mnemonics(src) != mnemonics(tr.text or "")]
    assert broken == []
