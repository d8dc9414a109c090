"""A command that removes the skip flag it or an earlier command wrote leaves no empty `[user]` header behind
(found: skip-verification, then move-smtp-config, left `[user]` with nothing in it). The file after the
round trip is the file before it, except for what the last command is there to write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run

CLI = Callable[..., Run]

SMTP_CONFIG = 'domain = "x"\n\n[smtp_config]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\n'
MOVED = 'domain = "x"\n\n[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\n'


def test_skip_verification_then_move_smtp_config_leaves_no_empty_user_table(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(SMTP_CONFIG)
    assert cli("skip-verification", "--config", str(config)).code == 0
    assert "[user]\nskip_verification = true\n" in config.read_text()
    run = cli("move-smtp-config", "--config", str(config))
    assert run.code == 0, run.err
    assert config.read_text() == MOVED


def test_skip_verification_then_apply_leaves_no_empty_user_table(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    assert cli("skip-verification", "--config", str(config)).code == 0
    run = cli(
        "apply", "--config", str(config), "--user", "you@example.com", "--host", "smtp.example.com",
        "--security", "starttls", "--no-probe", "--no-secret",
    )  # fmt: skip
    assert run.code == 0, run.err
    text = config.read_text()
    assert "[user]" not in text and "skip_verification" not in text
    assert text.startswith('domain = "x"\n\n[smtp]\n')


def test_switching_the_skip_layout_to_legacy_leaves_no_empty_user_table(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    assert cli("skip-verification", "--config", str(config), "--layout", "current").code == 0
    run = cli("skip-verification", "--config", str(config), "--layout", "legacy")
    assert run.code == 0, run.err
    assert config.read_text() == 'domain = "x"\nskip_user_verification = true\n'
