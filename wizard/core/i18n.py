"""One message catalogue for every face (CLI, GUI, reports), in English and German.

Texts live as data in `resources/i18n/*.toml`: each table is a message id, with one string per language:

    [validation.port_range]
    en = "The port must be between 1 and 65535."
    de = "Der Port muss zwischen 1 und 65535 liegen."

Ids are the dotted table paths. Each area of the program owns its own file, so parallel work never collides.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from wizard.core.resources import resource

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

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


# The build step (scripts/build-translations, run by `make` and packaging/build) compiles the .toml files
# into this one JSON file: reading it takes ~2 ms, parsing the .toml files ~25 ms (tomllib is pure Python),
# which the terminal wizard's first screen would wait for. It names every source it was built from with its
# size and CRC-32 and is used only while each source still has them, so a stale or foreign compiled file
# never wins. (It held the sources' whole text before, 450 KB to read and compare on every start.)
COMPILED_NAME = "catalogue.json"
COMPILED_FORMAT = 2


def read_sources(folder: Traversable) -> dict[str, str]:
    """The catalogue's .toml files in `folder`, by file name, as text."""
    return {name: data.decode("utf-8") for name, data in _source_bytes(folder).items()}


def _source_bytes(folder: Traversable) -> dict[str, bytes]:
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


def fingerprint(sources: Mapping[str, bytes]) -> dict[str, list[int]]:
    """Each source's file name with its size in bytes and its CRC-32: what a compiled catalogue was built
    from. Equal fingerprints mean the same sources (an edit keeping both size and CRC is not a real risk:
    who can write the catalogue's folder can write the program too)."""
    return {name: [len(data), zlib.crc32(data)] for name, data in sorted(sources.items())}


def parse_sources(sources: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Every message id with its texts by language, merged from the .toml texts in file-name order."""
    import tomllib  # lazy: only when there is no valid compiled catalogue

    out: dict[str, dict[str, str]] = {}
    for name in sorted(sources):
        _flatten("", tomllib.loads(sources[name]), out)
    return out


def compile_folder(folder: Traversable) -> str:
    """The compiled catalogue of the .toml files in `folder` (JSON text): their fingerprint and messages.
    Raises tomllib.TOMLDecodeError or UnicodeDecodeError for a source that cannot be parsed."""
    raw = _source_bytes(folder)
    messages = parse_sources({name: data.decode("utf-8") for name, data in raw.items()})
    return json.dumps(
        {"format": COMPILED_FORMAT, "fingerprint": fingerprint(raw), "messages": messages},
        ensure_ascii=False,
        sort_keys=True,
    )


def load_catalogue(folder: Traversable) -> dict[str, dict[str, str]]:
    """The messages of the .toml files in `folder`: from the compiled file when it was built from exactly
    these sources (same names, sizes and CRC-32s), else parsed from the .toml files."""
    raw = _source_bytes(folder)
    try:
        compiled = json.loads((folder / COMPILED_NAME).read_bytes())
    except (OSError, ValueError):  # not built (a checkout before `make`), unreadable or damaged
        compiled = None
    if (
        isinstance(compiled, dict)
        and compiled.get("format") == COMPILED_FORMAT
        and compiled.get("fingerprint") == fingerprint(raw)
        and isinstance(compiled.get("messages"), dict)
    ):
        messages: dict[str, dict[str, str]] = compiled["messages"]
        return messages
    return parse_sources({name: data.decode("utf-8") for name, data in raw.items()})


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message id with its texts by language, merged from all catalogue files."""
    return load_catalogue(resource("i18n"))


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
