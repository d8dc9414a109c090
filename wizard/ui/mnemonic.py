"""The Alt+letter of each flow text the Qt wizard shows: the words come from the flow's catalogue (the same
as the terminal wizard's), the letter from this table (a terminal has no mnemonics), per language, so every
page keeps one letter per control (tests/ui/test_mnemonics.py).

Buttons that come and go with the page's state (advice and fix links after a test, "Change server
settings…", "Read the files again") take their letter with `mark_yielding`: the table's letter unless the
wizard's own buttons (Alt+N is always Next, Alt+B Back, …) or another control on the page already use it,
else the next free letter of their text — so a button appearing after a test never takes Next's letter.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget, QWizard, QWizardPage

from wizard.core import i18n

# The wizard's own buttons: their letters are never given to a page's control.
WIZARD_BUTTONS = (
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.CancelButton,
    QWizard.WizardButton.HelpButton,
)

# key: a question name, "<question>.<option value>" or "action.<action id>"; value: letters, best first
LETTERS: dict[str, dict[str, str]] = {
    "en": {
        "config_path": "c",
        "language": "l",
        "skip": "y",
        "layout.legacy": "o",
        "layout.current": "w",
        "deployment": "d",
        "compose_file": "f",
        "user": "a",
        "login": "l",
        "secret": "p",
        "login_differs": "m",
        "host": "v",
        "port": "p",
        "relay": "r",
        "security.smtps": "i",
        "security.starttls": "s",
        "security.none": "o",
        "secret_source.new": "e",
        "secret_source.keep": "k",
        "secret_source.none": "o",
        "secret_var": "v",
        "send_to": "t",
        "plaintext_auth": "w",
        "save_untested": "s",
        "action.use_465": "4",
        "action.use_587": "5",
        "action.use_starttls": "u",
        "action.change_server": "g",
        "action.retry_no_password": "y",
        "action.reread": "r",
        "action.save_report": "a",
        "action.use_remembered": "u",
        "remember": "m",
        "action.fix": "hn",
        "hostname": "mf",
        "action.set_hostname": "e",
        "action.unset_hostname": "l",
        "server.suggestions": "s",
        "summary.section": "s",
        "done.demo_mail": "t",
        "advanced": "d",
        "more.keyring": "r",
        "more.version": "h",
    },
    "de": {
        "config_path": "k",
        "language": "s",
        "skip": "e",
        "layout.legacy": "l",
        "layout.current": "n",
        "deployment": "b",
        "compose_file": "d",
        "user": "a",
        "login": "a",
        "secret": "p",
        "login_differs": "m",
        "host": "n",
        "port": "p",
        "relay": "r",
        "security.smtps": "i",
        "security.starttls": "t",
        "security.none": "k",
        "secret_source.new": "e",
        "secret_source.keep": "b",
        "secret_source.none": "k",
        "secret_var": "v",
        "send_to": "t",
        "plaintext_auth": "u",
        "save_untested": "o",
        "action.use_465": "4",
        "action.use_587": "5",
        "action.use_starttls": "u",
        "action.change_server": "v",
        "action.retry_no_password": "h",
        "action.reread": "d",
        "action.save_report": "p",
        "action.use_remembered": "u",
        "remember": "m",
        "action.fix": "än",
        "hostname": "cr",
        "action.set_hostname": "m",
        "action.unset_hostname": "vä",
        "server.suggestions": "v",
        "summary.section": "a",
        "done.demo_mail": "t",
        "advanced": "t",
        "more.keyring": "r",
        "more.version": "fv",
    },
}


def marked(text: str, key: str, taken: set[str] | None = None) -> str:
    """`text` with "&" before its mnemonic letter, literal "&" doubled. The table gives one or more letters,
    best first; a word's first letter is preferred over one inside a word. With `taken` (lower-case letters
    other controls use), those are skipped, and when none of the table's letters is free, the first free
    letter of the text (word starts first) is taken. Unmarked when none fits."""
    plain = text.replace("&", "&&")
    table = LETTERS.get(i18n.current_language(), LETTERS["en"]).get(key, "")
    if taken is None:
        return _mark_first(plain, table) or plain
    found = _mark_first(plain, [letter for letter in table if letter not in taken])
    if found is None:
        free = [c for c in dict.fromkeys(plain.lower()) if c.isalnum() and c not in taken]
        found = _mark_first(plain, free)
    return found or plain


def _mark_first(plain: str, letters: Iterable[str]) -> str | None:
    """`plain` marked at the first of `letters` found at a word start, else inside a word; None: none."""
    lower = plain.lower()
    for at_word_start in (True, False):
        for letter in letters:
            for at, char in enumerate(lower):
                if char != letter or (at > 0 and lower[at - 1] == "&"):
                    continue
                if at_word_start and at > 0 and lower[at - 1].isalnum():
                    continue
                return plain[:at] + "&" + plain[at:]
    return None


def mnemonic_of(text: str) -> str | None:
    """The letter after the single "&" of a Qt text ("&&" is a literal ampersand), lower-cased, or None."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    if at < 0 or at + 1 >= len(plain):
        return None
    return plain[at + 1].lower()


YIELDS = "mnemonicYields"  # the property marking a button whose letter `mark_yielding` chose


def letters_in_use(widget: QWidget) -> set[str]:
    """The mnemonic letters `widget` must not take: the wizard's own buttons', every fixed control's on its
    page (shown or not: a Retry hidden while the test runs comes back), and the other yielding buttons'
    that are shown."""
    page = widget.parentWidget()
    while page is not None and not isinstance(page, QWizardPage):
        page = page.parentWidget()
    if page is None:
        return set()
    texts: list[str] = []
    wizard = page.wizard()
    if wizard is not None:
        texts += [wizard.button(which).text() for which in WIZARD_BUTTONS]
    texts += [label.text() for label in page.findChildren(QLabel) if label.buddy() is not None]
    texts += [box.title() for box in page.findChildren(QGroupBox)]
    for button in page.findChildren(QAbstractButton):
        if button is not widget and (not button.property(YIELDS) or button.isVisibleTo(page)):
            texts.append(button.text())
    return {letter for letter in map(mnemonic_of, texts) if letter is not None}


def mark_yielding(button: QAbstractButton, text: str, key: str) -> None:
    """Set the text of a button that comes and goes with the page's state, with a letter no other control
    of the page (nor the wizard's own buttons) uses. Call it after the page's other controls are shown."""
    button.setProperty(YIELDS, True)
    button.setText(marked(text, key, letters_in_use(button)))
