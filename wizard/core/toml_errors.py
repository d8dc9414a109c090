"""tomlkit's parse errors as localized reasons with the position a person finds in an editor.

tomlkit speaks English and, at the end of the file, reports the character it reads there as `'\\x00'` at
line 1, column 0 instead of an unexpected end of file; this module names each error kind in the catalogue
(`cli_truth.toml.*`, EN + DE) and puts an end-of-file error at the file's real end.
"""

from __future__ import annotations

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
