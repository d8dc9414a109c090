"""A config.toml that is not TOML: the reason by the parse error's kind in the user's language (never
tomlkit's English, never a `\\x00`), at the line and column a person finds in an editor (from 1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from tomlkit import exceptions as tk

from tests.cli.conftest import Run
from wizard.core import toml_errors
from wizard.core.i18n import set_language, tr

CLI = Callable[..., Run]
EXIT_FILE = 3

# text → (catalogue id of the reason, line, column). The position is the one tomllib reports (issue 22);
# where tomllib names only "the end of the document", tomlkit's line where it sees one, else the end.
CASES = {
    "a = [1,\n": ("cli_truth.toml.unexpected_eof", 2, 1),
    "a = { b = 1": ("file_layer.toml.unclosed", 1, 12),
    'a = """x\n': ("file_layer.toml.unterminated_string", 2, 1),
    "a = tru\n": ("cli_truth.toml.unexpected_line_end", 1, 5),
    "a = 1 b\n": ("cli_truth.toml.unexpected_char", 1, 7),
    'b = "x\n': ("cli_truth.toml.string_not_closed", 1, 7),
    "b = 'x\n": ("cli_truth.toml.string_not_closed", 1, 7),
    'a = "x\x01"\n': ("cli_truth.toml.control_char", 1, 7),
    "x = 1.2.3\n": ("cli_truth.toml.invalid_number", 1, 8),
    "d = 1979-13-01\n": ("cli_truth.toml.invalid_date", 1, 9),
    "t = 25:99:00\n": ("cli_truth.toml.invalid_time", 1, 7),
    "t = 1979-05-27T25:32:00\n": ("cli_truth.toml.invalid_datetime", 1, 15),
    'a = "\\uD800"\n': ("cli_truth.toml.invalid_unicode", 1, 12),
    "= 1\n": ("cli_truth.toml.empty_key", 1, 1),
    "[]\n": ("cli_truth.toml.empty_table_name", 1, 2),
}
ENGLISH_OF_TOMLKIT = ("Unexpected", "Control characters", "Invalid", "Empty", "\\x00", "\x00")


def localized(kind: str, lang: str) -> str:
    params = {"char": "b"} if kind.endswith("unexpected_char") else {"code": "U+0001"}
    return tr(kind, lang, **params)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("text", sorted(CASES))
def test_each_parse_error_kind_is_named_in_the_users_language_at_its_position(
    cli: CLI, tmp_path: Path, text: str, lang: str
) -> None:
    kind, line, col = CASES[text]
    config = tmp_path / "config.toml"
    config.write_text(text)
    run = cli("--lang", lang, "check", "--config", str(config), "--json")
    assert run.code == EXIT_FILE
    error = json.loads(run.out)["error"]
    assert (error["line"], error["col"]) == (line, col)
    assert localized(kind, lang) in error["message"]
    assert not any(word in error["message"] for word in ENGLISH_OF_TOMLKIT)


def test_the_newcomers_file_gets_german_words_and_the_end_of_file_position(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "broken.toml"
    config.write_text("a = [1,\n")
    run = cli("--lang", "de", "check", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "Zeile 2, Spalte 1" in run.err and "die Datei endet zu früh" in run.err
    assert "\\x00" not in run.err and "Unexpected" not in run.err


def test_show_reads_the_same_words(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('b = "x\n')
    run = cli("--lang", "de", "show", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "wird vor dem Zeilenende nicht geschlossen" in run.err


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (tk.InvalidNumberOrDateError(1, 4), "cli_truth.toml.invalid_number_or_date"),
        (tk.MixedArrayTypesError(1, 4), "cli_truth.toml.mixed_array"),
        (tk.InternalParserError(1, 4, "boom"), toml_errors.FALLBACK),
    ],
)
def test_kinds_the_parser_rarely_raises_still_have_their_own_words(exc: tk.ParseError, kind: str) -> None:
    reason, line, col = toml_errors.describe(exc, "a = 1\n")
    assert reason == tr(kind) and (line, col) == (1, 5)


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "the TOML syntax is broken here"), ("de", "die TOML-Syntax ist hier fehlerhaft")]
)
def test_the_fallback_for_an_unknown_kind_embeds_no_english(lang: str, words: str) -> None:
    set_language(lang)
    try:
        reason, _, _ = toml_errors.describe(tk.InternalParserError(1, 0, "Something English"), "")
    finally:
        set_language("en")
    assert reason == words
