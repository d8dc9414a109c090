"""The Alt+letter of each flow text the Qt wizard shows: the words come from the flow's catalogue (the same
as the terminal wizard's), the letter from this table (a terminal has no mnemonics), per language, so every
page keeps one letter per control (tests/ui/test_mnemonics.py)."""

from __future__ import annotations

from wizard.core import i18n

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
    },
}


def marked(text: str, key: str) -> str:
    """`text` with "&" before its mnemonic letter, literal "&" doubled. The table gives one or more letters,
    best first; a word's first letter is preferred over one inside a word. Unmarked when none fits."""
    plain = text.replace("&", "&&")
    letters = LETTERS.get(i18n.current_language(), LETTERS["en"]).get(key, "")
    lower = plain.lower()
    for at_word_start in (True, False):
        for letter in letters:
            for at, char in enumerate(lower):
                if char != letter or (at > 0 and lower[at - 1] == "&"):
                    continue
                if at_word_start and at > 0 and lower[at - 1].isalnum():
                    continue
                return plain[:at] + "&" + plain[at:]
    return plain
