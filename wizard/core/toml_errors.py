"""TOML parse errors as localized reasons at the position strict TOML (tomllib) reports.

tomlkit speaks English and, at the end of the file, reports the character it reads there as `'\\x00'` at
line 1, column 0 instead of an unexpected end of file; this module names each error kind in the catalogue
(`cli_truth.toml.*`, EN + DE) and puts an end-of-file error at the file's real end.
"""

from __future__ import annotations

import re

import tomlkit
from tomlkit import exceptions as tk

from wizard.core.i18n import tr

_EOF_CHAR = "\x00"  # what tomlkit's source yields past the last character

# Exception class → catalogue id of the reason; looked up along the class's MRO, most specific first.
_KINDS: dict[type[Exception], str] = {
    tk.UnexpectedEofError: "cli_truth.toml.unexpected_eof",
    tk.InvalidNumberError: "cli_truth.toml.invalid_number",
    tk.InvalidDateError: "cli_truth.toml.invalid_date",
    tk.InvalidTimeError: "cli_truth.toml.invalid_time",
    tk.InvalidDateTimeError: "cli_truth.toml.invalid_datetime",
    tk.InvalidNumberOrDateError: "cli_truth.toml.invalid_number_or_date",
    tk.InvalidUnicodeValueError: "cli_truth.toml.invalid_unicode",
    tk.EmptyKeyError: "cli_truth.toml.empty_key",
    tk.EmptyTableNameError: "cli_truth.toml.empty_table_name",
    tk.MixedArrayTypesError: "cli_truth.toml.mixed_array",
}
FALLBACK = "cli_truth.toml.other"


def end_of(text: str) -> tuple[int, int]:
    """(line, column), both from 1, of the position just after the last character of `text`."""
    line = text.count("\n") + 1
    return line, len(text) - (text.rfind("\n") + 1) + 1


def describe(exc: tk.ParseError, text: str) -> tuple[str, int, int]:
    """The localized reason for `exc` raised while parsing `text`, and its (line, column) counted from 1."""
    line, col = exc.line, exc.col + 1  # tomlkit counts columns from 0
    if isinstance(exc, tk.UnexpectedCharError):
        char = _unexpected_char(exc)
        if char is None or char == _EOF_CHAR:
            return tr("cli_truth.toml.unexpected_eof"), *end_of(text)
        if char in "\r\n":
            return tr("cli_truth.toml.unexpected_line_end"), line, col
        return tr("cli_truth.toml.unexpected_char", char=char), line, col
    if isinstance(exc, tk.UnexpectedEofError):
        return tr("cli_truth.toml.unexpected_eof"), *end_of(text)
    if isinstance(exc, tk.InvalidControlChar):
        code = _control_code(exc)
        if code == 0x0A:  # a line break inside a one-line string: the string was never closed
            return tr("cli_truth.toml.string_not_closed"), line, col
        return tr("cli_truth.toml.control_char", code=f"U+{code:04X}" if code is not None else "?"), line, col
    for kind in type(exc).__mro__:
        if kind in _KINDS:
            return tr(_KINDS[kind]), line, col
    return tr(FALLBACK), line, col


def _unexpected_char(exc: tk.UnexpectedCharError) -> str | None:
    # tomlkit keeps the character only in its message: "Unexpected character: 'x'" (a Python repr).
    message = str(exc).split(" at line ")[0]
    _, _, shown = message.partition(": ")
    try:
        char = shown.encode("ascii", "backslashreplace").decode("unicode_escape")[1:-1]
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 else None


def _control_code(exc: tk.InvalidControlChar) -> int | None:
    # The code is only in the message: "... use \\u000a instead".
    message = str(exc)
    marker = message.rfind("\\u")
    try:
        return int(message[marker + 2 : marker + 6], 16) if marker >= 0 else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------
# Strict TOML (Python's tomllib, the parser whose verdict and position the wizard reports).

_TOMLLIB_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOMLLIB_END = " (at end of document)"
# tomllib's reasons (CPython Lib/tomllib/_parser.py) by their first words → catalogue id.
_DUPLICATES = (
    "Cannot overwrite a value",
    "Cannot declare",
    "Cannot mutate immutable namespace",
    "Cannot redefine namespace",
    "Duplicate inline table key",
)
_TOMLLIB_KINDS = (
    ("Illegal character '\\n'", "cli_truth.toml.string_not_closed"),
    ("Unterminated string", "file_layer.toml.unterminated_string"),
    ("Expected \"'\"", "file_layer.toml.unterminated_string"),
    ("Expected '\"'", "file_layer.toml.unterminated_string"),
    ("Unescaped '\\' in a string", "file_layer.toml.bad_escape"),
    ("Escaped character is not a Unicode scalar value", "cli_truth.toml.invalid_unicode"),
    ("Invalid hex value", "cli_truth.toml.invalid_unicode"),
    ("Invalid date or datetime", "cli_truth.toml.invalid_datetime"),
    ("Invalid value", "file_layer.toml.invalid_value"),
    ("Unclosed array", "file_layer.toml.unclosed"),
    ("Unclosed inline table", "file_layer.toml.unclosed"),
    ("Expected '=' after a key", "file_layer.toml.equals_expected"),
    ("Expected ']'", "file_layer.toml.header_not_closed"),
    ("Expected newline or end of document", "file_layer.toml.statement_end"),
    ("Invalid initial character for a key part", "file_layer.toml.key_expected"),
    ("Invalid statement", "file_layer.toml.invalid_statement"),
)

# Reasons that only say "something is wrong here"; tomlkit may know better what (a bad number or date).
_VAGUE = ("Invalid value", "Expected newline or end of document", "Invalid statement", "Invalid initial character")

# (message id of the FileProblem, line, column, (reason id, its parameters) or None)
Problem = tuple[str, int, int, tuple[str, dict[str, str]] | None]


def from_tomllib(message: str, body: str) -> Problem:
    """What tomllib's refusal `message` of `body` means: the FileProblem's id, tomllib's own line and column
    (from 1; at the end of the document, the position after the last character), and the reason in the
    catalogue. Where tomlkit refuses the same line, its finer kind names the reason (a bad date, a bad
    number); tomllib's English never reaches the user."""
    match = _TOMLLIB_AT.search(message)
    at_end = message.endswith(_TOMLLIB_END)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        reason = message[: match.start()]
    else:
        line, col = end_of(body)
        reason = message.removesuffix(_TOMLLIB_END)
    if reason.startswith(_DUPLICATES):
        return "files.toml_duplicate", line, col, None
    if at_end:  # tomllib names no position: tomlkit's, where it sees a line that is not the end
        found = _tomlkit_error(body)
        if found is not None:
            kind = _kind_of(found)
            if kind[0] not in (FALLBACK, "cli_truth.toml.unexpected_eof"):
                return "files.toml_parse", found.line, found.col + 1, kind
    finer = _tomlkit_kind(body, line) if not at_end and reason.startswith(_VAGUE) else None
    if finer is not None:
        return "files.toml_parse", line, col, finer
    return "files.toml_parse", line, col, _tomllib_kind(reason, at_end)


def _tomllib_kind(reason: str, at_end: bool) -> tuple[str, dict[str, str]]:
    for prefix in ("Illegal character ", "Found invalid character "):
        if reason.startswith(prefix) and reason != "Illegal character '\\n'":
            char = _python_repr_char(reason[len(prefix) :])
            if char is not None and (ord(char) < 0x20 or ord(char) == 0x7F):
                return "cli_truth.toml.control_char", {"code": f"U+{ord(char):04X}"}
            if char is not None:
                return "cli_truth.toml.unexpected_char", {"char": char}
    if at_end and reason.startswith(_VAGUE):
        return "cli_truth.toml.unexpected_eof", {}
    for prefix, kind in _TOMLLIB_KINDS:
        if reason.startswith(prefix):
            return kind, {}
    return ("cli_truth.toml.unexpected_eof" if at_end else FALLBACK), {}


def _tomlkit_error(body: str) -> tk.ParseError | None:
    try:
        tomlkit.parse(body)
    except tk.ParseError as exc:
        return exc
    except tk.TOMLKitError:
        return None
    return None


def _tomlkit_kind(body: str, line: int) -> tuple[str, dict[str, str]] | None:
    """tomlkit's kind for its refusal of `body` when it is on `line`; None otherwise."""
    found = _tomlkit_error(body)
    if found is None or found.line != line:
        return None
    kind = _kind_of(found)
    return kind if kind[0] != FALLBACK else None


def _kind_of(exc: tk.ParseError) -> tuple[str, dict[str, str]]:
    if isinstance(exc, tk.UnexpectedCharError):
        char = _unexpected_char(exc)
        if char is None or char == _EOF_CHAR:
            return "cli_truth.toml.unexpected_eof", {}
        if char in "\r\n":
            return "cli_truth.toml.unexpected_line_end", {}
        return "cli_truth.toml.unexpected_char", {"char": char}
    if isinstance(exc, tk.InvalidControlChar):
        code = _control_code(exc)
        if code == 0x0A:
            return "cli_truth.toml.string_not_closed", {}
        return "cli_truth.toml.control_char", {"code": f"U+{code:04X}" if code is not None else "?"}
    for kind in type(exc).__mro__:
        if kind in _KINDS:
            return _KINDS[kind], {}
    return FALLBACK, {}


def _python_repr_char(shown: str) -> str | None:
    try:
        char = shown.encode("ascii", "backslashreplace").decode("unicode_escape")[1:-1]
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 else None
