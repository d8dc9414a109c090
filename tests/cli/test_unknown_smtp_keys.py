"""Keys in [smtp] the server does not know: the server refuses to start with them, so `check` fails with the
file-problem exit code and `show` flags them — the same rule `apply` uses to remove them (SPEC §2)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from wizard.core.config_file import unknown_smtp_keys
from wizard.core.existing import load_existing

CLI = Callable[..., Run]
EXIT_FILE = 3
KNOWN = 'user = "alice@example.org"\nendpoint = "smtp://127.0.0.1:2525"\n'

# The [smtp] forms the server reads alike, each with one unknown key `port`.
FORMS = {
    "header": f"[smtp]\n{KNOWN}port = 25\n",
    "inline": 'smtp = { user = "alice@example.org", endpoint = "smtp://127.0.0.1:2525", port = 25 }\n',
    "dotted": 'smtp.user = "alice@example.org"\nsmtp.endpoint = "smtp://127.0.0.1:2525"\nsmtp.port = 25\n',
}


def config_with(tmp_path: Path, text: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(text)
    return config


@pytest.mark.parametrize("form", sorted(FORMS))
def test_check_fails_with_the_file_problem_code_for_an_unknown_key_in_every_form(
    cli: CLI, tmp_path: Path, form: str
) -> None:
    config = config_with(tmp_path, FORMS[form])
    before = config.read_bytes()
    run = cli("check", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "The test passed" not in run.out
    assert "[smtp] contains keys the server does not know: port." in run.err
    assert config.read_bytes() == before  # check reads only


def test_check_names_every_unknown_key_in_file_order(cli: CLI, tmp_path: Path) -> None:
    config = config_with(tmp_path, f"[smtp]\nport = 25\n{KNOWN}tls = true\nfrom = \"x@example.org\"\n")
    run = cli("check", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "does not know: port, tls, from." in run.err


def test_check_says_it_in_german(cli: CLI, tmp_path: Path) -> None:
    config = config_with(tmp_path, FORMS["header"])
    run = cli("--lang", "de", "check", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "[smtp] enthält Schlüssel, die der Server nicht kennt: port." in run.err


def test_check_json_reports_a_file_error(cli: CLI, tmp_path: Path) -> None:
    config = config_with(tmp_path, FORMS["header"])
    run = cli("check", "--config", str(config), "--json")
    assert run.code == EXIT_FILE
    error = json.loads(run.out)["error"]
    assert error["kind"] == "file" and error["path"] == str(config)
    assert "does not know: port" in error["message"]


def test_show_flags_the_unknown_keys(cli: CLI, tmp_path: Path) -> None:
    config = config_with(tmp_path, FORMS["dotted"] + "smtp.timeout = 5\n")
    run = cli("show", "--config", str(config))
    assert run.code == 0
    assert "[smtp] contains keys the server does not know: port, timeout." in run.err


def test_show_json_lists_the_unknown_keys_note(cli: CLI, tmp_path: Path) -> None:
    config = config_with(tmp_path, FORMS["inline"])
    run = cli("--lang", "de", "show", "--config", str(config), "--json")
    notes = json.loads(run.out)["notes"]
    assert any("nicht kennt: port" in note for note in notes)


def test_a_clean_smtp_section_has_no_unknown_keys_note(tmp_path: Path) -> None:
    config = config_with(tmp_path, f"[smtp]\n{KNOWN}")
    assert [note.msg_id for note in load_existing(config, {}).notes] == []


def test_known_keys_are_not_unknown() -> None:
    table = {"user": "", "endpoint": "", "secret": "", "starttls": False, "port": 25}
    assert unknown_smtp_keys(table) == ("port",)
