"""The transaction's journal: what a run that is killed outright (SIGKILL, power loss) between two
replacements leaves behind, so that the next run puts the old state back before it reads anything.

Written (fsynced, atomically) after every backup is in place and before the first replacement; removed
after the last one was read back. It names each target, its backup, the SHA-256 of the old and the new
content, and the old mode and owner — never any content, so it holds no secret. Recovery runs while the
folder lock is held (see `folder_lock.FolderLock`): a target that holds the new content gets its old
content back from the backup (only when the backup's digest is the recorded one); a target the run
created is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

JOURNAL_NAME = ".smtp-wizard.journal"


@dataclass(frozen=True)
class JournalEntry:
    target: str
    backup: str | None  # None: the run created the file
    old_sha: str | None
    new_sha: str
    mode: int
    uid: int
    gid: int


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_file(path: Path, data: bytes, mode: int, uid: int = -1, gid: int = -1) -> None:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.smtp-wizard.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if uid != -1 or gid != -1:
                with contextlib.suppress(PermissionError):  # as the same user the owner is ours anyway
                    os.fchown(handle.fileno(), uid, gid)
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def write_journal(folder: Path, entries: list[JournalEntry]) -> Path:
    """Record `entries` in `folder` before the first replacement; returns the journal's path."""
    path = folder / JOURNAL_NAME
    _write_file(path, json.dumps([asdict(entry) for entry in entries]).encode("utf-8"), 0o600)
    return path


def remove_journal(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def recover(folder: Path) -> list[Path]:
    """Undo the half-done change a killed run left in `folder` (call only while holding its lock).
    Returns the files put back. A journal that cannot be fully applied is kept for the next try."""
    path = folder / JOURNAL_NAME
    try:
        entries = [JournalEntry(**item) for item in json.loads(path.read_text(encoding="utf-8"))]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError):
        return []  # unreadable: leave it for a person (it names files only, no content)
    restored: list[Path] = []
    complete = True
    for entry in reversed(entries):
        target = Path(entry.target)
        try:
            current = digest(target.read_bytes())
        except FileNotFoundError:
            continue
        except OSError:
            complete = False
            continue
        if current != entry.new_sha:
            continue  # never replaced (or changed since by someone else): leave it
        try:
            if entry.backup is None:
                target.unlink()
            else:
                old = Path(entry.backup).read_bytes()
                if digest(old) != entry.old_sha:
                    complete = False
                    continue
                _write_file(target, old, entry.mode, entry.uid, entry.gid)
        except OSError:
            complete = False
            continue
        restored.append(target)
    if complete:
        remove_journal(path)
    return restored
