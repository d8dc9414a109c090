"""The file transaction: every file of a change or none, owners and modes kept, backups safe, no leftovers."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from tests.support.files import read_only_folder
from wizard.core.atomic import read_snapshot
from wizard.core.errors import Cancelled, FileChangedError, FileProblem
from wizard.core.folder_lock import TEMP_MARK, FolderLock
from wizard.core.journal import JOURNAL_NAME, JournalEntry, digest, write_journal
from wizard.core.transaction import FAULT_ENV, FileChange, commit

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root (CI runs as root)")
NOBODY = 65534


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if TEMP_MARK in p.name]


def two_files(folder: Path) -> tuple[Path, Path]:
    env, config = folder / ".env", folder / "config.toml"
    env.write_text('SMTP_SECRET="old"\n')
    config.write_text('[smtp]\nuser = "old@example.com"\n')
    return env, config


def changes(env: Path, config: Path) -> list[FileChange]:
    return [
        FileChange(read_snapshot(env), b'SMTP_SECRET="new"\n', mode=0o600, new_file_mode=0o600, secret=True),
        FileChange(read_snapshot(config), b'[smtp]\nuser = "new@example.com"\n'),
    ]


def test_every_changed_file_is_replaced_and_backed_up(tmp_path: Path) -> None:
    env, config = two_files(tmp_path)
    result = commit(changes(env, config))
    assert env.read_bytes() == b'SMTP_SECRET="new"\n'
    assert config.read_bytes() == b'[smtp]\nuser = "new@example.com"\n'
    assert result.written == [env, config]
    assert (tmp_path / ".env.bak").read_bytes() == b'SMTP_SECRET="old"\n'
    assert (tmp_path / "config.toml.bak").read_bytes() == b'[smtp]\nuser = "old@example.com"\n'
    assert temporaries(tmp_path) == []


def test_a_file_whose_content_stays_is_neither_written_nor_backed_up(tmp_path: Path) -> None:
    _env, config = two_files(tmp_path)
    same = FileChange(read_snapshot(config), config.read_bytes())
    result = commit([same])
    assert result.written == [] and not (tmp_path / "config.toml.bak").exists()


def test_the_check_of_a_new_content_refuses_before_anything_is_written(tmp_path: Path) -> None:
    env, config = two_files(tmp_path)

    def refuse(_data: bytes) -> None:
        raise FileProblem(config, "transaction.check_failed", reason="[smtp]")

    first, second = changes(env, config)
    with pytest.raises(FileProblem):
        commit([first, FileChange(second.snapshot, second.data, check=refuse)])
    assert env.read_text() == 'SMTP_SECRET="old"\n'
    assert not (tmp_path / ".env.bak").exists()


def test_a_file_changed_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    env, config = two_files(tmp_path)
    planned = changes(env, config)
    config.write_text("# edited meanwhile\n")
    with pytest.raises(FileChangedError):
        commit(planned)
    assert env.read_text() == 'SMTP_SECRET="old"\n' and config.read_text() == "# edited meanwhile\n"


@pytest.mark.parametrize("step", range(1, 7))
def test_a_failure_at_any_step_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    env, config = two_files(tmp_path)
    env.chmod(0o640)
    monkeypatch.setenv(FAULT_ENV, f"{step}:raise")
    with pytest.raises(FileProblem):
        commit(changes(env, config))
    assert env.read_text() == 'SMTP_SECRET="old"\n' and mode(env) == 0o640
    assert config.read_text() == '[smtp]\nuser = "old@example.com"\n'
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("step", range(1, 7))
def test_ctrl_c_at_any_step_cancels_and_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    env, config = two_files(tmp_path)
    monkeypatch.setenv(FAULT_ENV, f"{step}:sigint")
    with pytest.raises(Cancelled):
        commit(changes(env, config))
    assert env.read_text() == 'SMTP_SECRET="old"\n'
    assert config.read_text() == '[smtp]\nuser = "old@example.com"\n'
    assert temporaries(tmp_path) == []


def test_a_new_file_is_removed_again_when_a_later_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, config = tmp_path / ".env", tmp_path / "config.toml"
    config.write_text("a = 1\n")
    planned = [
        FileChange(read_snapshot(env), b'S="x"\n', new_file_mode=0o600),
        FileChange(read_snapshot(config), b"a = 2\n"),
    ]
    monkeypatch.setenv(FAULT_ENV, "4:raise")  # prepare, prepare, backup, replace .env -> fail
    with pytest.raises(FileProblem):
        commit(planned)
    assert not env.exists() and config.read_text() == "a = 1\n"


def test_the_backup_of_a_file_that_held_a_secret_is_0600(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nsecret = "literal"\n')
    config.chmod(0o644)
    commit([FileChange(read_snapshot(config), b'[smtp]\nsecret = "${SMTP_SECRET}"\n', secret=True)])
    assert mode(tmp_path / "config.toml.bak") == 0o600
    assert mode(config) == 0o644


def test_a_folder_where_the_backup_goes_refuses_before_anything_is_written(tmp_path: Path) -> None:
    env, config = two_files(tmp_path)
    (tmp_path / "config.toml.bak").mkdir()
    with pytest.raises(FileProblem) as caught:
        commit(changes(env, config))
    assert "config.toml.bak" in str(caught.value)
    assert env.read_text() == 'SMTP_SECRET="old"\n'


def test_a_link_into_a_read_only_folder_refuses_before_the_env_is_written(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text('SMTP_SECRET="old"\n')
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "config.toml").write_text("a = 1\n")
    config = tmp_path / "config.toml"
    config.symlink_to(locked / "config.toml")
    planned = changes(env, config)
    with read_only_folder(locked), pytest.raises(FileProblem):
        commit(planned)
    assert env.read_text() == 'SMTP_SECRET="old"\n'
    assert (locked / "config.toml").read_text() == "a = 1\n" and config.is_symlink()


def test_a_read_only_file_that_is_yours_in_your_folder_is_replaced_and_stays_read_only(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("a = 1\n")
    config.chmod(0o444)
    result = commit([FileChange(read_snapshot(config), b"a = 2\n")])
    assert config.read_text() == "a = 2\n" and mode(config) == 0o444
    assert [note.msg_id for note in result.notes] == ["transaction.read_only_replaced"]
    assert "read-only" in result.notes[0].text


@as_root
def test_a_read_only_file_of_someone_else_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("a = 1\n")
    config.chmod(0o444)
    os.chown(config, NOBODY, NOBODY)
    with pytest.raises(FileProblem) as caught:
        commit([FileChange(read_snapshot(config), b"a = 2\n")])
    assert caught.value.exit_code == 3 and "read-only" in str(caught.value)
    assert config.read_text() == "a = 1\n"


@as_root
def test_owner_group_and_mode_are_kept_when_root_replaces_a_service_users_files(tmp_path: Path) -> None:
    env, config = two_files(tmp_path)
    for path in (env, config):
        os.chown(path, NOBODY, NOBODY)
        path.chmod(0o600)
    commit(changes(env, config))
    for path in (env, config, tmp_path / ".env.bak", tmp_path / "config.toml.bak"):
        st = path.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (NOBODY, NOBODY, 0o600), path


@as_root
def test_a_new_file_made_by_root_belongs_to_the_folders_owner(tmp_path: Path) -> None:
    folder = tmp_path / "service"
    folder.mkdir()
    os.chown(folder, NOBODY, NOBODY)
    env = folder / ".env"
    commit([FileChange(read_snapshot(env), b'S="x"\n', new_file_mode=0o600)])
    st = env.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (NOBODY, NOBODY, 0o600)


def test_an_owner_that_cannot_be_kept_refuses_before_writing(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root can give any owner; drop to nobody in a child process to meet the refusal for real
        # (in a folder nobody can reach: pytest's own base folder is private to root).
        tmp_path = Path(tempfile.mkdtemp(prefix="owner-"))
        tmp_path.chmod(0o755)
        env, config = two_files(tmp_path)
        for path in (tmp_path, env, config):
            os.chown(path, NOBODY, NOBODY)
        os.chown(config, 0, 0)
        config.chmod(0o666)
        script = textwrap.dedent(
            f"""
            import os
            from pathlib import Path
            from wizard.core.atomic import read_snapshot
            from wizard.core.errors import FileProblem
            from wizard.core.transaction import FileChange, commit
            from wizard.core.i18n import tr
            tr("transaction.owner_not_kept")  # the catalogue is loaded while still root
            os.setegid({NOBODY}); os.seteuid({NOBODY})
            env, config = Path({str(env)!r}), Path({str(config)!r})
            try:
                commit([FileChange(read_snapshot(env), b'S="new"\\n'), FileChange(read_snapshot(config), b"b = 2\\n")])
            except FileProblem as exc:
                print(exc.msg_id)
            """
        )
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        try:
            assert out.stdout.strip() == "transaction.owner_not_kept", out.stderr
            assert env.read_text() == 'SMTP_SECRET="old"\n'
            assert temporaries(tmp_path) == []
        finally:
            shutil.rmtree(tmp_path)
    else:
        pytest.skip("needs a file owned by another user: run as root (CI does)")


def test_a_second_wizard_waits_then_stops_with_a_clear_message(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(tmp_path)!r}, os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(FileProblem) as caught, FolderLock([tmp_path], timeout=0.5):
            pass
        assert time.monotonic() - started >= 0.5
        assert caught.value.exit_code == 3 and "Another run of the wizard" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_reentrant_within_one_run(tmp_path: Path) -> None:
    with FolderLock([tmp_path], timeout=0.2), FolderLock([tmp_path], timeout=0.2):
        config = tmp_path / "config.toml"
        commit([FileChange(read_snapshot(config), b"a = 1\n")], lock_timeout=0.2)
    assert config.read_text() == "a = 1\n"


def test_temporaries_left_by_a_killed_run_are_removed_by_the_next_lock(tmp_path: Path) -> None:
    leftover = tmp_path / f".env{TEMP_MARK}abc123.tmp"
    leftover.write_text('SMTP_SECRET="from a killed run"\n')
    unrelated = tmp_path / ".editor.swp.tmp"
    unrelated.write_text("not ours")
    with FolderLock([tmp_path]):
        pass
    assert not leftover.exists() and unrelated.exists()


def test_a_journal_left_by_a_killed_run_is_undone_from_the_backups_when_the_folder_is_locked(tmp_path: Path) -> None:
    env, config = two_files(tmp_path)
    (tmp_path / ".env.bak").write_bytes(env.read_bytes())
    old_sha = digest(env.read_bytes())
    env.write_text('SMTP_SECRET="new"\n')  # replaced, then the run was killed before config.toml
    entries = [
        JournalEntry(str(env), str(tmp_path / ".env.bak"), old_sha, digest(env.read_bytes()), 0o600, -1, -1),
        JournalEntry(str(config), str(tmp_path / "config.toml.bak"), "x", "not-replaced", 0o644, -1, -1),
    ]
    write_journal(tmp_path, entries)
    with FolderLock([tmp_path]):
        assert env.read_text() == 'SMTP_SECRET="old"\n' and mode(env) == 0o600
    assert not (tmp_path / JOURNAL_NAME).exists()


def test_a_backup_that_is_not_the_recorded_one_is_never_restored(tmp_path: Path) -> None:
    env, _config = two_files(tmp_path)
    (tmp_path / ".env.bak").write_text("something else\n")
    env.write_text('SMTP_SECRET="new"\n')
    write_journal(
        tmp_path,
        [JournalEntry(str(env), str(tmp_path / ".env.bak"), "0" * 64, digest(env.read_bytes()), 0o600, -1, -1)],
    )
    with FolderLock([tmp_path]):
        assert env.read_text() == 'SMTP_SECRET="new"\n'
    assert (tmp_path / JOURNAL_NAME).exists()  # kept for a person, who sees what is what
