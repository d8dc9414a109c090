"""Write only what the server's `.env` reader reads (issue 22): dotenvy 0.15.7 refuses a file that starts with
a UTF-8 byte order mark (at line 1, column 1, so the server gets no variable from it). `check` and `show` name
that as the reason the server gets no secret; `apply` removes the mark inside its transaction (said in the
summary, every other byte kept) and refuses, with line and column, what it cannot repair."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.files import folder_bytes
from wizard.core import dotenv

CLI = Callable[..., Run]
EXIT_FILE = 3
BOM = "\ufeff"
CONFIG = '[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\n'
# A Windows-edited file: BOM, CRLF, an `export`, comments, single quotes with a backslash, a multi-line value.
WINDOWS_ENV = (
    BOM + "# written on Windows\r\n"
    "export DB_PASSWORD='p\\ss word'\r\n"
    'MULTI="one\r\ntwo" # two lines\r\n'
    "SMTP_SECRET=old-secret\r\n"
    "LAST=1\r\n"
)


def folder_with(tmp_path: Path, env: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    (tmp_path / ".env").write_bytes(env.encode("utf-8"))
    return config


def apply(config: Path, *secret: str) -> list[str]:
    return [
        "apply", "--config", str(config), "--user", "a@example.com", "--host", "smtp.example.com",
        "--security", "smtps", "--no-probe", *secret,
    ]  # fmt: skip


@pytest.mark.parametrize("command", ["check", "show"])
def test_a_byte_order_mark_is_named_as_the_reason_the_server_gets_no_secret(
    cli: CLI, tmp_path: Path, command: str
) -> None:
    config = folder_with(tmp_path, WINDOWS_ENV)
    before = folder_bytes(tmp_path)
    run = cli(command, "--config", str(config), "--json")
    assert run.code == EXIT_FILE
    error = json.loads(run.out)["error"]
    assert error["path"].endswith(".env") and (error["line"], error["col"]) == (1, 1)
    assert "byte order mark" in error["message"] and "gets no secret" in error["message"]
    assert folder_bytes(tmp_path) == before


def test_check_names_the_byte_order_mark_in_german(cli: CLI, tmp_path: Path) -> None:
    config = folder_with(tmp_path, WINDOWS_ENV)
    run = cli("--lang", "de", "check", "--config", str(config))
    assert run.code == EXIT_FILE
    assert "Byte-Order-Markierung" in run.err and "kein Geheimnis" in run.err


@pytest.mark.parametrize(
    ("flag", "expected"),
    [("--secret-stdin", "new secret"), ("--keep-secret", "old-secret"), ("--no-secret", "old-secret")],
    ids=["new", "keep", "none"],
)
def test_apply_removes_the_mark_says_so_and_keeps_every_other_byte(
    cli: CLI, tmp_path: Path, flag: str, expected: str
) -> None:
    config = folder_with(tmp_path, WINDOWS_ENV)
    run = cli(*apply(config, flag), stdin="new secret\n")
    assert run.code == 0, run.err
    assert "byte order mark" in run.out and "was removed" in run.out
    text = (tmp_path / ".env").read_bytes().decode("utf-8")
    assert not text.startswith(BOM)
    document = dotenv.parse(text)
    assert document.variables() == {
        "DB_PASSWORD": "p\\ss word",
        "MULTI": "one\r\ntwo",
        "SMTP_SECRET": expected,
        "LAST": "1",
    }
    untouched = WINDOWS_ENV.removeprefix(BOM)
    if flag == "--secret-stdin":
        untouched = untouched.replace("SMTP_SECRET=old-secret", 'SMTP_SECRET="new secret"')
    assert text == untouched


def test_after_the_repair_show_reads_the_secret_as_set(cli: CLI, tmp_path: Path) -> None:
    config = folder_with(tmp_path, WINDOWS_ENV)
    assert cli(*apply(config, "--keep-secret")).code == 0
    shown = cli("show", "--config", str(config), "--json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["settings"]["secret"]["value"] == "***"


@pytest.mark.parametrize(
    ("env", "line", "col"),
    [
        ('A=1\nSMTP_SECRET="unterminated\n', 2, 13),
        ("A=1\r\nBAD KEY=1\r\n", 2, 5),
        (BOM + "A=1\nB=\\q\n", 2, 4),  # a mark and a refusal the wizard cannot repair: nothing is written
        ("A=1\n\ufeffB=2\n", 2, 1),  # a mark that does not lead the file is no mark: a key cannot start with it
        ("A='x\n", 1, 3),
    ],
    ids=["unclosed-quote", "blank-in-key", "bom-and-bad-escape", "inner-mark", "unclosed-single"],
)
def test_apply_refuses_what_dotenvy_refuses_naming_line_and_column(
    cli: CLI, tmp_path: Path, env: str, line: int, col: int
) -> None:
    config = folder_with(tmp_path, env)
    before = folder_bytes(tmp_path)
    run = cli(*apply(config, "--secret-stdin", "--json"), stdin="s\n")
    assert run.code == EXIT_FILE, run.out
    error = json.loads(run.out)["error"]
    assert error["path"].endswith(".env") and (error["line"], error["col"]) == (line, col)
    assert folder_bytes(tmp_path) == before
