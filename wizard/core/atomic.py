"""Reading a file with a stamp, so a later write can refuse when it changed meanwhile.

The writing side (temporary file, fsync, owner and mode kept, backup, `os.replace`, rollback) is
`wizard/core/transaction.py`. A symlink is written through to its target, so the link stays a link.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from wizard.core.errors import FileChangedError, FileProblem
from wizard.core.os_reason import os_reason


@dataclass(frozen=True)
class FileStamp:
    """What a file looked like when it was read; `None` digest means it did not exist."""

    digest: str | None

    @property
    def exists(self) -> bool:
        return self.digest is not None


@dataclass(frozen=True)
class Snapshot:
    path: Path
    data: bytes | None  # None: the file does not exist
    stamp: FileStamp
    mode: int | None  # permission bits of an existing file


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_target(path: Path) -> Path:
    """The file a write to `path` really replaces, as an absolute path without `..`: a symlink's (final)
    target, else the file of that name in its (resolved) folder. Every face lists the files written (and their
    backups) from these paths, so they all take this one form, whatever form the user gave the path in."""
    return path.resolve() if path.is_symlink() else path.parent.resolve() / path.name


def read_snapshot(path: Path) -> Snapshot:
    """The file's bytes, stamp and mode. Raises FileProblem for a folder, for anything but a regular file (a
    FIFO would block the open forever, `/dev/zero` would never end), and for a file that cannot be read."""
    try:
        kind = path.stat().st_mode
    except OSError:
        kind = None  # missing or unreadable: the read below says which
    if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        raise FileProblem(path, "files.not_regular")
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # also a dangling symlink: the write then creates its target
        return Snapshot(path, None, FileStamp(None), None)
    except IsADirectoryError:
        raise FileProblem(path, "files.is_directory") from None
    except OSError as exc:
        raise FileProblem(path, "files.unreadable", reason=os_reason(exc)) from None
    mode = stat.S_IMODE(path.stat().st_mode)
    return Snapshot(path, data, FileStamp(_digest(data)), mode)


def check_unchanged(snapshot: Snapshot) -> None:
    """Raise FileChangedError when the file on disk is no longer what was read."""
    try:
        current = snapshot.path.read_bytes()
    except FileNotFoundError:
        current_stamp = FileStamp(None)
    except OSError as exc:
        raise FileProblem(snapshot.path, "files.unreadable", reason=os_reason(exc)) from None
    else:
        current_stamp = FileStamp(_digest(current))
    if current_stamp != snapshot.stamp:
        raise FileChangedError(snapshot.path, "files.changed_meanwhile")


def backup_path(path: Path) -> Path:
    """`<name>.bak` next to the file a write really replaces."""
    target = write_target(path)
    return target.with_name(target.name + ".bak")
