"""All or nothing for every file one change touches (SPEC §7 rev 2): config.toml, a `.env`, a compose file.

`commit(changes)` takes a list of FileChange — one per file — and either replaces all of them or leaves
every one as it was:

1. every new content is checked (`check` re-parses the new bytes the way the file's reader does);
2. the folder lock is taken (re-entrant: callers that read under `FolderLock` keep holding it), and every
   file must still be exactly what was read (else FileChangedError);
3. preflight: a read-only target is refused unless the user owns it and its folder (then it is replaced
   and stays read-only, with a note); a backup place occupied by a folder refuses the change;
4. each new content goes to a temporary file in the target's folder (fsynced, the old file's mode, owner
   and group; a new file gets `new_file_mode` and, when running as root, the folder's owner, so a run with
   sudo never leaves files the server cannot read); an owner that cannot be kept refuses the change;
5. each old content that changes is kept as `<name>.bak` (0600 when it may hold a secret);
6. the targets are replaced in order with `os.replace`, then read back; if any step fails, or Ctrl-C /
   SIGTERM arrives (they are deferred while files are replaced), the files already replaced are put back
   and the error (or `Cancelled`) is raised;
7. temporary files are removed on every exit; a run killed outright (SIGKILL, power loss) between two
   replacements is undone by the next run's lock from the journal (`journal.py`).

Adding a file to a change (for example the compose file of a deployment layout):
    with FolderLock(folders_of([config, env, compose])):       # held from reading to the last replace
        snap = read_snapshot(compose)
        new = edit(snap.data)                                   # bytes
        commit([..., FileChange(snap, new, check=reparse_compose, new_file_mode=0o644)])
`check(new_bytes)` raises FileProblem (or any WizardError) when the bytes do not mean what was planned.
Put the file whose change is harmless alone first (the `.env` before the config that refers to it).

Test-only fault injection: with `SMTP_WIZARD_TEST_FAULT="N:raise|sigint|sigterm|sigkill"` the N-th step
(counted over prepare/backup/replace/verify) raises OSError(EIO) or signals the process itself, so tests
with real processes can prove that every step is safe to fail at.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from wizard.core.atomic import Snapshot, backup_path, check_unchanged, write_target
from wizard.core.errors import Cancelled, FileProblem, WizardError
from wizard.core.folder_lock import TEMP_MARK, FolderLock, folders_of
from wizard.core.journal import JournalEntry, digest, remove_journal, write_journal
from wizard.core.notes import Note
from wizard.core.os_reason import os_reason

FAULT_ENV = "SMTP_WIZARD_TEST_FAULT"
SECRET_BACKUP_MODE = 0o600


@dataclass(frozen=True)
class FileChange:
    """One file of a transaction: what was read, what it becomes, and how to treat it.

    `snapshot`: the file as read (`read_snapshot`), under the folder lock when possible.
    `data`: the complete new content (bytes).
    `check`: re-parses `data` as the file's reader will; raises when it does not mean what was planned.
    `new_file_mode`: mode of a file that does not exist yet.
    `mode`: force this mode on the replacement (0600 for a `.env`); None keeps the old file's mode.
    `secret`: the old content may hold a secret, so its backup is 0600 whatever the file's mode was.
    """

    snapshot: Snapshot
    data: bytes = field(repr=False)
    check: Callable[[bytes], None] | None = None
    new_file_mode: int = 0o644
    mode: int | None = None
    secret: bool = False

    @property
    def path(self) -> Path:
        return self.snapshot.path

    @property
    def changed(self) -> bool:
        return self.snapshot.data != self.data or (self.mode is not None and self.snapshot.mode != self.mode)


@dataclass
class CommitResult:
    written: list[Path]  # the files really replaced or created (a symlink's target), in order
    backups: list[Path]
    notes: list[Note]


@dataclass
class _Work:
    """What the transaction knows about one changed file while it runs."""

    change: FileChange
    target: Path
    mode: int
    uid: int
    gid: int
    existed: bool
    temp: Path | None = None
    backup: Path | None = None


class _Faults:
    """The test-only fault hook (see the module docstring)."""

    def __init__(self) -> None:
        spec = os.environ.get(FAULT_ENV, "")
        at, _, self.action = spec.partition(":")
        self.at = int(at) if at.isdigit() else 0
        self.count = 0

    def step(self) -> None:
        self.count += 1
        if self.count != self.at:
            return
        if self.action == "sigint":
            os.kill(os.getpid(), signal.SIGINT)
        elif self.action == "sigterm":
            os.kill(os.getpid(), signal.SIGTERM)
        elif self.action == "sigkill":  # no handler, no cleanup: what the journal is for
            os.kill(os.getpid(), signal.SIGKILL)
        else:
            raise OSError(errno.EIO, "injected fault")


class _DeferredSignals:
    """While files are replaced, Ctrl-C and SIGTERM only set a flag; `check()` turns it into `Cancelled` at a
    step boundary, so a rollback is never itself interrupted."""

    def __init__(self) -> None:
        self.pending: int | None = None
        self._old: dict[int, object] = {}

    def __enter__(self) -> _DeferredSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._record)
        return self

    def _record(self, signum: int, _frame: FrameType | None) -> None:
        self.pending = signum

    def check(self) -> None:
        if self.pending is not None:
            raise Cancelled()

    def __exit__(self, *_exc: object) -> None:
        for sig, handler in self._old.items():
            # None: a handler installed outside Python; the default is the closest we can restore.
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)  # type: ignore[arg-type]


def _reason(exc: OSError) -> str:
    return os_reason(exc)


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


def _check_content(change: FileChange) -> None:
    if change.check is None:
        return
    try:
        change.check(change.data)
    except FileProblem:
        raise
    except WizardError as exc:
        raise FileProblem(change.path, "transaction.check_failed", reason=exc.message) from None


def _plan_work(change: FileChange, notes: list[Note]) -> _Work:
    """Mode, owner and the read-only rule for one changed file; refuses before anything is written."""
    target = write_target(change.path)
    euid = os.geteuid()
    try:
        st = os.stat(target)
    except FileNotFoundError:
        try:
            folder = os.stat(target.parent)
        except FileNotFoundError:
            raise FileProblem(change.path, "files.folder_missing", folder=str(target.parent)) from None
        uid, gid = (folder.st_uid, folder.st_gid) if euid == 0 else (-1, -1)
        return _Work(change, target, change.mode or change.new_file_mode, uid, gid, existed=False)
    old_mode = stat.S_IMODE(st.st_mode)
    if not (old_mode & 0o222) or not os.access(target, os.W_OK):
        folder_owner = os.stat(target.parent).st_uid
        if st.st_uid != euid or folder_owner != euid:
            raise FileProblem(change.path, "transaction.read_only", mode=f"{old_mode:o}")
        notes.append(Note("transaction.read_only_replaced", {"path": str(target), "mode": f"{old_mode:o}"}))
    backup = backup_path(change.path)
    try:
        kind = os.lstat(backup).st_mode
    except FileNotFoundError:
        pass
    else:
        if not (stat.S_ISREG(kind) or stat.S_ISLNK(kind)):
            raise FileProblem(change.path, "transaction.backup_blocked", backup=str(backup))
    mode = change.mode if change.mode is not None else old_mode
    return _Work(change, target, mode, st.st_uid, st.st_gid, existed=True, backup=backup)


def _write_temp(work: _Work, data: bytes, mode: int, temps: list[Path]) -> Path:
    """`data` in a new temporary file next to `work.target`, fsynced, with `mode` and the kept owner."""
    folder = work.target.parent
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{work.target.name}{TEMP_MARK}", suffix=".tmp")
    except FileNotFoundError:
        raise FileProblem(work.change.path, "files.folder_missing", folder=str(folder)) from None
    except OSError as exc:
        raise FileProblem(work.change.path, "files.not_writable", reason=_reason(exc)) from None
    temp = Path(name)
    temps.append(temp)
    try:
        with os.fdopen(fd, "wb") as handle:
            if work.uid != -1 or work.gid != -1:
                try:
                    os.fchown(handle.fileno(), work.uid, work.gid)
                except PermissionError as exc:
                    raise FileProblem(
                        work.change.path, "transaction.owner_not_kept", uid=work.uid, gid=work.gid, reason=_reason(exc)
                    ) from None
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        if isinstance(exc, FileProblem):
            raise
        raise FileProblem(work.change.path, "files.not_writable", reason=_reason(exc)) from None
    return temp


def _owner_for(work: _Work) -> tuple[int, int]:
    """Keep the owner only where it differs from what a new file gets anyway (no needless chown)."""
    if not work.existed:
        return work.uid, work.gid
    uid = -1 if work.uid == os.geteuid() else work.uid
    gid = -1 if work.gid == os.getegid() else work.gid
    return uid, gid


def commit(
    changes: Sequence[FileChange],
    *,
    lock_timeout: float | None = None,
    verify: Callable[[], None] | None = None,
) -> CommitResult:
    """Replace every changed file of `changes` or none. `verify` runs after every file is replaced and read
    back, before the transaction ends (e.g. Docker Compose reading the new files): when it raises, every
    file is put back and its error is raised. Raises FileProblem (nothing changed, or — only if putting a
    file back failed too — which backup holds what), FileChangedError, or Cancelled."""
    notes: list[Note] = []
    for change in changes:
        if change.changed:
            _check_content(change)
    paths = [change.path for change in changes]
    lock = FolderLock(folders_of(paths)) if lock_timeout is None else FolderLock(folders_of(paths), lock_timeout)
    temps: list[Path] = []
    faults = _Faults()
    with lock, _DeferredSignals() as signals:
        try:
            for change in changes:
                check_unchanged(change.snapshot)
            work = [_plan_work(change, notes) for change in changes if change.changed]
            try:
                for item in work:
                    item.uid, item.gid = _owner_for(item)
                    item.temp = _write_temp(item, item.change.data, item.mode, temps)
                    faults.step()
                    signals.check()
                backups = _write_backups(work, temps, signals, faults)
            except OSError as exc:  # nothing replaced yet: only temporaries and backups were written
                if isinstance(exc, FileProblem):
                    raise
                raise FileProblem(work[0].change.path, "files.not_writable", reason=_reason(exc)) from None
            journal = _write_journal(work) if work else None
            try:
                written = _replace_all(work, temps, signals, faults, verify)
            except FileProblem as exc:
                if journal is not None and exc.msg_id != "transaction.restore_failed":
                    remove_journal(journal)  # put back in-process; a failed restore leaves it for the next run
                raise
            except BaseException:
                if journal is not None:
                    remove_journal(journal)
                raise
            if journal is not None:
                remove_journal(journal)
            return CommitResult(written, backups, notes)
        finally:
            for temp in temps:
                with contextlib.suppress(OSError):  # else the next run's lock removes it
                    temp.unlink()


def _write_journal(work: list[_Work]) -> Path:
    """Record what is about to be replaced, so that a run killed outright is undone by the next one."""
    entries = [
        JournalEntry(
            target=str(item.target),
            backup=str(item.backup) if item.existed and item.backup is not None else None,
            old_sha=digest(item.change.snapshot.data) if item.change.snapshot.data is not None else None,
            new_sha=digest(item.change.data),
            mode=item.change.snapshot.mode if item.change.snapshot.mode is not None else item.mode,
            uid=item.uid,
            gid=item.gid,
        )
        for item in work
    ]
    try:
        return write_journal(work[0].target.parent, entries)
    except OSError as exc:
        raise FileProblem(work[0].change.path, "files.not_writable", reason=_reason(exc)) from None


def _write_backups(work: list[_Work], temps: list[Path], signals: _DeferredSignals, faults: _Faults) -> list[Path]:
    backups: list[Path] = []
    for item in work:
        if not item.existed or item.backup is None or item.change.snapshot.data is None:
            continue
        old_mode = item.change.snapshot.mode if item.change.snapshot.mode is not None else item.mode
        mode = SECRET_BACKUP_MODE if item.change.secret else old_mode
        owner = _Work(item.change, item.backup, mode, item.uid, item.gid, existed=True)
        temp = _write_temp(owner, item.change.snapshot.data, mode, temps)
        try:
            os.replace(temp, item.backup)
        except OSError as exc:
            raise FileProblem(item.change.path, "files.not_writable", reason=_reason(exc)) from None
        backups.append(item.backup)
        faults.step()
        signals.check()
    return backups


def _replace_all(
    work: list[_Work],
    temps: list[Path],
    signals: _DeferredSignals,
    faults: _Faults,
    verify: Callable[[], None] | None = None,
) -> list[Path]:
    done: list[_Work] = []
    try:
        for item in work:
            assert item.temp is not None
            try:
                os.replace(item.temp, item.target)
            except OSError as exc:
                raise FileProblem(item.change.path, "transaction.write_failed", reason=_reason(exc)) from None
            done.append(item)
            _fsync_dir(item.target.parent)
            faults.step()
            signals.check()
        for item in work:
            try:
                on_disk = item.target.read_bytes()
            except OSError as exc:
                raise FileProblem(item.change.path, "transaction.write_failed", reason=_reason(exc)) from None
            if on_disk != item.change.data:
                raise FileProblem(item.change.path, "transaction.written_differs", backup=str(item.backup))
        if verify is not None:
            verify()
        faults.step()
        signals.check()
    except BaseException as exc:
        _restore(done, temps, exc)
        if signals.pending is not None and not isinstance(exc, KeyboardInterrupt):
            raise Cancelled() from None
        if isinstance(exc, OSError) and not isinstance(exc, FileProblem):
            failed = work[min(len(done), len(work) - 1)]
            raise FileProblem(failed.change.path, "transaction.write_failed", reason=_reason(exc)) from None
        raise
    return [item.target for item in work]


def _restore(done: list[_Work], temps: list[Path], cause: BaseException) -> None:
    """Put back the files already replaced, newest first."""
    reason = (
        cause.message
        if isinstance(cause, WizardError)
        else (_reason(cause) if isinstance(cause, OSError) else type(cause).__name__)
    )
    for item in reversed(done):
        old = item.change.snapshot
        try:
            if old.data is None:
                item.target.unlink(missing_ok=True)
            else:
                old_mode = old.mode if old.mode is not None else item.mode
                temp = _write_temp(item, old.data, old_mode, temps)
                os.replace(temp, item.target)
            _fsync_dir(item.target.parent)
        except OSError:
            raise FileProblem(
                item.change.path,
                "transaction.restore_failed",
                reason=reason,
                other=str(item.target),
                backup=str(item.backup),
            ) from cause
