"""argparse's refusals of a command line reach the user in their language (EN and DE), as text and in JSON;
the option names and values typed stay as they were."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]
ARGPARSE_ENGLISH = ("the following arguments", "unrecognized", "invalid choice", "expected one", "not allowed")

# (command line after --lang, a language-free part the message keeps)
REFUSALS = [
    (["apply", "--config", "c.toml"], "--user"),
    (["apply", "--config", "c.toml", "--user", "a", "--host", "h", "--security", "bogus"], "bogus"),
    (["check", "--config"], "--config"),
    (["check", "--config", "c.toml", "--bogus-option"], "--bogus-option"),
    (["apply", "--config", "c.toml", "--user", "a", "--host", "h", "--security", "none", "--no-secret",
      "--keep-secret"], "--no-secret"),
    (["check", "--config", "c.toml", "--json=1"], "--json"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "kept"), REFUSALS)
def test_a_refused_command_line_is_said_in_german(cli: CLI, line: list[str], kept: str) -> None:
    run = cli("--lang", "de", *line)
    assert run.code == 2
    last = run.err.strip().splitlines()[-1]
    assert last.startswith("Fehler im Aufruf:") and kept in last, last
    assert not any(words in last for words in ARGPARSE_ENGLISH), last


@pytest.mark.parametrize(("line", "kept"), REFUSALS)
def test_a_refused_command_line_is_said_in_the_catalogues_english(cli: CLI, line: list[str], kept: str) -> None:
    run = cli("--lang", "en", *line)
    assert run.code == 2
    last = run.err.strip().splitlines()[-1]
    assert last.startswith("Usage error:") and kept in last, last


def test_a_refused_command_line_with_json_is_one_german_object(cli: CLI) -> None:
    run = cli("--lang", "de", "check", "--config", "c.toml", "--json", "--bogus-option")
    assert run.code == 2 and run.err == ""
    error = json.loads(run.out)["error"]
    assert error["kind"] == "usage" and error["message"] == "unbekannte Angaben: --bogus-option"
