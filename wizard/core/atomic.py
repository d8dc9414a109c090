"""Reading a file with a stamp, so a later write can refuse when it changed meanwhile.

The writing side (temporary file, fsync, owner and mode kept, backup, `os.replace`, rollback) is
`wizard/core/transaction.py`. A symlink is written through to its target, so the link stays a link.
"""

from __future__ import annotations

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


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of `data` as 64 lower-case hex digits."""
    import hashlib  # lazy: hashlib loads OpenSSL's libcrypto; the compose and .env readers import this module

    return hashlib.sha256(data).hexdigest()


def write_target(path: Path) -> Path:
    """The file a write to `path` really replaces, as an absolute path without `..`: a symlink's (final)
    target, else the file of that name in its (resolved) folder. Every face lists the files written (and their
    backups) from these paths, so they all take this one form, whatever form the user gave the path in."""
    return path.resolve() if path.is_symlink() else path.parent.resolve() / path.name


# The largest file the wizard reads (config.toml, a `.env`, a compose file): BOMnipotent's configuration is
# a few kilobytes, so no real one comes near; above it a run refuses before any work instead of parsing for
# minutes (issue 22; bench/file_scaling.py measures both sides of the limit).
MAX_FILE_BYTES = 4 * 1024 * 1024


def read_snapshot(path: Path) -> Snapshot:
    """The file's bytes, stamp and mode. Raises FileProblem for a folder, for anything but a regular file (a
    FIFO would block the open forever, `/dev/zero` would never end), for a file larger than MAX_FILE_BYTES
    and for a file that cannot be read."""
    try:
        info = path.stat()
    except OSError:
        info = None  # missing or unreadable: the read below says which
    kind = info.st_mode if info is not None else None
    if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        raise FileProblem(path, "files.not_regular")
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > MAX_FILE_BYTES:
        raise FileProblem(path, "file_layer.too_large", size=_mib(info.st_size), limit=_mib(MAX_FILE_BYTES))
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # also a dangling symlink: the write then creates its target
        return Snapshot(path, None, FileStamp(None), None)
    except IsADirectoryError:
        raise FileProblem(path, "files.is_directory") from None
    except OSError as exc:
        raise FileProblem(path, "files.unreadable", reason=os_reason(exc)) from None
    mode = stat.S_IMODE(path.stat().st_mode)
    return Snapshot(path, data, FileStamp(sha256_hex(data)), mode)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def check_unchanged(snapshot: Snapshot) -> None:
    """Raise FileChangedError when the file on disk is no longer what was read."""
    try:
        current = snapshot.path.read_bytes()
    except FileNotFoundError:
        current_stamp = FileStamp(None)
    except OSError as exc:
        raise FileProblem(snapshot.path, "files.unreadable", reason=os_reason(exc)) from None
    else:
        current_stamp = FileStamp(sha256_hex(current))
    if current_stamp != snapshot.stamp:
        raise FileChangedError(snapshot.path, "files.changed_meanwhile")


def backup_path(path: Path) -> Path:
    """`<name>.bak` next to the file a write really replaces."""
    target = write_target(path)
    return target.with_name(target.name + ".bak")
