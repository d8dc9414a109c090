"""The mnemonics (Alt+letter) a person can use on the wizard's current page: its labels, buttons and group
boxes, and the wizard's own buttons (Back, Next, Write, Finish, Cancel, Help)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget, QWizard

WIZARD_BUTTONS = (
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
    QWizard.WizardButton.HelpButton,
)


def mnemonic(text: str) -> str | None:
    """The letter after the single "&" of a Qt text ("&&" is a literal ampersand), lower-cased, or None."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    if at < 0 or at + 1 >= len(plain):
        return None
    return plain[at + 1].lower()


def mnemonics(wiz: QWizard) -> list[tuple[str, str]]:
    """(letter, text) for every mnemonic in use on the current page, the wizard's own buttons included."""
    page = wiz.currentPage()
    widgets: list[tuple[QWidget, str]] = []
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(page) and label.buddy() is not None:
            widgets.append((label, label.text()))
    for button in page.findChildren(QAbstractButton):
        if button.isVisibleTo(page):
            widgets.append((button, button.text()))
    for box in page.findChildren(QGroupBox):
        if box.isVisibleTo(page):
            widgets.append((box, box.title()))
    for which in WIZARD_BUTTONS:
        button = wiz.button(which)
        if button.isVisible():
            widgets.append((button, button.text()))
    found = []
    for _widget, text in widgets:
        letter = mnemonic(text)
        if letter is not None:
            found.append((letter, text))
    return found


def duplicates(wiz: QWizard) -> list[str]:
    """Readable descriptions of every letter used twice on the current page (empty: none)."""
    by_letter: dict[str, list[str]] = {}
    for letter, text in mnemonics(wiz):
        by_letter.setdefault(letter, []).append(text)
    return [f"Alt+{letter.upper()}: {texts}" for letter, texts in sorted(by_letter.items()) if len(texts) > 1]
