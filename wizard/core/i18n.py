"""One message catalogue for every face (CLI, GUI, reports), in English and German.

Texts live as data in `resources/i18n/*.toml`: each table is a message id, with one string per language:

    [validation.port_range]
    en = "The port must be between 1 and 65535."
    de = "Der Port muss zwischen 1 und 65535 liegen."

Ids are the dotted table paths. Each area of the program owns its own file, so parallel work never collides.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from typing import Any

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"

_current = DEFAULT_LANGUAGE


class UnknownMessage(KeyError):
    """A message id that no catalogue file defines: a programming error, caught by the catalogue tests."""


def _flatten(prefix: str, table: Mapping[str, Any], out: dict[str, dict[str, str]]) -> None:
    if any(lang in table for lang in LANGUAGES) and all(isinstance(v, str) for v in table.values()):
        out[prefix] = {str(k): str(v) for k, v in table.items()}
        return
    for key, value in table.items():
        if isinstance(value, Mapping):
            _flatten(f"{prefix}.{key}" if prefix else key, value, out)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message id with its texts by language, merged from all catalogue files."""
    import tomllib  # imported here: the GUI's first window must not wait for the catalogue machinery

    from wizard.core.resources import resource

    out: dict[str, dict[str, str]] = {}
    folder = resource("i18n")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            _flatten("", tomllib.loads(entry.read_text(encoding="utf-8")), out)
    return out


def language_from_environment(env: Mapping[str, str] | None = None) -> str:
    """The user's language from LC_ALL, LC_MESSAGES, LANG (POSIX precedence), falling back to English."""
    env = os.environ if env is None else env
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> str:
    return _current


def tr(msg_id: str, lang: str | None = None, /, **params: object) -> str:
    """The text of `msg_id` in `lang` (default: the current language), with `{name}` fields filled in."""
    texts = catalogue().get(msg_id)
    if texts is None:
        raise UnknownMessage(msg_id)
    text = texts.get(lang or _current) or texts[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text
