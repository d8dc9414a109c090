"""BOMnipotent's config.toml: read the `[smtp]` table and the skip flag, merge changes preserving every
other byte (tomlkit keeps comments, order and spacing; we keep line endings).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import InlineTable, Table
from tomlkit.toml_document import TOMLDocument

from wizard.core.atomic import Snapshot, read_snapshot
from wizard.core.endpoint import ReadBack, SmtpTable, settings_from_table
from wizard.core.errors import FileProblem, ValidationError

SMTP_KEYS = ("user", "endpoint", "secret", "starttls")


class Layout(StrEnum):
    LEGACY = "legacy"  # top-level skip_user_verification (servers before 0.7, as in the seed documents)
    CURRENT = "current"  # [user] skip_verification (0.7 and newer)


DEFAULT_LAYOUT = Layout.LEGACY  # the seed documents' layout, used when the file gives no signal
_LEGACY_SIGNALS = ("skip_user_verification", "tmp_admin", "user_expiration_period")


def decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(path, "files.not_utf8", offset=exc.start) from None


def parse(path: Path, text: str) -> TOMLDocument:
    try:
        return tomlkit.parse(text)
    except ParseError as exc:
        reason = str(exc).split(" at line ")[0]
        # tomlkit counts columns from 0; editors and people count from 1.
        raise FileProblem(path, "files.toml_parse", line=exc.line, col=exc.col + 1, reason=reason) from None


@dataclass(frozen=True)
class ConfigFile:
    """config.toml as read: the snapshot (for change detection), its text and the parsed document."""

    snapshot: Snapshot
    text: str  # "" when the file does not exist
    doc: TOMLDocument

    @property
    def exists(self) -> bool:
        return self.snapshot.data is not None


def read_config(path: Path) -> ConfigFile:
    """Read, decode and parse config.toml; FileProblem (with line and column) when that fails."""
    snapshot = read_snapshot(path)
    text = decode(path, snapshot.data) if snapshot.data is not None else ""
    return ConfigFile(snapshot, text, parse(path, text))


def render_table(header: str, body: Mapping[str, Any]) -> str:
    """`[header]` and its keys as TOML text (LF line endings)."""
    return tomlkit.dumps({header: dict(body)})


def line_ending(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _smtp_item(doc: TOMLDocument, path: Path) -> Table | InlineTable | None:
    item = doc.get("smtp")
    if item is None:
        return None
    if not isinstance(item, Table | InlineTable):
        raise FileProblem(path, "files.smtp_not_table")
    return item


def _string(table: Any, key: str, path: Path, required: bool) -> str | None:
    if key not in table:
        if required:
            raise FileProblem(path, "files.smtp_key_missing", key=key)
        return None
    value = table[key]
    if not isinstance(value, str):
        raise FileProblem(path, "files.smtp_key_type", key=key, expected=_type_name("string"))
    return str(value)


def _type_name(kind: str) -> str:
    from wizard.core.i18n import tr

    return tr(f"type.{kind}")


@dataclass(frozen=True)
class SmtpSection:
    """The raw `[smtp]` values as written (before `${NAME}` expansion) and what they mean."""

    user: str
    endpoint: str
    secret: str | None
    starttls: bool | None
    unknown_keys: tuple[str, ...]

    def read_back(self) -> ReadBack:
        return settings_from_table(self.user, self.endpoint, self.secret, self.starttls)


def read_smtp(doc: TOMLDocument, path: Path) -> SmtpSection | None:
    table = _smtp_item(doc, path)
    if table is None:
        return None
    user = _string(table, "user", path, required=True) or ""
    endpoint = _string(table, "endpoint", path, required=True) or ""
    secret = _string(table, "secret", path, required=False)
    starttls: bool | None = None
    if "starttls" in table:
        raw = table["starttls"]
        if not isinstance(raw, bool):
            raise FileProblem(path, "files.smtp_key_type", key="starttls", expected=_type_name("boolean"))
        starttls = bool(raw)
    unknown = tuple(str(k) for k in table if str(k) not in SMTP_KEYS)
    return SmtpSection(user, endpoint, secret, starttls, unknown)


def read_back_or_error(section: SmtpSection, path: Path) -> ReadBack:
    try:
        return section.read_back()
    except ValidationError as exc:
        raise FileProblem(path, "files.smtp_endpoint", reason=exc.message) from None


def detect_layout(doc: TOMLDocument) -> Layout | None:
    """The skip-verification layout this file uses; None when it gives no signal."""
    if isinstance(doc.get("user"), Table | InlineTable):
        return Layout.CURRENT
    if any(key in doc for key in _LEGACY_SIGNALS):
        return Layout.LEGACY
    return None


def skip_flag_set(doc: TOMLDocument) -> bool:
    if doc.get("skip_user_verification") is True:
        return True
    user = doc.get("user")
    return isinstance(user, Table | InlineTable) and user.get("skip_verification") is True


def _remove_skip_flags(doc: TOMLDocument) -> bool:
    removed = False
    if "skip_user_verification" in doc:
        del doc["skip_user_verification"]
        removed = True
    user = doc.get("user")
    if isinstance(user, Table | InlineTable) and "skip_verification" in user:
        del user["skip_verification"]
        removed = True
    return removed


def _match_line_endings(original: str, rendered: str) -> str:
    if line_ending(original) == "\r\n":
        return re.sub(r"(?<!\r)\n", "\r\n", rendered)
    return rendered


def _appended_table_text(original: str, header: str, body: Mapping[str, Any]) -> str:
    """`original` + a new table at the end, separated by one blank line, in the file's line endings."""
    eol = line_ending(original)
    rendered = render_table(header, body).rstrip("\n").replace("\n", eol) + eol
    if not original:
        return rendered
    sep = "" if original.endswith(eol) else eol
    blank = "" if original.endswith(eol + eol) or original.endswith("\n\n") else eol
    return original + sep + blank + rendered


@dataclass(frozen=True)
class MergeResult:
    text: str
    removed_skip_flag: bool
    removed_unknown_keys: tuple[str, ...]


def merge_smtp(path: Path, original: str, table: SmtpTable) -> MergeResult:
    """`original` with `[smtp]` set to `table` and any skip flag removed; nothing else changes."""
    doc = parse(path, original)
    removed_skip = _remove_skip_flags(doc)
    wanted = table.keys_written()
    smtp = _smtp_item(doc, path)
    if smtp is None:
        base = _match_line_endings(original, tomlkit.dumps(doc)) if removed_skip else original
        return MergeResult(_appended_table_text(base, "smtp", wanted), removed_skip, ())
    removed_unknown = tuple(str(k) for k in smtp if str(k) not in SMTP_KEYS)
    for key in (*removed_unknown, *(k for k in SMTP_KEYS if k not in wanted)):
        if key in smtp:
            del smtp[key]
    for key, value in wanted.items():
        if key not in smtp or smtp[key] != value or type(smtp[key].unwrap()) is not type(value):
            smtp[key] = value
    return MergeResult(_match_line_endings(original, tomlkit.dumps(doc)), removed_skip, removed_unknown)


def with_skip_verification(path: Path, original: str, layout: Layout) -> str:
    """`original` with the skip flag of `layout` set (the other layout's flag removed)."""
    doc = parse(path, original)
    if layout is Layout.LEGACY:
        user = doc.get("user")
        if isinstance(user, Table | InlineTable) and "skip_verification" in user:
            del user["skip_verification"]
        if doc.get("skip_user_verification") is True:
            return _match_line_endings(original, tomlkit.dumps(doc))
        if "skip_user_verification" in doc:
            doc["skip_user_verification"] = True
            return _match_line_endings(original, tomlkit.dumps(doc))
        # A top-level key must stand before the first table: put it at the very top, after leading comments.
        eol = line_ending(original)
        rendered = _match_line_endings(original, tomlkit.dumps(doc))
        return _insert_top_level(rendered, f"skip_user_verification = true{eol}")
    if "skip_user_verification" in doc:
        del doc["skip_user_verification"]
    user = doc.get("user")
    if user is None:
        base = _match_line_endings(original, tomlkit.dumps(doc))
        return _appended_table_text(base, "user", {"skip_verification": True})
    if not isinstance(user, Table | InlineTable):
        raise FileProblem(path, "files.user_not_table")
    user["skip_verification"] = True
    return _match_line_endings(original, tomlkit.dumps(doc))


def _insert_top_level(text: str, line: str) -> str:
    """Insert `line` after the leading comment block and top-level keys, before the first table header."""
    lines = text.splitlines(keepends=True)
    insert_at = len(lines)
    for index, current in enumerate(lines):
        if current.lstrip().startswith("["):
            insert_at = index
            break
    # Step back over blank lines so the new key joins the top-level block, not the table's preamble.
    while insert_at > 0 and not lines[insert_at - 1].strip():
        insert_at -= 1
    if insert_at > 0 and not lines[insert_at - 1].endswith(("\n", "\r")):
        lines[insert_at - 1] += line[len(line.rstrip("\r\n")) :]
    lines.insert(insert_at, line)
    if insert_at == 0 and len(lines) > 1 and lines[1].lstrip().startswith("["):
        lines.insert(1, line[len(line.rstrip("\r\n")) :])
    return "".join(lines)
