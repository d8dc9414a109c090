"""Qt translations: the wizard's own `.qm` and Qt's `qtbase` (so QWizard's Back/Next/Cancel and the standard
dialogs speak the same language), installed at start-up and swapped live by the language switch.

The `.qm` files are built from `resources/translations/*.ts` by `scripts/build-translations --release-only`
and ship inside `wizard.resources`. English is the source language: it needs no translator.
Installing or removing a translator makes Qt send `QEvent.LanguageChange` to every widget; pages retranslate
on it. The core's message catalogue is switched along with it, so both kinds of text agree.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wizard.core import i18n
from wizard.core.resources import resource_path

log = logging.getLogger(__name__)

# Our translators are children of the application with this name, so a later switch finds and removes
# exactly them (and nothing another component installed) without keeping state of its own.
TRANSLATOR_NAME = "smtp-wizard-translator"


def qm_name(lang: str) -> str:
    return f"smtp_wizard_{lang}.qm"


def _ours(app: QCoreApplication, lang: str) -> QTranslator | None:
    translator = QTranslator(app)
    path = resource_path("translations", qm_name(lang))
    if path.is_file() and translator.load(str(path)):
        return translator
    # A missing .qm is a build fault (scripts/build-translations was not run), not the user's: say it in the log.
    log.warning("no compiled translation %s; the wizard's own texts stay English", qm_name(lang))
    translator.deleteLater()
    return None


def _qt_own(app: QCoreApplication, lang: str) -> QTranslator | None:
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(lang), "qtbase", "_", folder):
        return translator
    log.warning("Qt's qtbase translation for %s not found in %s", lang, folder)
    translator.deleteLater()
    return None


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install the translators for `lang` (none for English) and return those that loaded."""
    if lang == i18n.DEFAULT_LANGUAGE:
        return []
    installed = []
    for translator in (_qt_own(app, lang), _ours(app, lang)):  # installed last = asked first: ours wins
        if translator is not None:
            translator.setObjectName(TRANSLATOR_NAME)
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication) -> None:
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setParent(None)
        translator.deleteLater()


def switch_language(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Switch the whole program to `lang`: the catalogue, Qt's default locale and the translators.
    Widgets receive `QEvent.LanguageChange` and retranslate themselves."""
    i18n.set_language(lang)  # raises ValueError on a language the program does not have
    QLocale.setDefault(QLocale(lang))
    remove_translators(app)
    return install_translators(app, lang)
