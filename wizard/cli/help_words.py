"""argparse's own words in `--help` and usage lines (headings, the -h and --version help, the "usage:"
prefix) in the user's language. argparse words them in English through gettext, whose domain has no German
catalogue; the formatter recognises each by its English text (CPython's Lib/argparse.py, 3.11–3.13) and
says it again from the catalogue when the help is formatted, so a start without help loads no catalogue.
An unknown wording (another Python version) is kept as argparse said it."""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from wizard.core.i18n import tr

_WORDS = {
    "positional arguments": "cli_truth.help.positionals",
    "options": "cli_truth.help.options",
    "optional arguments": "cli_truth.help.options",  # Python before 3.10 said this
    "show this help message and exit": "cli_truth.help.help",
    "show program's version number and exit": "cli_truth.help.version",
}


def said_again(text: str | None) -> str | None:
    """`text` in the current language when it is one of argparse's own help words; else unchanged."""
    if text is None or text not in _WORDS:
        return text
    return tr(_WORDS[text])


class LocalizedHelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter with argparse's own words from the catalogue."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(said_again(heading))

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, tr("cli_truth.help.usage") if prefix is None else prefix)

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return said_again(action.help)
