"""An advisory lock on the folders a change touches, so two wizards never interleave their reads and writes.

The lock is `flock(2)` on the folder itself (no lock file is left behind). It is held from reading the
files to the last replacement; a second wizard waits up to `timeout` seconds, then gets a FileProblem
(exit 3). Within one process the lock is re-entrant: the CLI takes it before reading, and the transaction
takes it again around its writes without blocking itself.

While the lock is held no other wizard can be writing in the folder, so a journal or a temporary file of
ours found there is the leftover of a run that was killed (SIGKILL, power loss): on acquisition the
journal's half-done change is undone and the temporary files are removed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from wizard.core.errors import FileProblem
from wizard.core.journal import recover
from wizard.core.os_reason import os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; the snapshot checks still refuse stale writes
    fcntl = None  # type: ignore[assignment]

TEMP_MARK = ".smtp-wizard."  # in every temporary file name the transaction creates: `.<name>.smtp-wizard.<random>.tmp`
DEFAULT_TIMEOUT = 10.0  # seconds a second wizard waits for the first
_POLL = 0.05

_held: dict[str, tuple[int, int]] = {}  # real folder path -> (descriptor, depth)
_guard = threading.Lock()


def folders_of(paths: Iterable[Path]) -> list[Path]:
    """The folders to lock for files `paths`: each file's folder and, for a symlink, its target's folder."""
    folders: set[str] = set()
    for path in paths:
        folders.add(os.path.realpath(path.parent))
        folders.add(os.path.dirname(os.path.realpath(path)))
    return [Path(f) for f in sorted(folders)]


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files a killed run of the wizard left in `folder` (only call while holding the lock)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(".") and TEMP_MARK in name and name.endswith(".tmp"):
            with contextlib.suppress(OSError):  # tried again by the next run
                os.unlink(folder / name)


class FolderLock:
    """`with FolderLock(folders):` holds an exclusive advisory lock on every folder (taken in sorted order, so
    two runs locking overlapping sets cannot deadlock). Raises FileProblem (exit 3) when another process
    holds one of them longer than `timeout` seconds, or when a folder does not exist."""

    def __init__(self, folders: Iterable[Path], timeout: float = DEFAULT_TIMEOUT) -> None:
        self.folders = sorted({os.path.realpath(f) for f in folders})
        self.timeout = timeout
        self._taken: list[str] = []

    def __enter__(self) -> FolderLock:
        try:
            for folder in self.folders:
                self._acquire(folder)
                self._taken.append(folder)
        except BaseException:
            self._release_all()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._release_all()

    def _release_all(self) -> None:
        while self._taken:
            _release(self._taken.pop())

    def _acquire(self, folder: str) -> None:
        with _guard:
            if folder in _held:
                fd, depth = _held[folder]
                _held[folder] = (fd, depth + 1)
                return
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except FileNotFoundError:
            raise FileProblem(Path(folder), "files.folder_missing", folder=folder) from None
        except OSError as exc:
            raise FileProblem(Path(folder), "transaction.lock_failed", reason=os_reason(exc)) from None
        try:
            self._wait_for(fd, folder)
        except BaseException:
            os.close(fd)
            raise
        with _guard:
            _held[folder] = (fd, 1)
        recover(Path(folder))  # a run killed between two replacements is undone before anything is read
        remove_stale_temporaries(Path(folder))

    def _wait_for(self, fd: int, folder: str) -> None:
        if fcntl is None:  # pragma: no cover
            return
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise FileProblem(
                        Path(folder), "transaction.lock_failed", reason=os_reason(exc)
                    ) from None
            if time.monotonic() >= deadline:
                raise FileProblem(Path(folder), "transaction.locked", seconds=f"{self.timeout:g}")
            time.sleep(_POLL)


def _release(folder: str) -> None:
    with _guard:
        fd, depth = _held[folder]
        if depth > 1:
            _held[folder] = (fd, depth - 1)
            return
        del _held[folder]
    os.close(fd)  # closing the last descriptor releases the flock


def is_locked_here(folder: Path) -> bool:
    """Whether this process holds the lock on `folder` (for assertions in the transaction)."""
    with _guard:
        return os.path.realpath(folder) in _held
