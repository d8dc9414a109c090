"""A half-filled `[smtp]` (issue 22): `apply` completes it in the form it has, keeping its comments, and
`check` names what is missing as the server refuses it (its settings loader: "missing field"), exit 3."""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]
EXIT_FILE = 3
VALUES = {
    "user": '"old@contoso.com"',
    "endpoint": '"old.example.com"',
    "secret": '"${SMTP_SECRET}"',
    "starttls": "false",
}
# Every subset of the four keys that lacks `user` or `endpoint` (the two the server cannot do without).
SUBSETS = [
    keys for size in range(4) for keys in itertools.combinations(VALUES, size) if not {"user", "endpoint"} <= set(keys)
]
WANTED = {"user": "it@contoso.com", "endpoint": "smtp.office365.com", "starttls": True}
TAIL = '\n[db]\nurl = "u"\n'


def table(keys: tuple[str, ...]) -> str:
    return "[smtp]\n# fill in later\n" + "".join(f"{key} = {VALUES[key]}\n" for key in keys) + TAIL


def inline(keys: tuple[str, ...]) -> str:
    body = ", ".join(f"{key} = {VALUES[key]}" for key in keys)
    return f"smtp = {{{body}}} # the relay\n" + TAIL


def dotted(keys: tuple[str, ...]) -> str:
    return 'name = "x" # the site\n' + "".join(f"smtp.{key} = {VALUES[key]}\n" for key in keys) + TAIL


def split(keys: tuple[str, ...]) -> str:
    head = "[smtp]\n# fill in later\n" + "".join(f"{key} = {VALUES[key]}\n" for key in keys)
    return head + TAIL + "\n[smtp.tls]\nx = 1\n"


FORMS: dict[str, Callable[[tuple[str, ...]], str]] = {
    "table": table,
    "inline": inline,
    "dotted": dotted,
    "split": split,
}
MARKERS = {"table": "[smtp]\n", "inline": "smtp = {", "dotted": "smtp."}
CASES = [
    pytest.param(form, keys, id=f"{form}-{'+'.join(keys) or 'empty'}")
    for form in FORMS
    for keys in SUBSETS
    if not (form == "dotted" and not keys)  # dotted keys with no key is no [smtp] at all
]


def apply(config: Path) -> list[str]:
    return [
        "apply", "--config", str(config), "--user", "it@contoso.com", "--host", "smtp.office365.com",
        "--security", "starttls", "--no-secret", "--no-probe",
    ]  # fmt: skip


@pytest.mark.parametrize(("form", "keys"), CASES)
def test_apply_completes_a_half_filled_smtp_in_its_form_keeping_its_comments(
    cli: CLI, tmp_path: Path, form: str, keys: tuple[str, ...]
) -> None:
    original = FORMS[form](keys)
    config = tmp_path / "config.toml"
    config.write_text(original)
    run = cli(*apply(config))
    assert run.code == 0, run.err
    text = config.read_text()
    assert tomllib.loads(text)["smtp"] == WANTED
    marker = MARKERS["table" if form == "split" else form]
    assert marker in text  # the same form
    for comment in ("# fill in later", "# the relay", "# the site"):
        assert (comment in text) == (comment in original)
    assert text.split("[db]")[1].startswith('\nurl = "u"\n')
    if form == "dotted":  # dotted keys stay dotted, also when every old one is removed
        assert sorted(re.findall(r"^smtp\.(\w+) = ", text, re.MULTILINE)) == sorted(WANTED)


@pytest.mark.parametrize(("form", "keys"), CASES)
def test_check_names_the_missing_keys_as_the_server_refuses_them(
    cli: CLI, tmp_path: Path, form: str, keys: tuple[str, ...]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(FORMS[form](keys))
    run = cli("check", "--config", str(config), "--json")
    assert run.code == EXIT_FILE
    message = json.loads(run.out)["error"]["message"]
    for key in ("user", "endpoint"):
        assert (f"“{key}”" in message) == (key not in keys)
    assert "refuses to start" in message


def test_check_in_german_names_the_missing_key(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "old@contoso.com"\n')
    run = cli("--lang", "de", "check", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "enthält kein “endpoint”" in run.err and "startet der Server nicht" in run.err


def test_show_names_the_missing_keys_too(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[smtp]\n# fill in later\n")
    run = cli("show", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "“user”, “endpoint”" in run.err


def test_an_inline_table_is_written_as_a_fresh_one_with_spaces_inside_the_braces(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('smtp = {user = "old@contoso.com"}  # the relay\n')
    assert cli(*apply(config)).code == 0
    assert config.read_text() == (
        'smtp = { user = "it@contoso.com", endpoint = "smtp.office365.com", starttls = true }  # the relay\n'
    )
