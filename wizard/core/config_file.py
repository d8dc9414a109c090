"""BOMnipotent's config.toml: read the `[smtp]` table and the skip flag, and change them through the TOML
document (tomlkit), never by inserting text, so every other byte stays as it was.

What the server's TOML parser accepts, this module reads and keeps (SPEC §2, §7 rev 2):
- `[smtp]` as a table, an inline table (`smtp = {user = ...}`), dotted keys (`smtp.user = ...`) or a table
  split by a sub-table; an update keeps that form;
- a UTF-8 byte order mark (skipped for parsing, written again);
- line endings: the lines the wizard writes take the file's dominant style; every other line keeps its
  bytes, so a file with mixed endings stays mixed;
- a duplicate key, invalid UTF-8 or any other parse problem is a FileProblem with line and column counted
  from 1. Strict TOML 1.0 (Python's tomllib) decides validity first; tomlkit then gives the editable document.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, InlineTable, Item, Null, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from wizard.core import toml_errors
from wizard.core.atomic import Snapshot, read_snapshot
from wizard.core.endpoint import ReadBack, SmtpTable, secret_var_of, settings_from_table
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.file_text import decode
from wizard.core.i18n import tr

SMTP_KEYS = ("user", "endpoint", "secret", "starttls")
LEGACY_SMTP_TABLE = "smtp_config"  # appears in one example of the server's docs; the server never reads it
BOM = "\ufeff"


class Layout(StrEnum):
    LEGACY = "legacy"  # top-level skip_user_verification (servers before 0.7, as in the seed documents)
    CURRENT = "current"  # [user] skip_verification (0.7 and newer)


# With no signal in the file: the current layout (servers 0.7 to 1.5 and newer stop at an unknown top-level key).
DEFAULT_LAYOUT = Layout.CURRENT
_LEGACY_SIGNALS = ("skip_user_verification", "tmp_admin", "user_expiration_period")


def split_bom(text: str) -> tuple[bool, str]:
    return (True, text[1:]) if text.startswith(BOM) else (False, text)


def strict_values(path: Path, text: str) -> dict[str, Any]:
    """`text` (a leading BOM is skipped) as strict TOML 1.0 reads it: Python's tomllib, whose line and column
    (from 1) a refusal carries, so the position is the one the duplicate or bad byte is at. Raises
    FileProblem. The last few texts are remembered, so a run parses each content once (SPEC §7)."""
    _, body = split_bom(text)
    values, problem = _strict(body)
    if problem is not None:
        msg_id, line, col, reason = problem
        params = {} if reason is None else {"reason": tr(reason[0], **reason[1])}
        raise FileProblem(path, msg_id, line=line, col=col, **params)
    assert values is not None
    return values


@functools.lru_cache(maxsize=4)
def _strict(body: str) -> tuple[dict[str, Any] | None, toml_errors.Problem | None]:
    try:
        return tomllib.loads(body), None
    except tomllib.TOMLDecodeError as exc:
        return None, toml_errors.from_tomllib(str(exc), body)


def parse(path: Path, text: str) -> TOMLDocument:
    """The editable document of `text` (a leading BOM is skipped): strict TOML 1.0 (tomllib) decides validity
    and says where a problem is; tomlkit then gives the document that keeps every byte. Raises FileProblem."""
    _, body = split_bom(text)
    strict_values(path, body)
    try:
        return tomlkit.parse(body)
    except TOMLKitError:  # tomllib accepts what tomlkit cannot edit: still a clear refusal, never a traceback
        raise FileProblem(path, "files.toml_parse", line=1, col=1, reason=tr(toml_errors.FALLBACK)) from None


@dataclass(frozen=True)
class ConfigFile:
    """config.toml as read: the snapshot (for change detection), its text without BOM, whether it had a
    BOM, and its values. Reading needs only the values; an edit makes the one tomlkit document it needs."""

    snapshot: Snapshot
    text: str  # "" when the file does not exist; never starts with a BOM
    values: Mapping[str, Any]  # the plain values as strict TOML reads them (tomllib); edits parse `text` again
    bom: bool = False

    @property
    def exists(self) -> bool:
        return self.snapshot.data is not None

    def encode(self, text: str) -> bytes:
        """`text` (a new version of this file) as the bytes to write, with the BOM kept."""
        return ((BOM if self.bom else "") + text).encode("utf-8")


def read_config(path: Path) -> ConfigFile:
    """Read, decode and parse config.toml; FileProblem (with line and column) when that fails."""
    snapshot = read_snapshot(path)
    text = decode(path, snapshot.data) if snapshot.data is not None else ""
    bom, body = split_bom(text)
    return ConfigFile(snapshot, body, strict_values(path, body), bom)


def parse_bytes(path: Path, data: bytes) -> dict[str, Any]:
    """Decode and parse the bytes of a config.toml as strict TOML (the transaction's check of a new content;
    the text the plan computed was parsed once already and is not parsed again)."""
    return strict_values(path, decode(path, data))


def render_table(header: str, body: Mapping[str, Any]) -> str:
    """`[header]` and its keys as TOML text (LF line endings)."""
    return tomlkit.dumps({header: dict(body)})


# ---------------------------------------------------------------------------------------------------------
# Line endings: only what the wizard writes takes the file's style.


def dominant_line_ending(text: str) -> str:
    """CRLF when most line breaks of `text` are CRLF, else LF (also for a text without any)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf > text.count("\n") - crlf else "\n"


def _lines(text: str) -> list[str]:
    """`text` split after each LF only (unlike `splitlines`, which also splits at CR, U+2028 and others)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _restyle(line: str, eol: str) -> str:
    if line.endswith("\r\n"):
        return line[:-2] + eol
    if line.endswith("\n"):
        return line[:-1] + eol
    return line


def keep_line_endings(original: str, rendered: str) -> str:
    """`rendered` (tomlkit's output for the edited document) with every line that is unchanged from
    `original` kept byte for byte and every line the edit wrote in `original`'s dominant line ending.

    Linear in the file's size for an edit in one place: the lines both texts begin and end with are kept
    as they are, and only the lines between (the edited table, a removed flag) are compared line by line."""
    if rendered == original:
        return original
    eol = dominant_line_ending(original)
    before, after = _lines(original), _lines(rendered)
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    out: list[str] = before[:head]
    middle_before, middle_after = before[head : len(before) - tail], after[head : len(after) - tail]
    matcher = difflib.SequenceMatcher(None, middle_before, middle_after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(middle_before[i1:i2])
        else:
            out.extend(_restyle(line, eol) for line in middle_after[j1:j2])
    out.extend(before[len(before) - tail :])
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------
# Reading [smtp].


def _table_item(doc: Mapping[str, Any], name: str, path: Path, msg_id: str) -> MutableMapping[str, Any] | None:
    """`doc[name]` in any table form (table, inline, dotted keys, split); None when absent. `doc` is the
    plain values (tomllib) for reading or the tomlkit document for editing."""
    try:
        item = doc.get(name)
    except TOMLKitError:
        raise FileProblem(path, "files.toml_parse", line=1, col=1, reason=tr(toml_errors.FALLBACK)) from None
    if item is None:
        return None
    if not isinstance(item, MutableMapping):
        raise FileProblem(path, msg_id)
    return item


def _plain(value: Any) -> Any:
    return value.unwrap() if isinstance(value, Item) else value


def _string(table: Mapping[str, Any], key: str, path: Path, where: str) -> str | None:
    if key not in table:
        return None
    value = _plain(table[key])
    if not isinstance(value, str):
        raise FileProblem(path, "files.smtp_key_type", key=key, table=where, expected=_type_name("string"))
    return value


def unknown_smtp_keys(table: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys of an `[smtp]` table (any form: header, inline, dotted) that the server does not know, in
    file order. The server's settings struct denies unknown fields, so it refuses to start with any of them;
    the one rule behind `apply` removing them and `check`/`show` reporting them."""
    return tuple(str(k) for k in table if str(k) not in SMTP_KEYS)


def _type_name(kind: str) -> str:
    return tr(f"type.{kind}")


REQUIRED_SMTP_KEYS = ("user", "endpoint")  # the server's settings struct has no default for these


@dataclass(frozen=True)
class SmtpSection:
    """The raw `[smtp]` values as written (before `${NAME}` expansion) and what they mean. A table only half
    there (`[smtp]` alone, or without `user` or `endpoint`) is read too: `missing` names what the server
    would refuse it for, and `user` / `endpoint` are "" then."""

    user: str
    endpoint: str
    secret: str | None
    starttls: bool | None
    unknown_keys: tuple[str, ...]
    table: str = "smtp"  # where it was found: "smtp", or "smtp_config" (which the server ignores)
    missing: tuple[str, ...] = ()  # required keys that are not there, in REQUIRED_SMTP_KEYS order

    def read_back(self) -> ReadBack:
        return settings_from_table(self.user, self.endpoint, self.secret, self.starttls)

    @property
    def literal_secret(self) -> bool:
        """The secret is written in config.toml itself instead of a `${NAME}` reference."""
        return self.secret is not None and secret_var_of(self.secret) is None


def _read_section(doc: Mapping[str, Any], path: Path, name: str) -> SmtpSection | None:
    table = _table_item(doc, name, path, "files.smtp_not_table")
    if table is None:
        return None
    user = _string(table, "user", path, name)
    endpoint = _string(table, "endpoint", path, name)
    secret = _string(table, "secret", path, name)
    starttls: bool | None = None
    if "starttls" in table:
        raw = _plain(table["starttls"])
        if not isinstance(raw, bool):
            raise FileProblem(path, "files.smtp_key_type", key="starttls", table=name, expected=_type_name("boolean"))
        starttls = raw
    unknown = unknown_smtp_keys(table)
    missing = tuple(key for key in REQUIRED_SMTP_KEYS if key not in table)
    return SmtpSection(user or "", endpoint or "", secret, starttls, unknown, name, missing)


def read_smtp(doc: Mapping[str, Any], path: Path) -> SmtpSection | None:
    """The `[smtp]` table in whatever form it is written, also when only half there; None when there is
    none. FileProblem for a value of the wrong type."""
    return _read_section(doc, path, "smtp")


def read_smtp_config(doc: Mapping[str, Any], path: Path) -> SmtpSection | None:
    """A `[smtp_config]` table (which the server does not read), or None."""
    return _read_section(doc, path, LEGACY_SMTP_TABLE)


def has_smtp_config(doc: Mapping[str, Any]) -> bool:
    return LEGACY_SMTP_TABLE in doc


def missing_problem(section: SmtpSection, path: Path) -> FileProblem | None:
    """What the server refuses a half-filled table for (its loader reports a missing field), or None."""
    if not section.missing:
        return None
    keys = ", ".join(f"“{key}”" for key in section.missing)
    return FileProblem(path, "file_layer.smtp_missing", table=section.table, keys=keys)


def read_back_or_error(section: SmtpSection, path: Path) -> ReadBack:
    """What `section` means to the server; FileProblem when a required key is missing or the endpoint is
    not one the server can use."""
    problem = missing_problem(section, path)
    if problem is not None:
        raise problem
    try:
        return section.read_back()
    except ValidationError as exc:
        raise FileProblem(path, "files.smtp_endpoint", table=section.table, reason=exc.message) from None


def detect_layout(doc: Mapping[str, Any]) -> Layout | None:
    """The skip-verification layout this file uses; None when it gives no signal."""
    if isinstance(doc.get("user"), MutableMapping):
        return Layout.CURRENT
    if any(key in doc for key in _LEGACY_SIGNALS):
        return Layout.LEGACY
    return None


def skip_flag_set(doc: Mapping[str, Any]) -> bool:
    if _plain(doc.get("skip_user_verification")) is True:
        return True
    user = doc.get("user")
    return isinstance(user, MutableMapping) and _plain(user.get("skip_verification")) is True


# ---------------------------------------------------------------------------------------------------------
# Editing.


def _remove_table_key(doc: TOMLDocument, name: str, key: str) -> bool:
    """Removes `key` from the top-level table `name`. A table left with nothing of its own (no key, sub-table
    or comment) goes too: an empty `[user]` header after the skip flag is removed would be a change the
    user never asked for (and the server reads the same without it). True when that table was the last
    thing in the document: the blank line that separated it is then left at the end (see `_end_cleanly`)."""
    table = doc[name]
    del table[key]
    if not isinstance(table, Table) or not all(isinstance(item, Whitespace | Null) for _, item in table.value.body):
        return False
    keys = [k for k, item in doc.body if k is not None and not isinstance(item, Null)]
    was_last = bool(keys) and str(keys[-1]) == name
    del doc[name]
    return was_last


def _end_cleanly(rendered: str) -> str:
    """`rendered` with the blank lines at its very end reduced to its last line's ending."""
    return re.sub(r"(\r?\n)(?:[ \t]*\r?\n)+\Z", r"\1", rendered)


def _remove_skip_flags(doc: TOMLDocument) -> tuple[bool, bool]:
    """Removes the skip flag of either layout: (whether one was removed, whether the document's end needs
    `_end_cleanly`)."""
    removed = trim_end = False
    if "skip_user_verification" in doc:
        del doc["skip_user_verification"]
        removed = True
    user = doc.get("user")
    if isinstance(user, MutableMapping) and "skip_verification" in user:
        trim_end = _remove_table_key(doc, "user", "skip_verification")
        removed = True
    return removed, trim_end


def _same(current: Any, value: Any) -> bool:
    plain = _plain(current)
    return bool(plain == value) and type(plain) is type(value)


def _fresh_inline(values: Mapping[str, Any], like: Item) -> InlineTable:
    """An inline table holding `values`, written as a fresh one is: `{ user = "…", starttls = true }`, with
    the comment and spacing around the old item `like` kept."""
    body = ", ".join(f"{key} = {tomlkit.item(value).as_string()}" for key, value in values.items())
    fresh = tomlkit.parse(f"x = {{ {body} }}\n")["x"]
    assert isinstance(fresh, InlineTable)
    old, new = like.trivia, fresh.trivia
    new.indent, new.comment_ws, new.comment, new.trail = old.indent, old.comment_ws, old.comment, old.trail
    return fresh


def _is_plain_table(doc: TOMLDocument, table: MutableMapping[str, Any]) -> bool:
    """`[smtp]` written as one header with its keys (no dotted keys, no sub-tables, not split): tomlkit
    edits it in place without going stale."""
    if type(table) is not Table or table.is_super_table():
        return False
    if sum(1 for key, _ in doc.body if key is not None and str(key) == "smtp") != 1:
        return False
    return not any(isinstance(item, Table | AoT) for _, item in table.value.body)


def _smtp_keys_set(path: Path, doc: TOMLDocument, wanted: Mapping[str, Any]) -> tuple[TOMLDocument, tuple[str, ...]]:
    """`doc` with `[smtp]` (which exists) holding exactly `wanted`, in its own form; also the unknown keys
    that were removed. A plain table is edited in place and an inline table written anew (both in one
    pass). tomlkit's view of a table written in pieces (dotted keys, split tables) goes stale after one
    change, so there every change is made on a fresh parse of the previous result; such tables are small
    hand-written files in practice."""
    smtp = _table_item(doc, "smtp", path, "files.smtp_not_table")
    assert smtp is not None
    removed_unknown = unknown_smtp_keys(smtp)
    dropped = [key for key in (*removed_unknown, *(k for k in SMTP_KEYS if k not in wanted)) if key in smtp]
    if isinstance(smtp, InlineTable):
        # The keys already there keep their order; the new ones follow in the server's order.
        values = {str(key): wanted[str(key)] for key in smtp if str(key) in wanted}
        values.update((key, value) for key, value in wanted.items() if key not in values)
        old = {str(key): _plain(value) for key, value in smtp.items()}
        if dropped or any(key not in old or not _same(old[key], values[key]) for key in values):
            doc["smtp"] = _fresh_inline(values, smtp)
        return doc, removed_unknown
    if _is_plain_table(doc, smtp):
        for key in dropped:
            del smtp[key]
        for key, value in wanted.items():
            if key not in smtp or not _same(smtp[key], value):
                smtp[key] = value
        return doc, removed_unknown
    for key, value in wanted.items():
        doc = tomlkit.parse(tomlkit.dumps(doc))
        current = _table_item(doc, "smtp", path, "files.smtp_not_table")
        if current is None:  # it held only sub-tables, now removed: the table goes at the end
            doc.append("smtp", tomlkit.table())
            current = _table_item(doc, "smtp", path, "files.smtp_not_table")
            assert current is not None
        if key not in current or not _same(current[key], value):
            current[key] = value
    for key in dropped:  # after the new keys, so that dotted keys stay dotted even when all old ones go
        doc = tomlkit.parse(tomlkit.dumps(doc))
        current = _table_item(doc, "smtp", path, "files.smtp_not_table")
        assert current is not None
        del current[key]
    return doc, removed_unknown


def _with_table_at_end(rendered_doc: str, name: str, body: Mapping[str, Any]) -> str:
    """A new table after the whole document (rendered by tomlkit), on its own lines after one blank line.
    The end of a document is always outside any value and after every table, so this is safe."""
    base = rendered_doc
    if base and not base.endswith("\n"):
        base += "\n"
    if base.strip() and not re.search(r"\n[ \t]*\r?\n$", "\n" + base):
        base += "\n"
    return base + render_table(name, body)


@dataclass(frozen=True)
class MergeResult:
    text: str
    removed_skip_flag: bool
    removed_unknown_keys: tuple[str, ...]
    removed_smtp_config: bool = False


def merge_smtp(path: Path, original: str, table: SmtpTable, *, drop_smtp_config: bool = False) -> MergeResult:
    """`original` with `[smtp]` set to `table` (in the form it already has) and any skip flag removed;
    with `drop_smtp_config`, a `[smtp_config]` table (which the server ignores) is removed too."""
    doc = parse(path, original)
    wanted = table.keys_written()
    try:
        removed_skip, trim_end = _remove_skip_flags(doc)
        removed_legacy = drop_smtp_config and LEGACY_SMTP_TABLE in doc
        if removed_legacy:
            del doc[LEGACY_SMTP_TABLE]
        smtp = _table_item(doc, "smtp", path, "files.smtp_not_table")
        removed_unknown: tuple[str, ...] = ()
        if smtp is None:
            before = tomlkit.dumps(doc)
            rendered = _with_table_at_end(_end_cleanly(before) if trim_end else before, "smtp", wanted)
        else:
            doc, removed_unknown = _smtp_keys_set(path, doc, wanted)
            rendered = tomlkit.dumps(doc)
            if trim_end:
                rendered = _end_cleanly(rendered)
    except (TOMLKitError, LookupError) as exc:  # a form tomlkit cannot edit: refuse, never a traceback
        raise FileProblem(path, "files.toml_edit", table="smtp", reason=type(exc).__name__) from None
    text = keep_line_endings(original, rendered)
    strict_values(path, text)  # parsed again before anything is written (and remembered for the commit's check)
    return MergeResult(text, removed_skip, removed_unknown, bool(removed_legacy))


def with_skip_verification(path: Path, original: str, layout: Layout) -> str:
    """`original` with the skip flag of `layout` set (the other layout's flag removed), through the
    document: a top-level key lands before the first table, never inside a value."""
    doc = parse(path, original)
    user = _table_item(doc, "user", path, "files.user_not_table")
    if layout is Layout.LEGACY:
        if user is not None and "skip_verification" in user and _remove_table_key(doc, "user", "skip_verification"):
            rendered = _end_cleanly(tomlkit.dumps(doc))
            doc = parse(path, rendered)
        if not _same(doc.get("skip_user_verification"), True):
            doc["skip_user_verification"] = True
    else:
        if "skip_user_verification" in doc:
            del doc["skip_user_verification"]
        if user is None:
            return keep_line_endings(
                original, _with_table_at_end(tomlkit.dumps(doc), "user", {"skip_verification": True})
            )
        if not _same(user.get("skip_verification"), True):
            user["skip_verification"] = True
    return keep_line_endings(original, tomlkit.dumps(doc))
