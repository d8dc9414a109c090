"""Where a broken config.toml is broken: the line and column the wizard reports are the ones strict TOML
(Python's tomllib) reports, for every kind of error the wizard can meet (issue 22: a duplicate key on line 3
was reported as line 4, a duplicate table header on line 3 as line 5, a NUL byte on line 2 as "line 4: the
file ends too early"). tomllib is the oracle here: each expected position is read from its own message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from wizard.core.config_file import parse, parse_bytes
from wizard.core.errors import FileProblem

P = Path("config.toml")
_AT = re.compile(r"\(at line (\d+), column (\d+)\)$")

# kind → a file with that error where tomllib names a line and column.
CASES = {
    "duplicate key": "[a]\nx = 1\nx = 2\n",
    "duplicate key at top level": 'name = "a"\nport = 1\nname = "b"\n',
    "duplicate table header": "[a]\nx = 1\n[a]\ny = 2\n",
    "duplicate table after others": "[a]\n[b]\nz = 1\n\n[a]\n",
    "table over an array of tables": "[[a]]\nx = 1\n[a]\n",
    "array of tables over a table": "[a]\nx = 1\n[[a]]\n",
    "array of tables over a value": "a = 1\n[[a]]\n",
    "duplicate dotted key": "a.b = 1\nc = 2\na.b = 3\n",
    "dotted key over a value": "a = 1\na.b = 2\n",
    "dotted key into a table's value": "[t]\nv = 1\n[t.v]\n",
    "table over dotted keys": "a.b = 1\n[a]\nc = 2\n",
    "duplicate key in an inline table": 'smtp = { user = "a", user = "b" }\n',
    "key into an inline table": 'smtp = { user = "a" }\nsmtp.endpoint = "b"\n',
    "NUL in a string": 'a = 1\nb = "abc\x00def"\n',
    "NUL in a comment": "a = 1\n# comment \x00 here\nb = 2\n\n",
    "NUL in a literal string": "a = 'x\x00'\n",
    "control character U+0001": 'a = "x\x01"\n',
    "control character U+001F in a comment": "# \x1f\n",
    "DEL in a string": 'a = "x\x7f"\n',
    "bad escape": 'a = 1\nb = "c:\\qrs"\n',
    "bad escape \\x": 'b = "\\x41"\n',
    "bad unicode escape": 'b = "\\uD800"\n',
    "unterminated string at line end": 'a = 1\nb = "open\nc = 2\n',
    "invalid value": "a = tru\n",
    "missing equals": "a 1\n",
    "header not closed": "[a\nb = 1\n",
    "two statements on a line": "a = 1 b = 2\n",
    "bad number": "x = 1.2.3\n",
    "bad date": "d = 1979-13-01\n",
}


def tomllib_position(text: str) -> tuple[int, int]:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    match = _AT.search(str(caught.value))
    assert match, f"tomllib names no position: {caught.value}"
    return int(match.group(1)), int(match.group(2))


def reported(text: str) -> tuple[int | None, int | None]:
    with pytest.raises(FileProblem) as caught:
        parse(P, text)
    return caught.value.line, caught.value.col


@pytest.mark.parametrize("kind", list(CASES))
def test_the_position_is_the_one_tomllib_reports(kind: str) -> None:
    assert reported(CASES[kind]) == tomllib_position(CASES[kind])


@pytest.mark.parametrize("kind", list(CASES))
def test_crlf_line_endings_leave_the_position_as_tomllib_reports_it(kind: str) -> None:
    text = CASES[kind].replace("\n", "\r\n")
    assert reported(text) == tomllib_position(text)


@pytest.mark.parametrize("kind", list(CASES))
def test_a_byte_order_mark_does_not_move_the_position(kind: str) -> None:
    assert reported("\ufeff" + CASES[kind]) == tomllib_position(CASES[kind])


def test_the_issues_three_cases_are_where_they_are() -> None:
    assert reported("[a]\nx = 1\nx = 2\n")[0] == 3
    assert reported("[a]\nx = 1\n[a]\ny = 2\n")[0] == 3
    assert reported('a = 1\nb = "0123456789\x00"\n') == (2, 16)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a = 1\n# x \x00 y\n", "U+0000"),
        ('a = "x\x01"\n', "U+0001"),
        ('a = "x\x7f"\n', "U+007F"),
    ],
)
def test_a_control_character_is_named_never_as_the_end_of_the_file(text: str, kind: str) -> None:
    with pytest.raises(FileProblem) as caught:
        parse(P, text)
    assert kind in caught.value.message and "ends too early" not in caught.value.message


def test_the_transaction_check_reports_the_same_position() -> None:
    text = "[a]\nx = 1\n[a]\n"
    with pytest.raises(FileProblem) as caught:
        parse_bytes(P, text.encode("utf-8"))
    assert (caught.value.line, caught.value.col) == tomllib_position(text)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('a = """open\n', (2, 1)),  # nowhere before the end: the end of the file
        ("a = [1,\n", (2, 1)),
        ("b = 'open\nc = 1\n", (1, 10)),  # tomllib says "end of document"; tomlkit sees the line
    ],
)
def test_where_tomllib_names_only_the_end_the_position_is_the_line_that_is_open(
    text: str, position: tuple[int, int]
) -> None:
    with pytest.raises(tomllib.TOMLDecodeError, match="end of document"):
        tomllib.loads(text)
    assert reported(text) == position
