"""`apply --no-probe`, `show`, `skip-verification`, `--version` on real files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run
from wizard import __version__

SECRET = 's3cr3t-$HOME-"q"-\\'

CLI = Callable[..., Run]


def apply_args(config: Path, *extra: str) -> list[str]:
    return [
        "apply",
        "--config",
        str(config),
        "--user",
        "you@example.com",
        "--host",
        "smtp.example.com",
        "--security",
        "starttls",
        "--no-probe",
        *extra,
    ]


def test_version_prints_the_package_version(cli: CLI) -> None:
    run = cli("--version")
    assert run.code == 0 and __version__ in run.out


def test_apply_writes_config_and_env(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    run = cli(*apply_args(config, "--secret-stdin"), stdin=SECRET + "\n")
    assert run.code == 0, run.err
    assert 'endpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\nstarttls = true' in config.read_text()
    assert str(config) in run.out and "--no-probe" in run.out


def test_apply_json_lists_written_files(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    run = cli(*apply_args(config, "--secret-stdin", "--json"), stdin=SECRET)
    payload = json.loads(run.out)
    assert payload["ok"] is True and payload["diagnosis"] is None
    assert sorted(payload["written"]) == sorted([str(config), str(tmp_path / ".env")])


def test_secret_appears_nowhere_but_env(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    run = cli(*apply_args(config, "--secret-stdin", "--json"), stdin=SECRET)
    show = cli("show", "--config", str(config), "--json")
    for text in (run.out, run.err, show.out, show.err, config.read_text()):
        assert SECRET not in text
    assert "***" in show.out


def test_port_defaults_from_security(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    cli(
        "apply",
        "--config",
        str(config),
        "--user",
        "you@example.com",
        "--host",
        "relay.example.com",
        "--security",
        "none",
        "--no-secret",
        "--no-probe",
    )
    assert 'endpoint = "smtp://relay.example.com:25"' in config.read_text()


def test_show_says_where_values_come_from(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    cli(*apply_args(config, "--secret-stdin"), stdin=SECRET)
    run = cli("show", "--config", str(config))
    assert run.code == 0
    assert "smtp.example.com" in run.out and "587" in run.out and "starttls" in run.out
    assert str(tmp_path / ".env") in run.out and "${SMTP_SECRET}" in run.out


def test_show_without_smtp_says_no_section_yet_and_exits_0(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[domain]\nname = 'x'\n")
    run = cli("show", "--config", str(config))
    assert run.code == 0, run.err  # a valid file with nothing set up yet (SPEC §5: 3 is a file problem)
    assert "no [smtp] section" in run.out
    payload = json.loads(cli("show", "--config", str(config), "--json").out)
    assert payload["ok"] is True and "user" not in payload["settings"]


def test_show_of_a_missing_config_is_a_file_problem(cli: CLI, tmp_path: Path) -> None:
    assert cli("show", "--config", str(tmp_path / "config.toml")).code == 3


def test_show_names_starttls_as_the_source_only_when_it_decided(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    cases = {
        'endpoint = "smtp://mail.example.com:587?tls=required"\n': "] endpoint",
        'endpoint = "mail.example.com"\n': "] endpoint",
        'endpoint = "mail.example.com"\nstarttls = true\n': "] endpoint, starttls",
        'endpoint = "smtp://mail.example.com:25"\nstarttls = true\n': "] endpoint",  # ignored with smtp://
    }
    for table, source in cases.items():
        config.write_text(f'[smtp]\nuser = "a@example.com"\n{table}')
        payload = json.loads(cli("show", "--config", str(config), "--json").out)
        assert payload["settings"]["security"]["source"].endswith(source), (table, payload["settings"]["security"])


def test_keep_secret_keeps_the_existing_value(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    cli(*apply_args(config, "--secret-stdin"), stdin=SECRET)
    env_before = (tmp_path / ".env").read_bytes()
    run = cli(
        "apply",
        "--config",
        str(config),
        "--user",
        "you@example.com",
        "--host",
        "other.example.com",
        "--security",
        "smtps",
        "--keep-secret",
        "--no-probe",
    )
    assert run.code == 0, run.err
    assert (tmp_path / ".env").read_bytes() == env_before
    assert 'endpoint = "other.example.com"' in config.read_text()


def test_skip_verification_uses_the_detected_layout(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[user]\nexpiration = '1 year'\n")
    run = cli("skip-verification", "--config", str(config))
    assert run.code == 0
    assert "skip_verification = true" in config.read_text()
    assert "current" in run.out and "Security warning" in run.err


def test_skip_verification_layout_can_be_chosen(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[user]\nexpiration = '1 year'\n")
    cli("skip-verification", "--config", str(config), "--layout", "legacy")
    assert config.read_text().startswith("skip_user_verification = true\n")


def test_configuring_smtp_later_removes_the_skip_flag_and_says_so(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("skip_user_verification = true\n")
    run = cli(*apply_args(config, "--no-secret"))
    assert "skip_user_verification" not in config.read_text()
    assert "verifies addresses again" in run.out


def test_output_follows_lang_option(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    run = cli("--lang", "de", *apply_args(config, "--no-secret"))
    assert "Geschrieben:" in run.out


def test_reapplying_with_no_probe_says_nothing_changed_and_not_written(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    assert cli(*apply_args(config, "--no-secret")).code == 0
    before = config.read_bytes()
    run = cli(*apply_args(config, "--no-secret"))
    assert run.code == 0
    assert "Nothing to change" in run.out
    assert "Written" not in run.out
    assert config.read_bytes() == before


def test_skip_verification_twice_says_nothing_changed_and_not_written_as(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    first = cli("skip-verification", "--config", str(config), "--json")
    assert "Written as" in " ".join(json.loads(first.out)["notes"])
    before = config.read_bytes()
    second = cli("skip-verification", "--config", str(config), "--json")
    data = json.loads(second.out)
    assert second.code == 0 and data["written"] == []
    assert not any(note.startswith("Written as") for note in data["notes"])
    assert config.read_bytes() == before
