"""Whole `.env` files against dotenvy's rules (issue 22): not only the secret's value, but every line around
it — a leading byte order mark, CRLF and mixed line endings, `export`, comment lines and trailing comments,
single quotes holding backslashes and double quotes, double quotes holding escapes and line breaks, values
glued from several quoted parts.

Oracle: the real dotenvy cannot be built here (its crate is not on any registry this project may use), so
the oracle is a table of dotenvy 0.15.7's rules read from its source (`src/iter.rs`: the line splitter,
`src/parse.rs`: `LineParser`, `parse_value`), written below as the meaning of each generated piece — apart
from the wizard's reader, which it judges:
- a line whose first non-blank character is `#` is skipped, whatever it holds (quotes included);
- `[export ]KEY=VALUE`; a `#` after one blank ends the value (the splitter sees a comment);
- `'…'` is literal (a backslash stays; the splitter still skips the character after it);
- `"…"` reads `\\\\ \\" \\' \\$ \\n` and `\\<space>` as escapes and keeps a real line break (LF or CRLF) as is;
- parts glued together (`abc'def'"g"`) are one value;
- the line ending (LF or CRLF) is never part of a value outside quotes;
- a UTF-8 byte order mark at the start is refused at line 1, column 1 (dotenvy has no BOM handling; U+FEFF
  is not whitespace, so the first key starts with it).
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.core.dotenv import DotenvParseError, parse, set_variable, without_bom

NAME = "SMTP_SECRET"
LETTERS = "abcxyzABC019"


@dataclass(frozen=True)
class Piece:
    text: str  # the line(s), with their line ending
    key: str | None  # None: the line defines nothing
    value: str = ""


# (raw, meaning) tokens of each quoting, from dotenvy's `parse_value`.
_WEAK_TOKENS = [(c, c) for c in LETTERS] + [
    (" ", " "), ("#", "#"), ("'", "'"), ("\\\\", "\\"), ('\\"', '"'), ("\\$", "$"), ("\\n", "\n"),
    ("\\'", "'"), ("\\ ", " "),
]  # fmt: skip
_STRONG_TOKENS = [(c, c) for c in LETTERS] + [(" ", " "), ("#", "#"), ('"', '"'), ("$", "$"), ("\\a", "\\a")]
_PLAIN = st.text(alphabet=LETTERS + "_./:@-", min_size=1, max_size=8)
_EOL = st.sampled_from(["\n", "\r\n"])
_COMMENT_TEXT = st.text(alphabet=LETTERS + " '\"#$\\=", max_size=12)


@st.composite
def weak(draw: st.DrawFn, eol: str) -> tuple[str, str]:
    tokens = draw(st.lists(st.sampled_from(_WEAK_TOKENS), max_size=8))
    raw = "".join(t[0] for t in tokens)
    meaning = "".join(t[1] for t in tokens)
    if draw(st.booleans()):  # a real line break inside the quotes stays in the value as written
        rest = draw(st.text(alphabet=LETTERS, max_size=4))
        raw, meaning = raw + eol + rest, meaning + eol + rest
    return f'"{raw}"', meaning


@st.composite
def strong(draw: st.DrawFn) -> tuple[str, str]:
    tokens = draw(st.lists(st.sampled_from(_STRONG_TOKENS), max_size=8))
    return "'" + "".join(t[0] for t in tokens) + "'", "".join(t[1] for t in tokens)


@st.composite
def piece(draw: st.DrawFn, key: str) -> Piece:
    eol = draw(_EOL)
    kind = draw(st.sampled_from(["comment", "blank", "plain", "strong", "weak", "glued"]))
    if kind == "comment":
        return Piece(draw(st.sampled_from(["", "  "])) + "#" + draw(_COMMENT_TEXT) + eol, None)
    if kind == "blank":
        return Piece(draw(st.sampled_from(["", " ", "   "])) + eol, None)
    export = draw(st.sampled_from(["", "export "]))
    if kind == "plain":
        raw = meaning = draw(_PLAIN)
    elif kind == "strong":
        raw, meaning = draw(strong())
    elif kind == "weak":
        raw, meaning = draw(weak(eol))
    else:
        plain = draw(_PLAIN)
        strong_raw, strong_meaning = draw(strong())
        weak_raw, weak_meaning = draw(weak(eol))
        raw, meaning = plain + strong_raw + weak_raw, plain + strong_meaning + weak_meaning
    comment = draw(st.sampled_from(["", " # " + draw(_COMMENT_TEXT)]))
    return Piece(f"{export}{key}={raw}{comment}{eol}", key, meaning)


@st.composite
def env_file(draw: st.DrawFn) -> tuple[list[Piece], int | None]:
    """The pieces of a file, and the index of the one that defines the secret (or None)."""
    count = draw(st.integers(0, 8))
    pieces = [draw(piece(f"K{i}")) for i in range(count)]
    at: int | None = None
    if draw(st.booleans()):
        at = draw(st.integers(0, count))
        pieces.insert(at, draw(piece(NAME).filter(lambda p: p.key is not None)))
    return pieces, at


def expected(pieces: list[Piece]) -> list[tuple[str, str]]:
    return [(p.key, p.value) for p in pieces if p.key is not None]


HOSTILE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(env_file())
def test_every_line_of_a_whole_file_reads_as_dotenvy_reads_it(file: tuple[list[Piece], int | None]) -> None:
    pieces, _ = file
    text = "".join(p.text for p in pieces)
    assert [(e.key, e.value) for e in parse(text).entries] == expected(pieces)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(env_file(), HOSTILE)
def test_writing_the_secret_changes_only_its_definition_and_every_other_key_reads_the_same(
    file: tuple[list[Piece], int | None], secret: str
) -> None:
    pieces, at = file
    text = "".join(p.text for p in pieces)
    result = set_variable(text, NAME, secret)
    wanted = [(k, secret if k == NAME else v) for k, v in expected(pieces)]
    if at is None:
        wanted.append((NAME, secret))
        assert result.text.startswith(text)  # appended: every byte before stays
    else:
        before = "".join(p.text for p in pieces[:at])
        after = "".join(p.text for p in pieces[at + 1 :])
        assert result.text.startswith(before) and result.text.endswith(after)
    assert [(e.key, e.value) for e in parse(result.text).entries] == wanted


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(env_file())
def test_a_leading_byte_order_mark_is_refused_at_line_1_column_1_and_removing_it_is_the_whole_repair(
    file: tuple[list[Piece], int | None],
) -> None:
    pieces, _ = file
    text = "".join(p.text for p in pieces)
    try:
        parse("\ufeff" + text)
    except DotenvParseError as exc:
        assert (exc.line, exc.col, exc.msg_id) == (1, 1, "file_layer.env_bom")
    else:
        raise AssertionError("dotenvy refuses a file that starts with a byte order mark")
    assert without_bom("\ufeff" + text) == (True, text)
    assert [(e.key, e.value) for e in parse(without_bom("\ufeff" + text)[1]).entries] == expected(pieces)
