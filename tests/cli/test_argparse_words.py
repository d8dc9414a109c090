"""argparse's own words — the "usage:" prefix, the section headings, the help of -h and --version — in the
user's language, in the main help, a command's help and a usage error."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]
ENGLISH = ("usage:", "positional arguments:", "options:", "show this help message and exit", "show program's")
GERMAN = ("Aufruf: ", "Optionen:", "diese Hilfe anzeigen und beenden")


@pytest.mark.parametrize("args", [("--help",), ("apply", "--help"), ("check", "--help")])
def test_german_help_has_no_english_words_of_argparse(cli: CLI, args: tuple[str, ...]) -> None:
    run = cli("--lang", "de", *args)
    assert run.code == 0
    assert not [word for word in ENGLISH if word in run.out]
    assert all(word in run.out for word in GERMAN)


def test_german_main_help_names_the_positional_section_and_the_version_option(cli: CLI) -> None:
    out = cli("--lang", "de", "--help").out
    assert "Positionsargumente:" in out
    assert "die Versionsnummer des Programms anzeigen und beenden" in out


@pytest.mark.parametrize("args", [("--help",), ("apply", "--help")])
def test_english_help_keeps_argparses_words(cli: CLI, args: tuple[str, ...]) -> None:
    run = cli("--lang", "en", *args)
    assert run.code == 0
    assert run.out.startswith("usage: smtp-wizard")
    assert "options:" in run.out and "show this help message and exit" in run.out


def test_a_german_usage_error_starts_with_the_german_usage_line(cli: CLI) -> None:
    run = cli("--lang", "de", "apply", "--bogus")
    assert run.code == 2
    assert run.err.startswith("Aufruf: smtp-wizard apply")
    assert "usage:" not in run.err


def test_an_english_usage_error_starts_with_usage(cli: CLI) -> None:
    run = cli("--lang", "en", "apply", "--bogus")
    assert run.code == 2
    assert run.err.startswith("usage: smtp-wizard apply")
