"""Docker Compose's own `.env` grammar (compose-go `dotenv/parser.go`, the reader of the compose project's
`.env` and of `env_file:` files), read with positions and merge-written.

It is not dotenvy's grammar (`wizard/core/dotenv.py`, the server's): here the LAST definition of a name wins;
`KEY: value` works like `KEY=value`; a line holding only `KEY` takes KEY from the environment; an unquoted
value runs to the end of the line, loses a ` #` comment and trailing blanks, and is interpolated; a
'single-quoted' value is literal except that `\\'` is a quote; a "double-quoted" value may span lines, turns
`\\"` into `"`, then the escapes `\\a \\b \\f \\n \\r \\t \\v \\\\ \\" \\$` and `\\0ooo` (octal), then is
interpolated (`wizard/core/deployment/interpolation.py`: `$$` and `\\$` are a literal `$`). Text after a
closing quote on the same line is read as the next statement (so a `# comment` there is fine).
Interpolation looks at the shell environment first, then at earlier definitions in the file.

The writer always writes `NAME="..."` with `\\` -> `\\\\`, `"` -> `\\"`, `$` -> `\\$`, LF -> `\\n`,
CR -> `\\r`; that reads back byte-exact for every string without NUL (the tests check it against the real
`docker compose`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from wizard.core.deployment.interpolation import InterpolationError, interpolate
from wizard.core.dotenv import DotenvParseError, DotenvVerifyError, TextPositions
from wizard.core.dotenv import quote_value as _dotenvy_checks
from wizard.core.settings import validate_var_name

# Go's unicode.IsSpace (used to find a statement) and the parser's own isSpace (blanks within a line).
_GO_SPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)
_LINE_SPACE = "\t\x0b\x0c\r \x85\xa0"
_EXPORT = re.compile(r"export\s+")
_ESCAPE = re.compile(r"\\(?:[abcfnrtv$\"\\]|0\d{0,3})")
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class ComposeEntry:
    """One definition. `start:end` is its raw text from the key (after any `export`) to the end of the value
    (the closing quote, or the end of an unquoted value without its comment): what the writer replaces."""

    key: str
    value: str | None = field(repr=False)  # None: a bare `KEY` line whose variable is not set
    line_no: int
    start: int
    end: int
    inherited: bool = False


@dataclass(frozen=True)
class ComposeEnvDocument:
    entries: tuple[ComposeEntry, ...]

    def definitions(self, key: str) -> list[ComposeEntry]:
        return [e for e in self.entries if e.key == key]

    def last(self, key: str) -> ComposeEntry | None:
        found = self.definitions(key)
        return found[-1] if found else None

    def effective(self, key: str) -> str | None:
        """What compose gets for `key` from this file: the last definition (None: not defined)."""
        return self.variables().get(key)

    def variables(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for entry in self.entries:
            if entry.value is not None:
                out[entry.key] = entry.value
        return out


def _unescape(raw: str) -> str:
    def one(match: re.Match[str]) -> str:
        seq = match.group(0)
        if seq == "\\$":
            return "$$"  # compose-go hands `\$` to interpolation as its escaped dollar
        if seq.startswith("\\0"):
            digits = seq[2:]
            if len(digits) == 3 and all(d in "01234567" for d in digits) and int(digits, 8) <= 0o377:
                return chr(int(digits, 8))
            return seq
        return _SIMPLE_ESCAPES.get(seq[1], seq)

    return _ESCAPE.sub(one, raw)


def parse(text: str, env: Mapping[str, str] | None = None, *, strict: bool = True) -> ComposeEnvDocument:
    """Every definition in `text` with its value as compose reads it, given the shell environment `env`
    (None: empty). Raises DotenvParseError (line, column) where compose stops with an error; with
    `strict=False` a value compose cannot interpolate (`${X:?}` with X unset) is kept raw instead, for the
    writer, which only needs the positions."""
    environment: Mapping[str, str] = {} if env is None else env
    where = TextPositions(text)
    out: dict[str, str] = {}
    entries: list[ComposeEntry] = []

    def lookup(name: str) -> str | None:
        return environment[name] if name in environment else out.get(name)

    def expand(value: str, at: int, key: str) -> str:
        try:
            return interpolate(value, lookup).text
        except InterpolationError as exc:
            if not strict:
                return value
            raise where.error("deployment.env_interpolation", at, name=key, reason=exc.message) from None

    pos = 0
    size = len(text)
    while True:
        while pos < size and text[pos] in _GO_SPACE:
            pos += 1
        if pos >= size:
            break
        if text[pos] == "#":
            newline = text.find("\n", pos)
            if newline < 0:
                break
            pos = newline
            continue
        export = _EXPORT.match(text, pos)
        if export is not None:
            pos += len("export")
            while pos < size and text[pos] in _LINE_SPACE:
                pos += 1
        key_start = pos
        terminator = -1
        i = pos
        while i < size:
            c = text[i]
            if c in _LINE_SPACE:
                i += 1
                continue
            if c in "=:\n":
                terminator = i
                break
            if c in "_.-[]" or c.isalpha() or c.isnumeric():
                i += 1
                continue
            raise where.error("deployment.env_bad_key", i, char=c)
        if terminator < 0:
            # compose-go reads a last line without `=` as a key with the whole line as its value; nothing
            # sensible to keep, and the writer puts a line break after it before appending.
            entries.append(ComposeEntry("", text[key_start:], where.line(key_start), key_start, size))
            break
        key = text[key_start:terminator].rstrip(_GO_SPACE)
        if " " in key:
            raise where.error("deployment.env_key_space", key_start, name=key)
        if text[terminator] == "\n":
            value = lookup(key)
            if value is not None:
                out[key] = value
            entries.append(ComposeEntry(key, value, where.line(key_start), key_start, terminator, inherited=True))
            pos = terminator + 1
            continue
        pos = terminator + 1
        while pos < size and text[pos] in _LINE_SPACE:
            pos += 1
        value, end, pos = _value(text, pos, key, where, expand)
        out[key] = value
        entries.append(ComposeEntry(key, value, where.line(key_start), key_start, end))
    return ComposeEnvDocument(tuple(entries))


def _value(
    text: str, pos: int, key: str, where: TextPositions, expand: Callable[[str, int, str], str]
) -> tuple[str, int, int]:
    """(value, end of its raw text, where reading goes on)."""
    quote = text[pos : pos + 1]
    if quote not in ("'", '"'):
        newline = text.find("\n", pos)
        line_end = len(text) if newline < 0 else newline
        raw = text[pos:line_end]
        comment = raw.find(" #")
        if comment >= 0:
            raw = raw[:comment]
        raw = raw.rstrip(_GO_SPACE)
        return expand(raw, pos, key), pos + len(raw), line_end
    chars: list[str] = []
    escaped = False
    i = pos + 1
    while i < len(text):
        c = text[i]
        if c != quote:
            if not escaped and c == "\\":
                escaped = True
            else:
                if escaped:
                    chars.append("\\")
                    escaped = False
                chars.append(c)
            i += 1
            continue
        if escaped:
            chars.append(c)
            escaped = False
            i += 1
            continue
        value = "".join(chars)
        if quote == '"':
            value = expand(_unescape(value), pos, key)
        return value, i + 1, i + 1
    raise where.error("deployment.env_unterminated", pos, name=key)


# ---------------------------------------------------------------------------------------------------------
# The writer.


def quote_value(value: str) -> str:
    """`value` as a double-quoted compose `.env` value that reads back exactly (NUL and lone surrogates are
    refused with a ValidationError, as for the server's `.env`)."""
    _dotenvy_checks(value)
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


@dataclass(frozen=True)
class ComposeSetResult:
    text: str = field(repr=False)  # holds the secret
    line_no: int
    appended: bool
    ignored_lines: tuple[int, ...]  # earlier definitions of the name, which compose overrides


def _line_ending(text: str) -> str:
    newline = text.find("\n")
    return "\r\n" if newline > 0 and text[newline - 1] == "\r" else "\n"


def set_variable(text: str, name: str, value: str) -> ComposeSetResult:
    """`text` with `name` set to `value`: its effective (last) definition is rewritten in place as
    `NAME="..."` (an `export` prefix and a trailing comment stay), or a line is appended. Every other
    character stays. Raises DotenvParseError if `text` is not readable already, DotenvVerifyError if the
    result would not read back as `value`."""
    validate_var_name(name)
    quoted = f"{name}={quote_value(value)}"
    last = parse(text, strict=False).last(name)
    if last is not None:
        new_text = text[: last.start] + quoted + text[last.end :]
    else:
        eol = _line_ending(text)
        if text and not text.endswith("\n"):
            text += eol
        new_text = text + quoted + eol
    document = verify_round_trip(new_text, name, value)
    lines = [entry.line_no for entry in document.definitions(name)]
    return ComposeSetResult(new_text, lines[-1], last is None, tuple(lines[:-1]))


def verify_round_trip(new_text: str, name: str, value: str) -> ComposeEnvDocument:
    """Read `new_text` back (empty environment) and insist that `name` is effectively `value`."""
    try:
        document = parse(new_text)
    except DotenvParseError as exc:
        raise DotenvVerifyError("dotenv.verify_unreadable", line=exc.line, col=exc.col, name=name) from None
    if document.effective(name) != value:
        last = document.last(name)
        raise DotenvVerifyError("dotenv.verify_mismatch", line=last.line_no if last else None, name=name)
    return document
