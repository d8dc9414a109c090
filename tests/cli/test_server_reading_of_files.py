"""Issue 11 items 6, 7 and 9 where they live in the files: `.env` expanded exactly as dotenvy does with the
server's environment, the skip-verification default, and `[smtp_config]` (SPEC §2, §3 rev 2)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.files import folder_bytes
from wizard.core.apply import plan_apply
from wizard.core.env_file import SecretOrigin
from wizard.core.existing import load_existing
from wizard.core.secret import Secret
from wizard.core.server_view import read_as_server
from wizard.core.settings import SecretSource, Security, Settings

CLI = Callable[..., Run]
CONFIG = '[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\n'


def folder_with(tmp_path: Path, env: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    (tmp_path / ".env").write_text(env)
    return config


# 6 ------------------------------------------------------------------------------------------------------
def test_env_references_expand_from_the_process_environment_first(tmp_path: Path) -> None:
    config = folder_with(tmp_path, 'SMTP_SECRET="${PW_FROM_ENV}"\n')
    environ = {"PW_FROM_ENV": "from-environment"}
    assert load_existing(config, environ).secret == Secret("from-environment")
    assert read_as_server(config, environ).secret == Secret("from-environment")


def test_env_references_expand_from_earlier_lines_when_the_environment_lacks_them(tmp_path: Path) -> None:
    config = folder_with(tmp_path, 'BASE=pa55\nSMTP_SECRET="${BASE}-word"\n')
    assert load_existing(config, {}).secret == Secret("pa55-word")
    assert load_existing(config, {"BASE": "env"}).secret == Secret("env-word")


def test_a_variable_set_in_the_environment_wins_over_env_even_when_empty(tmp_path: Path) -> None:
    config = folder_with(tmp_path, 'SMTP_SECRET="in-file"\n')
    existing = load_existing(config, {"SMTP_SECRET": ""})
    assert existing.secret == Secret("") and existing.secret_origin is SecretOrigin.ENVIRONMENT
    assert [note.msg_id for note in existing.notes] == ["envread.environment_wins"]
    assert read_as_server(config, {"SMTP_SECRET": ""}).secret == Secret("")


def test_keep_secret_keeps_the_expanded_value_and_leaves_env_alone(tmp_path: Path) -> None:
    config = folder_with(tmp_path, 'SMTP_SECRET="${PW_FROM_ENV}"\n')
    environ = {"PW_FROM_ENV": "from-environment"}
    existing = load_existing(config, environ)
    keep = Settings(
        user="a@example.com", host="smtp.example.com", port=465, security=Security.SMTPS,
        secret_source=SecretSource.KEEP, secret=existing.secret,
    )  # fmt: skip
    plan = plan_apply(keep, config, existing)
    assert plan.expected_secret == Secret("from-environment") and not plan.env_changed


def test_show_says_when_a_dollar_name_in_env_expands_to_nothing(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("def", raising=False)
    config = folder_with(tmp_path, "SMTP_SECRET=abc$def\n")
    assert load_existing(config, {}).secret == Secret("abc")
    run = cli("show", "--config", str(config))
    assert run.code == 0
    assert "$def" in run.err and "“abc$def” is “abc”" in run.err
    assert "contains $def" in json.loads(cli("show", "--config", str(config), "--json").out)["notes"][0]


def test_show_in_german_says_it_too(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("def", raising=False)
    config = folder_with(tmp_path, "SMTP_SECRET=abc$def\n")
    run = cli("--lang", "de", "show", "--config", str(config))
    assert "$def" in run.err and "wird dieser Teil zu nichts" in run.err


# 7 ------------------------------------------------------------------------------------------------------
def test_skip_verification_without_a_signal_writes_the_current_user_table_and_says_so(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    run = cli("skip-verification", "--config", str(config))
    assert run.code == 0, run.err
    assert tomllib.loads(config.read_text())["user"]["skip_verification"] is True
    assert "current" in run.out and "[user]" in run.out


def test_skip_verification_follows_a_legacy_signal_in_the_file(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("tmp_admin = 'admin@example.org'\n\n[domain]\nname = 'x'\n")
    run = cli("skip-verification", "--config", str(config), "--json")
    assert json.loads(run.out)["layout"] == "legacy"
    assert tomllib.loads(config.read_text())["skip_user_verification"] is True


# 9 ------------------------------------------------------------------------------------------------------
SMTP_CONFIG = (
    "# from the docs' example\n[smtp_config]\n"
    'user = "a@example.com"\nendpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\n\n[domain]\nname = "x"\n'
)


def test_show_flags_smtp_config_as_ignored_by_the_server(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SMTP_CONFIG)
    run = cli("show", "--config", str(config))
    assert "[smtp_config]" in run.err and "never reads it" in run.err and "move-smtp-config" in run.err


def test_move_smtp_config_moves_its_keys_into_smtp_and_nothing_else(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SMTP_CONFIG)
    run = cli("move-smtp-config", "--config", str(config))
    assert run.code == 0, run.err
    data = tomllib.loads(config.read_text())
    assert "smtp_config" not in data and data["domain"] == {"name": "x"}
    assert data["smtp"] == {"user": "a@example.com", "endpoint": "smtp.example.com", "secret": "${SMTP_SECRET}"}
    assert config.read_text().startswith("# from the docs' example\n")
    assert "moved into [smtp]" in run.out


def test_move_smtp_config_run_twice_says_nothing_to_change_and_exits_0(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SMTP_CONFIG)
    assert cli("move-smtp-config", "--config", str(config)).code == 0
    moved = folder_bytes(tmp_path)
    again = cli("move-smtp-config", "--config", str(config))
    assert again.code == 0, again.err  # an installer with `set -e` re-runs it
    assert "Nothing to change" in again.out and "[smtp_config]" in again.out
    assert folder_bytes(tmp_path) == moved
    as_json = json.loads(cli("move-smtp-config", "--config", str(config), "--json").out)
    assert as_json["ok"] is True and as_json["written"] == []


def test_move_smtp_config_beside_an_smtp_table_only_removes_it(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        SMTP_CONFIG.replace("[domain]", '[smtp]\nuser = "b@example.com"\nendpoint = "b.example"\n\n[domain]')
    )
    assert cli("move-smtp-config", "--config", str(config)).code == 0
    assert tomllib.loads(config.read_text())["smtp"]["user"] == "b@example.com"
    assert "smtp_config" not in config.read_text()


def test_apply_prefills_from_smtp_config_and_replaces_it_with_smtp(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SMTP_CONFIG)
    (tmp_path / ".env").write_text('SMTP_SECRET="kept"\n')
    existing = load_existing(config, {})
    assert existing.smtp is not None and existing.smtp.host == "smtp.example.com" and existing.smtp_config
    run = cli(
        "apply", "--config", str(config), "--user", "a@example.com", "--host", "smtp.example.com",
        "--security", "smtps", "--keep-secret", "--no-probe",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert "smtp_config" not in config.read_text() and "[smtp]" in config.read_text()
    assert "never reads" in run.out


def test_a_broken_smtp_config_is_flagged_but_does_not_block_the_file(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp_config]\nhost = "x"\n')
    before = folder_bytes(tmp_path)
    existing = load_existing(config, {})
    assert existing.smtp is None and existing.smtp_config
    assert cli("move-smtp-config", "--config", str(config)).code == 3
    assert folder_bytes(tmp_path) == before
