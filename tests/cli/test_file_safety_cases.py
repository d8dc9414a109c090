"""Issue 10's numbered cases, each as it was reproduced, at the command line on real files (SPEC §7 rev 2)."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.files import folder_bytes, read_only_folder
from wizard.core import dotenv
from wizard.core.folder_lock import TEMP_MARK

CLI = Callable[..., Run]
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="changing owners needs root (CI runs as root)")
NOBODY = 65534


def apply(config: Path, *extra: str, user: str = "it@contoso.com", host: str = "smtp.office365.com") -> list[str]:
    return ["apply", "--config", str(config), "--user", user, "--host", host, "--no-probe", *extra]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def no_temporaries(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if TEMP_MARK in p.name or p.name.endswith(".tmp")]


# 1 ------------------------------------------------------------------------------------------------------
def test_case_1_reapplying_over_an_existing_starttls_587_setup_changes_the_password(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "it@contoso.com"\nendpoint = "smtp.office365.com"\nstarttls = true\n')
    run = cli(*apply(config, "--security", "starttls", "--secret-stdin"), stdin="new\n")
    assert run.code == 0, run.err
    assert tomllib.loads(config.read_text())["smtp"]["starttls"] is True
    assert dotenv.parse((tmp_path / ".env").read_text()).effective("SMTP_SECRET") == "new"


# 2 ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["legacy", "current"])
def test_case_2_skip_verification_after_an_array_of_arrays_keeps_valid_toml(
    cli: CLI, tmp_path: Path, layout: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("m = [\n  [1],\n]\n")
    run = cli("skip-verification", "--config", str(config), "--layout", layout)
    assert run.code == 0, run.err
    data = tomllib.loads(config.read_text())
    assert data["m"] == [[1]]
    assert (data.get("skip_user_verification") if layout == "legacy" else data["user"]["skip_verification"]) is True


@pytest.mark.parametrize("layout", ["legacy", "current"])
def test_case_2_skip_verification_never_writes_inside_a_multiline_string(cli: CLI, tmp_path: Path, layout: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('note = """\n[x]\n"""\n')
    run = cli("skip-verification", "--config", str(config), "--layout", layout)
    assert run.code == 0, run.err
    data = tomllib.loads(config.read_text())
    assert data["note"] == "[x]\n"
    assert (data.get("skip_user_verification") if layout == "legacy" else data["user"]["skip_verification"]) is True


# 3 ------------------------------------------------------------------------------------------------------
@as_root
def test_case_3_running_as_root_keeps_the_service_users_ownership(cli: CLI, tmp_path: Path) -> None:
    config, env = tmp_path / "config.toml", tmp_path / ".env"
    config.write_text('[smtp]\nuser = "old@contoso.com"\nendpoint = "old.example.com"\n')
    env.write_text('SMTP_SECRET="old"\n')
    for path in (config, env):
        os.chown(path, NOBODY, NOBODY)
        path.chmod(0o600)
    run = cli(*apply(config, "--security", "smtps", "--secret-stdin"), stdin="new\n")
    assert run.code == 0, run.err
    for path in (config, env):
        st = path.stat()
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (NOBODY, NOBODY, 0o600), path


# 4 ------------------------------------------------------------------------------------------------------
def test_case_4_a_folder_named_config_toml_bak_leaves_the_env_untouched(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "old@contoso.com"\nendpoint = "old.example.com"\n')
    (tmp_path / ".env").write_text('SMTP_SECRET="old"\n')
    (tmp_path / "config.toml.bak").mkdir()
    before = folder_bytes(tmp_path)
    run = cli(*apply(config, "--security", "smtps", "--secret-stdin"), stdin="new\n")
    assert run.code == 3 and "config.toml.bak" in run.err
    assert folder_bytes(tmp_path) == before and no_temporaries(tmp_path)


def test_case_4_a_config_linked_into_a_read_only_folder_leaves_the_env_untouched(cli: CLI, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "config.toml").write_text('[smtp]\nuser = "old@contoso.com"\nendpoint = "old.example.com"\n')
    config = tmp_path / "config.toml"
    config.symlink_to(locked / "config.toml")
    (tmp_path / ".env").write_text('SMTP_SECRET="old"\n')
    before = folder_bytes(tmp_path)
    with read_only_folder(locked):
        run = cli(*apply(config, "--security", "smtps", "--secret-stdin"), stdin="new\n")
    assert run.code == 3, run.err
    assert "Nothing" in run.err
    assert folder_bytes(tmp_path) == before and no_temporaries(tmp_path)


# 5 ------------------------------------------------------------------------------------------------------
def test_case_5_a_literal_secret_moved_into_env_leaves_a_0600_backup(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "it@contoso.com"\nendpoint = "smtp.office365.com"\nsecret = "literal-pw"\n')
    config.chmod(0o644)
    run = cli(*apply(config, "--security", "smtps", "--keep-secret"))
    assert run.code == 0, run.err
    assert "literal-pw" not in config.read_text()
    backup = tmp_path / "config.toml.bak"
    assert "literal-pw" in backup.read_text() and mode(backup) == 0o600
    assert mode(config) == 0o644 and mode(tmp_path / ".env") == 0o600


# 6 ------------------------------------------------------------------------------------------------------
DUPLICATE = "[domain]\nname = 'x'\n\n[t]\na = 1\na = 2\n"


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["show"],
        ["skip-verification"],
        ["apply", "--user", "a@example.com", "--host", "h.example.com", "--security", "smtps", "--no-probe",
         "--no-secret"],
    ],
    ids=["check", "show", "skip-verification", "apply"],
)
@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
def test_case_6_a_duplicate_key_inside_a_table_is_exit_3_with_line_and_column(
    cli: CLI, tmp_path: Path, command: list[str], as_json: bool
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(DUPLICATE)
    before = folder_bytes(tmp_path)
    json_flag = ["--json"] if as_json and command[0] != "skip-verification" else []
    if as_json and command[0] == "skip-verification":
        json_flag = ["--json"]
    run = cli(command[0], "--config", str(config), *command[1:], *json_flag)
    assert run.code == 3, (run.out, run.err)
    assert "Traceback" not in run.err
    if as_json:
        payload = json.loads(run.out)
        assert payload["ok"] is False and (payload["error"]["line"], payload["error"]["col"]) == (6, 6)
    else:
        assert "line 6, column 6" in run.err and "defined a second time" in run.err  # where tomllib says
    assert folder_bytes(tmp_path) == before


# 7 ------------------------------------------------------------------------------------------------------
def test_case_7_one_crlf_line_does_not_turn_the_lf_lines_into_crlf(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    original = b"# one windows line\r\n[domain]\nname = 'x'\n\n[db]\nurl = 'postgres://db'\n"
    config.write_bytes(original)
    run = cli(*apply(config, "--security", "smtps", "--no-secret"))
    assert run.code == 0, run.err
    written = config.read_bytes()
    assert written.startswith(original)  # every byte that was there stays
    assert b"\r\n" not in written[len(original) :]  # the written lines take the dominant style: LF


# 8 ------------------------------------------------------------------------------------------------------
def test_case_8_an_empty_value_with_a_glued_comment_can_be_replaced(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    env = tmp_path / ".env"
    env.write_text("SMTP_SECRET=#changeme\nOTHER=1\n")
    run = cli(*apply(config, "--security", "smtps", "--secret-stdin"), stdin="new\n")
    assert run.code == 0, run.err
    assert env.read_text() == 'SMTP_SECRET="new" #changeme\nOTHER=1\n'
    assert dotenv.parse(env.read_text()).effective("SMTP_SECRET") == "new"


# 9 ------------------------------------------------------------------------------------------------------
def test_case_9_a_config_with_a_utf8_bom_is_read_and_keeps_its_bom(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes('\ufeff[domain]\nname = "x"\n'.encode())
    run = cli(*apply(config, "--security", "smtps", "--no-secret"))
    assert run.code == 0, run.err
    data = config.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf[domain]\nname = "x"\n')
    assert tomllib.loads(data.decode("utf-8-sig"))["smtp"]["endpoint"] == "smtp.office365.com"
    assert cli("show", "--config", str(config)).code == 0


FORMS = {
    "table": '[smtp]\nuser = "old@contoso.com"\nendpoint = "old.example.com"\n\n[db]\nurl = "u"\n',
    "inline table": 'smtp = { user = "old@contoso.com", endpoint = "old.example.com" }\n\n[db]\nurl = "u"\n',
    "dotted keys": 'name = "x"\nsmtp.user = "old@contoso.com"\nsmtp.endpoint = "old.example.com"\n\n[db]\nurl = "u"\n',
    "dotted keys split by another key": (
        'smtp.user = "old@contoso.com"\nname = "x"\nsmtp.endpoint = "old.example.com"\n\n[db]\nurl = "u"\n'
    ),
    "table split by a sub-table": (
        '[smtp]\nuser = "old@contoso.com"\nendpoint = "old.example.com"\n\n[smtp.tls]\nx = 1\n\n[db]\nurl = "u"\n'
    ),
    "sub-table before the table": (
        '[smtp.tls]\nx = 1\n\n[smtp]\nuser = "old@contoso.com"\nendpoint = "old.example.com"\n\n[db]\nurl = "u"\n'
    ),
}
MARKERS = {"table": "[smtp]\n", "inline table": "smtp = {", "dotted keys": "smtp.user = "}


@pytest.mark.parametrize("form", FORMS, ids=list(FORMS))
def test_case_9_every_smtp_form_the_server_accepts_is_read_and_updated_in_its_form(
    cli: CLI, tmp_path: Path, form: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(FORMS[form])
    shown = cli("show", "--config", str(config), "--json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["settings"]["host"]["value"] == "old.example.com"
    run = cli(*apply(config, "--security", "starttls", "--no-secret"))
    assert run.code == 0, run.err
    text = config.read_text()
    smtp = tomllib.loads(text)["smtp"]
    assert smtp == {"user": "it@contoso.com", "endpoint": "smtp.office365.com", "starttls": True}
    kept = [name for name, marker in MARKERS.items() if marker in text]
    assert kept == [name for name, marker in MARKERS.items() if marker in FORMS[form]]  # the same form
    assert text.endswith('[db]\nurl = "u"\n')
    assert ('name = "x"' in text) == ('name = "x"' in FORMS[form])
    again = cli(*apply(config, "--security", "starttls", "--no-secret"))
    assert again.code == 0 and config.read_text() == text  # idempotent in every form


# 10 -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0", "-1", "nan", "-inf", "inf", "301", "soon"])
@pytest.mark.parametrize("command", ["check", "apply"])
def test_case_10_a_timeout_that_is_not_finite_and_positive_is_bad_usage(
    cli: CLI, tmp_path: Path, value: str, command: str
) -> None:
    config = tmp_path / "config.toml"
    extra = ["--user", "a@example.com", "--host", "h.example.com", "--security", "smtps"] if command == "apply" else []
    run = cli(command, "--config", str(config), *extra, f"--timeout={value}")
    assert run.code == 2
    assert "greater than 0" in run.err
    as_json = cli(command, "--config", str(config), *extra, f"--timeout={value}", "--json")
    payload = json.loads(as_json.out)
    assert as_json.code == 2 and payload["ok"] is False and payload["error"]["kind"] == "usage"


# 12 -----------------------------------------------------------------------------------------------------
def test_case_12_a_read_only_config_of_your_own_is_replaced_with_a_note(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[domain]\nname = "x"\n')
    config.chmod(0o444)
    run = cli(*apply(config, "--security", "smtps", "--no-secret"))
    assert run.code == 0, run.err
    assert "read-only" in run.out and mode(config) == 0o444
    assert "smtp.office365.com" in config.read_text()


@as_root
def test_case_12_a_read_only_config_of_someone_else_is_refused(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[domain]\nname = "x"\n')
    config.chmod(0o444)
    os.chown(config, NOBODY, NOBODY)
    before = folder_bytes(tmp_path)
    run = cli(*apply(config, "--security", "smtps", "--no-secret"))
    assert run.code == 3 and "read-only" in run.err
    assert folder_bytes(tmp_path) == before


def test_case_12_invalid_utf8_is_reported_by_line_and_column(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(b'[domain]\nname = "K\xf6ln"\n')
    run = cli("show", "--config", str(config))
    assert run.code == 3 and "line 2, column 10" in run.err and "UTF-8" in run.err


def test_case_12_show_masks_a_literal_secret_without_a_variable_name(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "a@example.com"\nendpoint = "h.example.com"\nsecret = "literal-pw"\n')
    run = cli("show", "--config", str(config))
    assert run.code == 0, run.err
    assert "${None}" not in run.out and "literal-pw" not in run.out
    assert "***" in run.out and "config.toml" in run.out
