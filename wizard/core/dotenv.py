"""The `.env` grammar of dotenvy (the Rust crate the server loads `.env` with), read and merge-written.

Pure functions on `str`; the file layer (`env_file.py`, `atomic.py`) does the I/O and attaches the path.

dotenvy (0.15.x `parse.rs` and `iter.rs`) reads in two passes, reproduced here because their quirks differ:
1. Lines are joined into logical lines by a small state machine: quotes may span lines (and, unlike in
   pass 2, a backslash escapes inside single quotes too); outside quotes a `#` after an odd number of blanks
   cuts the line; a line whose first non-blank character is `#` is a comment; input that ends inside a
   quote, after a backslash or after an odd number of blanks (no final line break) is an error.
2. Each logical line is `[export ]KEY=VALUE`. VALUE is unquoted, `'literal'` or `"weak"` (or a mix of those
   glued together). Outside single quotes `\\ \\' \\" \\$ \\n \\<space>` are escapes and `$NAME` / `${NAME}`
   expand; any other escape is an error; an unquoted space or tab ends the value (only a `#` comment may
   follow it). The character that ends a `$NAME` is kept as text, even a closing quote: `"$HOME"` is
   unterminated, which is why the writer always escapes `$`.
Substitution looks at the process environment first, then at the file: while loading, dotenvy sets each
variable it reads unless it is already set, so the FIRST definition is the one both the server and later
`$NAME` references see. `parse(..., env=)` takes that environment; `None` means an empty one.

Known deviation: after `$`, dotenvy continues a name over Rust's `char::is_alphanumeric`; Python's
`str.isalnum` differs only for combining marks and a few symbols with the Unicode Alphabetic property.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum, auto
from pathlib import Path

from wizard.core.errors import FileProblem, ValidationError, WizardError
from wizard.core.i18n import tr
from wizard.core.settings import validate_var_name

# Rust's `char::is_whitespace` (Unicode White_Space); Python's `str.isspace` also counts \x1c-\x1f.
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_BOM = "\ufeff"
_LF = re.compile("\n")
# A physical line without these splits and reads the same in one step (no quote, no escape): the fast path.
_SPLIT_SPECIAL = re.compile("[\"'\\\\]")
_VALUE_SPECIAL = re.compile("[\"'\\\\$ \t]")
_KEY_CHARS = re.compile("[A-Za-z0-9_.]*")
_BLANKS = "".join(c for c in _WS if c not in "\r\n")
# What may follow a backslash outside single quotes, and what it stands for.
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "$": "$", " ": " ", "n": "\n"}


class DotenvError(WizardError, ValueError):
    """A `.env` text problem at a 1-based line and column. `at(path)` turns it into a FileProblem."""

    exit_code = 3

    def __init__(self, msg_id: str, /, *, line: int | None = None, col: int | None = None, **params: object) -> None:
        self.line = line
        self.col = col
        super().__init__(msg_id, **params)

    def at(self, path: Path) -> FileProblem:
        return FileProblem(path, self.msg_id, line=self.line, col=self.col, **self.params)

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return tr("dotenv.location", line=self.line, col=self.col or 1, message=self.message)


class DotenvParseError(DotenvError):
    """The text is not valid in dotenvy's grammar: dotenvy stops reading the file there."""


class DotenvVerifyError(DotenvError):
    """A text produced by the writer does not read back as intended (a defect; nothing must be written)."""


@dataclass(frozen=True)
class Entry:
    """One definition. `start:end` is its raw text from the `export` prefix (if any) to the end of the value,
    without trailing blanks or comment; `key_start:end` is what the writer replaces."""

    key: str
    value: str = field(repr=False)  # may be a secret: never in a repr
    line_no: int
    start: int
    key_start: int
    end: int
    empty_references: tuple[str, ...] = ()  # `$NAME`s in the value that expanded to nothing (unset or empty)

    @property
    def exported(self) -> bool:
        return self.start != self.key_start


@dataclass(frozen=True)
class DotenvDocument:
    entries: tuple[Entry, ...]

    def definitions(self, key: str) -> list[Entry]:
        return [e for e in self.entries if e.key == key]

    def first(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def effective(self, key: str) -> str | None:
        """The value the server gets from this file: the first definition (a loader never overrides)."""
        entry = self.first(key)
        return None if entry is None else entry.value

    def variables(self) -> dict[str, str]:
        """Every variable with its effective value, in file order."""
        out: dict[str, str] = {}
        for entry in self.entries:
            out.setdefault(entry.key, entry.value)
        return out


@dataclass(frozen=True)
class SetResult:
    text: str = field(repr=False)  # holds the secret
    line_no: int  # where the effective definition now is
    appended: bool
    ignored_lines: tuple[int, ...]  # further definitions of the name (in `text`), which the server ignores


class TextPositions:
    """Maps an offset in the text to a 1-based (line, column), counting only LF as a line break (as Rust's
    `read_line` does)."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _LF.finditer(text))]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def error(self, msg_id: str, offset: int, **params: object) -> DotenvParseError:
        line = self.line(offset)
        return DotenvParseError(msg_id, line=line, col=offset - self._starts[line - 1] + 1, **params)


# ---------------------------------------------------------------------------------------------------------
# Pass 1: physical lines -> logical lines (dotenvy's `Lines` iterator and `ParseState::eval_end`).


class _Split(Enum):
    COMPLETE = auto()
    ESCAPE = auto()
    STRONG = auto()
    STRONG_ESCAPE = auto()
    WEAK = auto()
    WEAK_ESCAPE = auto()
    WHITESPACE = auto()


_OPENERS = {"\\": _Split.ESCAPE, '"': _Split.WEAK, "'": _Split.STRONG}


def _next_state(state: _Split, c: str) -> _Split | None:
    """One step of the splitter; None means "a comment starts here"."""
    if state is _Split.WHITESPACE:
        if c == "#":
            return None
        return _OPENERS.get(c, _Split.COMPLETE)
    if state is _Split.COMPLETE:
        if c in _WS and c not in "\n\r":
            return _Split.WHITESPACE
        return _OPENERS.get(c, _Split.COMPLETE)
    if state is _Split.WEAK:
        return {"\\": _Split.WEAK_ESCAPE, '"': _Split.COMPLETE}.get(c, _Split.WEAK)
    if state is _Split.STRONG:  # the splitter (unlike the value parser) honours `\` inside '...'
        return {"\\": _Split.STRONG_ESCAPE, "'": _Split.COMPLETE}.get(c, _Split.STRONG)
    if state is _Split.WEAK_ESCAPE:
        return _Split.WEAK
    if state is _Split.STRONG_ESCAPE:
        return _Split.STRONG
    return _Split.COMPLETE  # ESCAPE: the escaped character, whatever it is


_EOF_MESSAGES = {
    _Split.ESCAPE: "dotenv.eof_backslash",
    _Split.WHITESPACE: "dotenv.eof_blank",
}


def _logical_lines(text: str, pos: int, where: TextPositions) -> Iterator[tuple[int, str]]:
    """(offset, logical line) pairs; the line is a prefix of `text[offset:]` (line break dropped)."""
    size = len(text)
    while pos < size:
        start = pos
        state = _Split.COMPLETE
        state_at = pos  # where the current non-complete state began, for the error position
        first = True
        while True:
            if pos >= size:  # end of input inside a quote, after a backslash or after a blank
                raise where.error(_EOF_MESSAGES.get(state, "dotenv.eof_quote"), state_at)
            newline = text.find("\n", pos)
            chunk_end = size if newline < 0 else newline + 1
            # dotenvy tests the whole buffer, but only the first physical line can start it with `#`.
            if first and text[start:chunk_end].lstrip(_WS).startswith("#"):
                yield start, ""
                pos = chunk_end
                break
            if first and newline >= 0 and _SPLIT_SPECIAL.search(text, pos, chunk_end) is None:
                # No quote and no backslash: only a `#` after an odd number of blanks can end the line early.
                comment_at = _comment_start(text, pos, chunk_end)
                pos = chunk_end
                if comment_at >= 0:
                    yield start, text[start:comment_at]
                else:
                    yield start, text[start : newline - 1 if newline > start and text[newline - 1] == "\r" else newline]
                break
            first = False
            comment_at = -1
            for i in range(pos, chunk_end):
                new = _next_state(state, text[i])
                if new is None:
                    comment_at = i
                    break
                if new is not state and state in (_Split.COMPLETE, _Split.WHITESPACE):
                    state_at = i
                state = new
            pos = chunk_end
            if comment_at >= 0:
                yield start, text[start:comment_at]
                break
            if state is _Split.COMPLETE:
                line = text[start:chunk_end]
                if line.endswith("\n"):
                    line = line[:-2] if line.endswith("\r\n") else line[:-1]
                yield start, line
                break


def _comment_start(text: str, start: int, end: int) -> int:
    """The first `#` in `text[start:end]` that the splitter reads as a comment (the blanks right before it are
    odd in number, so the splitter is in its "after a blank" state), or -1. For a line without quotes or
    backslashes only."""
    hash_at = text.find("#", start, end)
    while hash_at >= 0:
        blanks = 0
        while hash_at - blanks - 1 >= start and text[hash_at - blanks - 1] in _BLANKS:
            blanks += 1
        if blanks % 2 == 1:
            return hash_at
        hash_at = text.find("#", hash_at + 1, end)
    return -1


# ---------------------------------------------------------------------------------------------------------
# Pass 2: one logical line -> a definition (dotenvy's `LineParser` and `parse_value`).


def _is_key_start(c: str) -> bool:
    return c.isascii() and (c.isalpha() or c == "_")


def _key_length(line: str, p: int) -> int:
    match = _KEY_CHARS.match(line, p)
    return 0 if match is None else match.end() - p


def _skip_ws(line: str, p: int) -> int:
    while p < len(line) and line[p] in _WS:
        p += 1
    return p


class _Sub(Enum):
    NONE = auto()
    BLOCK = auto()  # after `$`
    BRACED = auto()  # after `${`


def _parse_value(
    value: str, base: int, key: str, lookup: Callable[[str], str], where: TextPositions
) -> tuple[str, int, tuple[str, ...]]:
    """The value of `key`, the length of its raw text (without the blanks and comment after it), and the
    names of `$NAME` references that expanded to nothing."""
    if _VALUE_SPECIAL.search(value) is None:  # no quote, escape, reference or blank: the value as written
        return value, len(value), ()
    out: list[str] = []
    empty: list[str] = []
    strong = weak = escaped = expecting_end = False
    sub = _Sub.NONE
    name: list[str] = []
    quote_at = sub_at = 0
    raw_end = len(value)

    def substitute() -> None:
        reference = "".join(name)
        found = lookup(reference)
        if reference and not found:
            empty.append(reference)
        out.append(found)
        name.clear()

    for i, c in enumerate(value):
        if expecting_end:
            if c in " \t":
                continue
            if c == "#":
                break
            raise where.error("dotenv.unquoted_blank", base + raw_end, name=key)
        if escaped:
            if c not in _ESCAPES:
                raise where.error("dotenv.bad_escape", base + i, name=key)
            out.append(_ESCAPES[c])
            escaped = False
        elif strong:
            if c == "'":
                strong = False
            else:
                out.append(c)
        elif sub is not _Sub.NONE:
            if c.isalnum():
                name.append(c)
            elif sub is _Sub.BRACED:
                if c == "}":
                    sub = _Sub.NONE
                    substitute()
                else:
                    name.append(c)
            elif c == "{" and not name:
                sub = _Sub.BRACED
            else:
                substitute()
                if c == "$":
                    sub_at = i
                else:
                    # dotenvy keeps the character that ended the name as it is, even a closing quote.
                    sub = _Sub.NONE
                    out.append(c)
        elif c == "$":
            sub, sub_at = _Sub.BLOCK, i
        elif weak:
            if c == '"':
                weak = False
            elif c == "\\":
                escaped = True
            else:
                out.append(c)
        elif c == "'":
            strong, quote_at = True, i
        elif c == '"':
            weak, quote_at = True, i
        elif c == "\\":
            escaped = True
        elif c in " \t":
            expecting_end, raw_end = True, i
        else:
            out.append(c)
    if sub is _Sub.BRACED:
        raise where.error("dotenv.unclosed_brace", base + sub_at, name=key)
    if strong:
        raise where.error("dotenv.unclosed_single", base + quote_at, name=key)
    if weak:
        raise where.error("dotenv.unclosed_double", base + quote_at, name=key)
    substitute()  # a trailing `$NAME`; a trailing lone backslash is dropped, as dotenvy does
    return "".join(out), raw_end, tuple(dict.fromkeys(empty))


def _parse_line(offset: int, line: str, lookup: Callable[[str], str], where: TextPositions) -> Entry | None:
    line = line.rstrip(_WS)
    p = _skip_ws(line, 0)
    if p == len(line) or line[p] == "#":
        return None
    start = p
    if not _is_key_start(line[p]):
        raise where.error("dotenv.key_expected", offset + p)
    key_start, size = p, _key_length(line, p)
    key = line[p : p + size]
    p = _skip_ws(line, p + size)
    if key == "export" and not line.startswith("=", p):  # `export` is a prefix, or itself a key
        if p == len(line) or not _is_key_start(line[p]):
            raise where.error("dotenv.key_expected", offset + p)
        key_start, size = p, _key_length(line, p)
        key = line[p : p + size]
        p = _skip_ws(line, p + size)
    if not line.startswith("=", p):
        raise where.error("dotenv.equals_expected", offset + p, name=key)
    end = p + 1
    p = _skip_ws(line, p + 1)
    value = ""
    empty: tuple[str, ...] = ()
    if p < len(line) and line[p] != "#":
        value, raw_length, empty = _parse_value(line[p:], offset + p, key, lookup, where)
        end = p + raw_length
    return Entry(key, value, where.line(offset + start), offset + start, offset + key_start, offset + end, empty)


def parse(text: str, env: Mapping[str, str] | None = None) -> DotenvDocument:
    """Every definition in `text`, in order, with values as dotenvy loads them given the environment `env`
    (None: empty). Raises DotenvParseError at the first problem, as dotenvy stops loading there; a leading
    UTF-8 byte order mark is such a problem (line 1, column 1): `without_bom` is the safe repair. With no
    environment the result is remembered for the last few texts, so a run that reads, writes and checks one
    file parses each content once."""
    if env is None or "$" not in text:  # without a reference the environment changes nothing
        return _parse_alone(text)
    return _parse(text, env)


@functools.lru_cache(maxsize=4)
def _parse_alone(text: str) -> DotenvDocument:
    return _parse(text, {})


def _parse(text: str, environment: Mapping[str, str]) -> DotenvDocument:
    loaded: dict[str, str] = {}

    def lookup(name: str) -> str:
        if not name:
            return ""
        found = environment.get(name)
        return found if found is not None else loaded.get(name, "")

    where = TextPositions(text)
    if text.startswith(_BOM):  # dotenvy 0.15.7 reads it as part of the first key and stops at index 0
        raise where.error("file_layer.env_bom", 0)
    entries: list[Entry] = []
    for offset, line in _logical_lines(text, 0, where):
        entry = _parse_line(offset, line, lookup, where)
        if entry is not None:
            entries.append(entry)
            loaded.setdefault(entry.key, entry.value)
    return DotenvDocument(tuple(entries))


def without_bom(text: str) -> tuple[bool, str]:
    """(whether `text` starts with a UTF-8 byte order mark, `text` without it). Removing it is the one repair
    the wizard makes on its own: the mark is invisible in editors, means nothing to a person, and dotenvy
    refuses the whole file for it (Windows editors write one)."""
    return (True, text[1:]) if text.startswith(_BOM) else (False, text)


# ---------------------------------------------------------------------------------------------------------
# The writer.


def quote_value(value: str) -> str:
    """`value` as a double-quoted dotenvy value that reads back exactly. dotenvy has no escape for CR or
    any other character, so everything but `\\ " $` and LF is written as it is."""
    if "\x00" in value:
        raise ValidationError("secret", "validation.secret_nul")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (e.g. undecodable stdin bytes) cannot be stored
        raise ValidationError("secret", "dotenv.secret_not_utf8") from None
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("\n", "\\n")
    return f'"{escaped}"'


def _line_ending(text: str) -> str:
    """The file's style, judged by its first line break; LF for a file without one."""
    newline = text.find("\n")
    return "\r\n" if newline > 0 and text[newline - 1] == "\r" else "\n"


def set_variable(text: str, name: str, value: str) -> SetResult:
    """`text` with `name` set to `value`: its first definition is rewritten in place as `NAME="..."` (an
    `export` prefix, indentation and a trailing comment stay), or, if there is none, a line is appended.
    Every other character stays as it was. Raises DotenvParseError if `text` is not valid already."""
    validate_var_name(name)
    quoted = f"{name}={quote_value(value)}"
    first = parse(text).first(name)
    if first is not None:
        rest = text[first.end :]
        if rest.startswith("#"):
            # `NAME=#comment` is an empty value and a comment; glued to a quoted value the `#` would become
            # part of it, so a blank keeps it a comment.
            rest = " " + rest
        new_text = text[: first.key_start] + quoted + rest
    else:
        eol = _line_ending(text)
        if text and not text.endswith("\n"):
            text += "\n" if eol == "\r\n" and text.endswith("\r") else eol
        new_text = text + quoted + eol
    document = verify_round_trip(new_text, name, value)
    lines = [entry.line_no for entry in document.definitions(name)]
    return SetResult(new_text, lines[0], first is None, tuple(lines[1:]))


def verify_round_trip(new_text: str, name: str, value: str) -> DotenvDocument:
    """Read `new_text` back (with an empty environment, so nothing can expand) and insist that `name` is
    effectively `value`. Returns the parsed document; raises DotenvVerifyError otherwise."""
    try:
        document = parse(new_text)
    except DotenvParseError as exc:
        raise DotenvVerifyError("dotenv.verify_unreadable", line=exc.line, col=exc.col, name=name) from None
    if document.effective(name) != value:
        first = document.first(name)
        raise DotenvVerifyError("dotenv.verify_mismatch", line=first.line_no if first else None, name=name)
    return document
