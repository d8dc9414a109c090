"""An operator's layouts tried adversarially through the real CLI against the real Docker Compose: after
every apply Compose's own view of the server's container holds exactly the new secret, the other lines of
every file are as they were, and `check` (a live login with the secret the container gets) agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.deployment.oracle import compose_config, container_env
from tests.deployment.test_engine_layouts import (
    CLI,
    SERVER,
    SERVICE,
    Server,
    _applied,
    _apply,
    _check,
    _project,
    _secret_line,
    _texts,
)
from tests.deployment.test_engine_layouts import engine as engine  # autouse: the real Compose on PATH
from tests.support.servers import PASSWORD

PROD = """\
services:
  bomnipotent_server:
    environment:
      SMTP_SECRET: prodvalue
"""


@pytest.mark.parametrize("separator", [",", ";"])
def test_compose_file_with_its_own_path_separator_changes_the_later_file(
    cli: CLI, smtp_server: Server, tmp_path: Path, separator: str
) -> None:
    env = f"COMPOSE_PATH_SEPARATOR={separator}\nCOMPOSE_FILE=compose.yaml{separator}prod.yaml\n"
    folder = _project(tmp_path, {"compose.yaml": SERVER, "prod.yaml": PROD, ".env": env})
    payload, changed = _applied(cli, smtp_server, folder)
    assert payload["deployment"]["compose_files"] == [str(folder / "compose.yaml"), str(folder / "prod.yaml")]  # type: ignore[index]
    assert changed == {
        ".env": [_secret_line()],
        "prod.yaml": [("      SMTP_SECRET: prodvalue", "      SMTP_SECRET: ${SMTP_SECRET}")],
    }


def test_a_project_name_in_the_project_env_changes_nothing_but_the_secret(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, ".env": "COMPOSE_PROJECT_NAME=bom-prod\n"})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {".env": [_secret_line()]}


ENV_FILES = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    env_file:
      - common.env
      - mail.env
      - tz.env
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_env_file_list_with_the_secret_in_the_second_file_changes_that_file(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    files = {
        "compose.yaml": ENV_FILES,
        "common.env": "TZ=UTC\n",
        "mail.env": "# mail\nSMTP_SECRET=old\n",
        "tz.env": "LANG=C\n",
    }
    folder = _project(tmp_path, files)
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {"mail.env": [("SMTP_SECRET=old", f'SMTP_SECRET="{PASSWORD}"')]}


def test_env_file_list_with_the_secret_in_the_first_and_second_changes_the_second(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    files = {
        "compose.yaml": ENV_FILES,
        "common.env": "SMTP_SECRET=first\n",
        "mail.env": "SMTP_SECRET=old\n",
        "tz.env": "",
    }
    folder = _project(tmp_path, files)
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {"mail.env": [("SMTP_SECRET=old", f'SMTP_SECRET="{PASSWORD}"')]}


OVERRIDE_LIST = """\
services:
  bomnipotent_server:
    environment:
      - TZ=UTC
      - SMTP_SECRET=literal   # by hand
"""


def test_override_list_form_literal_is_replaced_by_the_reference(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, "compose.override.yaml": OVERRIDE_LIST})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {
        ".env": [_secret_line()],
        "compose.override.yaml": [
            ("      - SMTP_SECRET=literal   # by hand", "      - SMTP_SECRET=${SMTP_SECRET}   # by hand")
        ],
    }


def test_compose_file_in_another_folder_is_the_project_and_its_env_gets_the_secret(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {})
    elsewhere = tmp_path / "ops"
    elsewhere.mkdir()
    source = str(folder / "bomnipotent_config")
    (elsewhere / "stack.yaml").write_text(SERVER.replace("./bomnipotent_config", source))
    server = smtp_server("starttls")
    run = _apply(cli, folder, server, "--compose-file", str(elsewhere / "stack.yaml"))
    assert run.code == 0, run.out + run.err
    assert json.loads(run.out)["deployment"]["compose_files"] == [str(elsewhere / "stack.yaml")]
    assert (elsewhere / ".env").read_text() == f'SMTP_SECRET="{PASSWORD}"\n'
    config = compose_config(elsewhere, compose_file=elsewhere / "stack.yaml")
    assert config["services"][SERVICE]["environment"]["SMTP_SECRET"] == PASSWORD
    assert _texts(folder) == {}  # nothing next to config.toml
    checked = _check(cli, folder, server, "--compose-file", str(elsewhere / "stack.yaml"))
    assert checked.code == 0 and json.loads(checked.out)["ok"] is True, checked.out + checked.err


EXTENDS_SAME_FILE = """\
x-note: the base is not run itself
services:
  base:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    environment:
      SMTP_SECRET: from-the-base
      TZ: UTC
  bomnipotent_server:
    extends: base
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_extends_from_the_same_file_overrides_in_the_extending_service(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": EXTENDS_SAME_FILE})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert container_env(folder, SERVICE)["TZ"] == "UTC"
    assert set(changed) <= {".env", "compose.yaml"}


def test_a_secret_variable_renamed_in_config_toml_is_the_one_written(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    compose = SERVER.replace("SMTP_SECRET: ${SMTP_SECRET}", "MAIL_PW: ${MAIL_PW}")
    folder = _project(tmp_path, {"compose.yaml": compose, ".env": "MAIL_PW=old\n"})
    config = folder / "bomnipotent_config" / "config.toml"
    config.write_text(
        config.read_text()
        + '\n[smtp]\nuser = "x@example.org"\nendpoint = "smtp://127.0.0.1:1"\nsecret = "${MAIL_PW}"\n'
    )
    server = smtp_server("starttls")
    run = _apply(cli, folder, server)
    assert run.code == 0, run.out + run.err
    assert container_env(folder, SERVICE)["MAIL_PW"] == PASSWORD
    assert (folder / ".env").read_text() == f'MAIL_PW="{PASSWORD}"\n'
    assert '"${MAIL_PW}"' in config.read_text()
    checked = _check(cli, folder, server)
    assert checked.code == 0, checked.out + checked.err


def test_a_compose_file_that_does_not_parse_is_refused_in_words_with_exit_3_and_nothing_written(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    broken = SERVER.replace("    network_mode: host\n", "    network_mode: host\n   bad: [indent\n")
    folder = _project(tmp_path, {"compose.yaml": broken, ".env": "TZ=UTC\n"})
    before = _texts(folder)
    config_before = (folder / "bomnipotent_config" / "config.toml").read_bytes()
    run = _apply(cli, folder, smtp_server("starttls"))
    assert run.code == 3, run.out + run.err
    payload = json.loads(run.out)
    assert payload["ok"] is False
    error = payload["error"]
    assert (error["path"], error["line"], error["col"]) == (str(folder / "compose.yaml"), 5, 4)
    assert error["message"].startswith("The compose file is not valid YAML")
    assert "Traceback" not in run.out + run.err
    assert _texts(folder) == before
    assert (folder / "bomnipotent_config" / "config.toml").read_bytes() == config_before


def test_a_secret_set_in_the_shell_is_written_to_the_project_env_and_the_shadow_is_said(
    cli: CLI, smtp_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, ".env": "TZ=UTC\n"})
    monkeypatch.setenv("SMTP_SECRET", "from-the-shell")
    server = smtp_server("starttls")
    run = _apply(cli, folder, server)
    assert run.code == 0, run.out + run.err
    notes = json.loads(run.out)["notes"]
    assert any("SMTP_SECRET is also set in this shell" in note and "unset SMTP_SECRET" in note for note in notes)
    assert (folder / ".env").read_text() == f'TZ=UTC\nSMTP_SECRET="{PASSWORD}"\n'
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == PASSWORD  # `up` from a shell without it
    shadowed = container_env(folder, SERVICE, {"SMTP_SECRET": "from-the-shell"})["SMTP_SECRET"]
    assert shadowed == "from-the-shell"  # what the note warns about

    # check and show agree with `docker compose up` run from this shell: the shell's value, named as such
    checked = _check(cli, folder, server)
    assert checked.code == 1 and json.loads(checked.out)["diagnosis"]["code"] == "auth_failed"
    shown = cli("--lang", "en", "show", "--config", str(folder / "bomnipotent_config" / "config.toml"))
    assert "of the shell that runs docker compose" in shown.out


NOT_THE_SERVER = """\
services:
  web:
    image: nginx
"""


def test_a_compose_project_that_does_not_run_the_server_leaves_a_standalone_apply_alone(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": NOT_THE_SERVER})
    run = _apply(cli, folder, smtp_server("starttls"), "--skip-network-test")
    assert run.code == 0, run.out + run.err
    payload = json.loads(run.out)
    assert payload["deployment"]["layout"] == "standalone"
    assert payload["deployment"]["verified_by"] is not None
    assert (folder / "bomnipotent_config" / ".env").read_text() == f'SMTP_SECRET="{PASSWORD}"\n'
    assert (folder / "compose.yaml").read_text() == NOT_THE_SERVER


ONLY_WITH_PROFILE = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    profiles: [prod]
    network_mode: host
    environment:
      SMTP_SECRET: ${SMTP_SECRET}
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_a_server_whose_profile_is_not_active_is_refused_naming_the_profile_and_nothing_is_written(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": ONLY_WITH_PROFILE, ".env": "TZ=UTC\n"})
    before = _texts(folder)
    run = _apply(cli, folder, smtp_server("starttls"))
    assert run.code == 2, run.out + run.err
    message = json.loads(run.out)["error"]["message"]
    assert "bomnipotent_server; profile: prod" in message and "COMPOSE_PROFILES" in message
    assert _texts(folder) == before
    assert not (folder / "bomnipotent_config" / ".env").exists()


def test_a_server_profile_activated_from_the_shell_is_applied_to(
    cli: CLI, smtp_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _project(tmp_path, {"compose.yaml": ONLY_WITH_PROFILE})
    monkeypatch.setenv("COMPOSE_PROFILES", "prod")
    server = smtp_server("starttls")
    run = _apply(cli, folder, server)
    assert run.code == 0, run.out + run.err
    assert container_env(folder, SERVICE, {"COMPOSE_PROFILES": "prod"})["SMTP_SECRET"] == PASSWORD
    checked = _check(cli, folder, server)
    assert checked.code == 0, checked.out + checked.err


def test_a_server_with_an_inactive_profile_can_still_be_declared_standalone(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": ONLY_WITH_PROFILE})
    run = _apply(cli, folder, smtp_server("starttls"), "--deployment", "standalone")
    assert run.code == 0, run.out + run.err
    assert (folder / "bomnipotent_config" / ".env").read_text() == f'SMTP_SECRET="{PASSWORD}"\n'


def test_compose_file_in_the_project_env_naming_another_folder_is_followed(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {".env": "COMPOSE_FILE=../ops/stack.yaml\n"})
    ops = tmp_path / "ops"
    ops.mkdir()
    stack = SERVER.replace("./bomnipotent_config", str(folder / "bomnipotent_config"))
    (ops / "stack.yaml").write_text(stack)
    payload, _changed = _applied(cli, smtp_server, folder)
    assert payload["deployment"]["compose_files"] == [str(ops / "stack.yaml")]  # type: ignore[index]
    assert (ops / "stack.yaml").read_text() == stack
    assert (folder / ".env").read_text() == f'COMPOSE_FILE=../ops/stack.yaml\nSMTP_SECRET="{PASSWORD}"\n'


def test_include_with_its_own_env_file_takes_the_project_env_s_value_as_compose_does(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    main = "include:\n  - path: server.yaml\n    env_file: server.env\n"
    folder = _project(tmp_path, {"compose.yaml": main, "server.yaml": SERVER, "server.env": "SMTP_SECRET=old\n"})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {".env": [_secret_line()]}


def test_an_included_file_that_does_not_parse_is_named_with_its_line_in_german(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(
        tmp_path, {"compose.yaml": "include:\n  - server.yaml\n", "server.yaml": "services:\n  x:\n    image: [a\n"}
    )
    before = _texts(folder)
    run = cli(
        "--lang", "de", "apply", "--config", str(folder / "bomnipotent_config" / "config.toml"),
        "--user", "a@example.org", "--host", "smtp.example.org", "--security", "starttls",
        "--secret-stdin", "--no-probe", stdin=PASSWORD,
    )  # fmt: skip
    assert run.code == 3, run.out + run.err
    assert f"{folder / 'server.yaml'}, Zeile 3, Spalte 12: Die Compose-Datei ist kein gültiges YAML" in run.err
    assert _texts(folder) == before
