"""Safe file replacement: read with a stamp, write atomically only if nothing changed meanwhile.

A write goes to a temporary file in the same folder, is flushed and fsynced, gets the old file's mode and
replaces the target with `os.replace`; the previous content is kept as `<name>.bak`. A symlink is written
through to its target, so the link stays a link.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wizard.core.errors import FileChangedError, FileProblem


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
    """The file a write to `path` really replaces: the symlink's (final) target."""
    return path.resolve() if path.is_symlink() else path


def read_snapshot(path: Path) -> Snapshot:
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # also a dangling symlink: the write then creates its target
        return Snapshot(path, None, FileStamp(None), None)
    except IsADirectoryError:
        raise FileProblem(path, "files.is_directory") from None
    except PermissionError:
        raise FileProblem(path, "files.unreadable", reason="permission denied") from None
    except OSError as exc:
        raise FileProblem(path, "files.unreadable", reason=exc.strerror or str(exc)) from None
    mode = stat.S_IMODE(path.stat().st_mode)
    return Snapshot(path, data, FileStamp(_digest(data)), mode)


def check_unchanged(snapshot: Snapshot) -> None:
    """Raise FileChangedError when the file on disk is no longer what was read."""
    try:
        current = snapshot.path.read_bytes()
    except FileNotFoundError:
        current_stamp = FileStamp(None)
    except OSError as exc:
        raise FileProblem(snapshot.path, "files.unreadable", reason=exc.strerror or str(exc)) from None
    else:
        current_stamp = FileStamp(_digest(current))
    if current_stamp != snapshot.stamp:
        raise FileChangedError(snapshot.path, "files.changed_meanwhile")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(fd)


def _replace_with(target: Path, data: bytes, mode: int) -> None:
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except FileNotFoundError:
        raise FileProblem(target, "files.folder_missing", folder=str(folder)) from None
    except OSError as exc:
        raise FileProblem(target, "files.not_writable", reason=exc.strerror or str(exc)) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise FileProblem(target, "files.not_writable", reason=exc.strerror or str(exc)) from None
    _fsync_dir(folder)


def backup_path(path: Path) -> Path:
    target = write_target(path)
    return target.with_name(target.name + ".bak")


def write_atomic(
    snapshot: Snapshot,
    data: bytes,
    *,
    new_file_mode: int,
    backup_mode: int | None = None,
    force_mode: int | None = None,
) -> Path:
    """Replace the file read as `snapshot` by `data`. Returns the path really written (symlink target).

    `force_mode` sets the mode even for an existing file (the .env is tightened to 0600);
    `backup_mode` overrides the backup's mode (a secret's backup is 0600 whatever the original was).
    """
    check_unchanged(snapshot)
    target = write_target(snapshot.path)
    mode = force_mode if force_mode is not None else (snapshot.mode if snapshot.mode is not None else new_file_mode)
    if snapshot.data is not None:
        bak_mode = backup_mode if backup_mode is not None else (snapshot.mode or new_file_mode)
        _replace_with(backup_path(snapshot.path), snapshot.data, bak_mode)
    _replace_with(target, data, mode)
    return target
