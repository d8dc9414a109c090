"""argparse's refusals in the user's language. argparse words its errors in English (its gettext domain has
no German catalogue); the kinds are few and fixed, so each is recognised by its English template and said
again from the catalogue, keeping only what is language-free: option names, the values typed, the choices.
An unknown wording (another Python version) is kept as argparse said it."""

from __future__ import annotations

import re

from wizard.core.i18n import tr

# (argparse's template as a pattern, catalogue id) — templates of CPython's Lib/argparse.py (3.11–3.13).
_KINDS = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "usage.required"),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), "usage.unrecognized"),
    (re.compile(r"one of the arguments (?P<names>.+) is required"), "usage.one_required"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<names>.+)"), "usage.ambiguous"),
    (re.compile(r"invalid choice: (?P<value>.+) \(choose from (?P<names>.+)\)"), "usage.invalid_choice"),
    (re.compile(r"expected one argument"), "usage.expected_one"),
    (re.compile(r"not allowed with argument (?P<names>.+)"), "usage.not_allowed_with"),
    (re.compile(r"invalid \S+ value: (?P<value>.+)"), "usage.invalid_value"),
    (re.compile(r"ignored explicit argument (?P<value>.+)"), "usage.ignored_explicit"),
)
_ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<rest>.+)", re.DOTALL)


def _said_again(message: str) -> str:
    for pattern, message_id in _KINDS:
        found = pattern.fullmatch(message)
        if found is not None:
            return tr(message_id, **found.groupdict())
    return message


def localized_usage(message: str) -> str:
    """`message` (argparse's English refusal) in the current language; an unknown kind unchanged."""
    about = _ARGUMENT.fullmatch(message)
    if about is not None:
        return f"{about['name']}: {_said_again(about['rest'])}"  # the option's name, then the refusal
    return _said_again(message)
