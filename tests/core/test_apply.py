"""Planning and committing a change: atomic, backed up, verified, refusing stale files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.support.files import read_only_folder
from wizard.core.apply import commit_apply, plan_apply, plan_skip
from wizard.core.config_file import Layout
from wizard.core.errors import FileChangedError, FileProblem
from wizard.core.existing import load_existing
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings

SECRET = 'p@ss "w$rd" \\ ${HOME} # x'


def new_settings(**extra: object) -> Settings:
    base = Settings(
        user="you@example.com",
        host="smtp.example.com",
        port=465,
        security=Security.SMTPS,
        secret_source=SecretSource.NEW,
        secret=Secret(SECRET),
    )
    return base.with_changes(**extra)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_are_created_with_the_secret_only_in_env(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    result = commit_apply(plan_apply(new_settings(), config))
    assert (
        config.read_text()
        == '[smtp]\nuser = "you@example.com"\nendpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\n'
    )
    assert SECRET not in config.read_text()
    assert load_existing(config).secret == Secret(SECRET)
    assert mode(tmp_path / ".env") == 0o600
    assert set(result.written) == {config, tmp_path / ".env"}


def test_existing_env_lines_stay_byte_identical(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_bytes(b"# secrets\r\nexport DB_PASSWORD='x y'\r\n\r\nOTHER=\"a\\nb\"\r\n")
    commit_apply(plan_apply(new_settings(), tmp_path / "config.toml"))
    text = env.read_bytes()
    assert text.startswith(b"# secrets\r\nexport DB_PASSWORD='x y'\r\n\r\nOTHER=\"a\\nb\"\r\nSMTP_SECRET=")


def test_first_definition_is_rewritten_and_duplicates_are_reported(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SMTP_SECRET=old\nSMTP_SECRET=older\n")
    plan = plan_apply(new_settings(), tmp_path / "config.toml")
    assert any(note.msg_id == "apply.note.env_duplicates" and "2" in note.text for note in plan.notes)
    commit_apply(plan)
    assert (tmp_path / ".env").read_text().endswith("\nSMTP_SECRET=older\n")
    assert load_existing(tmp_path / "config.toml").secret == Secret(SECRET)


def test_looser_env_is_tightened_and_the_user_told(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("A=1\n")
    env.chmod(0o644)
    result = commit_apply(plan_apply(new_settings(), tmp_path / "config.toml"))
    assert mode(env) == 0o600
    assert any(note.msg_id == "apply.note.env_tightened" for note in result.notes)


def test_backups_keep_the_previous_content_and_env_backup_is_private(tmp_path: Path) -> None:
    config, env = tmp_path / "config.toml", tmp_path / ".env"
    config.write_text("[domain]\nname = 'x'\n")
    env.write_text("SMTP_SECRET=old\n")
    env.chmod(0o644)
    commit_apply(plan_apply(new_settings(), config))
    assert (tmp_path / "config.toml.bak").read_text() == "[domain]\nname = 'x'\n"
    assert (tmp_path / ".env.bak").read_text() == "SMTP_SECRET=old\n"
    assert mode(tmp_path / ".env.bak") == 0o600


def test_config_mode_is_kept(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    config.chmod(0o640)
    commit_apply(plan_apply(new_settings(), config))
    assert mode(config) == 0o640


def test_a_symlinked_config_is_written_through_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "config.toml").write_text("[domain]\nname = 'x'\n")
    link = tmp_path / "config.toml"
    link.symlink_to(real / "config.toml")
    commit_apply(plan_apply(new_settings(secret_source=SecretSource.NONE, secret=None), link))
    assert link.is_symlink()
    assert "[smtp]" in (real / "config.toml").read_text()


def test_a_file_changed_after_reading_is_not_overwritten(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")
    plan = plan_apply(new_settings(), config)
    config.write_text("[domain]\nname = 'edited by someone else'\n")
    with pytest.raises(FileChangedError):
        commit_apply(plan)
    assert config.read_text() == "[domain]\nname = 'edited by someone else'\n"
    assert not (tmp_path / ".env").exists()


def test_a_read_only_folder_fails_cleanly_leaving_no_temp_files(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")
    before = sorted(os.listdir(tmp_path))
    with read_only_folder(tmp_path), pytest.raises(FileProblem):
        commit_apply(plan_apply(new_settings(secret_source=SecretSource.NONE, secret=None), config))
    assert sorted(os.listdir(tmp_path)) == before
    assert config.read_text() == "[domain]\nname = 'x'\n"


def test_keeping_the_secret_leaves_env_untouched(tmp_path: Path) -> None:
    config, env = tmp_path / "config.toml", tmp_path / ".env"
    env.write_text("SMTP_SECRET=kept\n")
    env.chmod(0o600)
    existing = load_existing(config)
    settings = new_settings(secret_source=SecretSource.KEEP, secret=existing.secret)
    result = commit_apply(plan_apply(settings, config, existing))
    assert result.written == [config]
    assert env.read_text() == "SMTP_SECRET=kept\n"


def test_keeping_a_secret_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception) as info:
        plan_apply(new_settings(secret_source=SecretSource.KEEP, secret=None), tmp_path / "config.toml")
    assert "SMTP_SECRET" in str(info.value)


def test_a_literal_secret_in_config_moves_to_env(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "you@example.com"\nendpoint = "smtp.example.com"\nsecret = "literal-pw"\n')
    existing = load_existing(config)
    settings = existing.prefill()
    assert settings is not None and settings.secret_source is SecretSource.KEEP
    result = commit_apply(plan_apply(settings, config, existing))
    assert "literal-pw" not in config.read_text()
    assert load_existing(config).secret == Secret("literal-pw")
    assert any(note.msg_id == "apply.note.secret_moved" for note in result.notes)


def test_changing_only_the_secret_says_to_restart_the_server(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    commit_apply(plan_apply(new_settings(), config))
    result = commit_apply(plan_apply(new_settings(secret=Secret("another")), config))
    assert result.restart_needed
    assert result.written == [tmp_path / ".env"]


def test_existing_smtp_prefills_the_settings(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    commit_apply(plan_apply(new_settings(port=2525, security=Security.STARTTLS, user="apikey"), config))
    prefill = load_existing(config).prefill()
    assert prefill is not None
    assert (prefill.host, prefill.port, prefill.security, prefill.user) == (
        "smtp.example.com",
        2525,
        Security.STARTTLS,
        "apikey",
    )
    assert prefill.secret == Secret(SECRET)


@pytest.mark.parametrize("layout", list(Layout))
def test_skip_plan_writes_the_chosen_layout_and_warns(tmp_path: Path, layout: Layout) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")
    plan = plan_skip(config, layout)
    assert any(note.msg_id == "apply.note.skip_warning" for note in plan.notes)
    commit_apply(plan)
    existing = load_existing(config)
    assert existing.skip_verification and existing.layout is layout


def test_diff_shows_only_the_smtp_change(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")
    diff = plan_apply(new_settings(), config).config_diff()
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added == [
        "+",
        "+[smtp]",
        '+user = "you@example.com"',
        '+endpoint = "smtp.example.com"',
        '+secret = "${SMTP_SECRET}"',
    ]
    assert not [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
