"""Layouts real operators have, read and checked by the real Docker Compose (SPEC §12 rev 3): after every
apply Compose's own view of the server's container holds exactly the new secret, every other line of every
file is as it was, and `check` (a live login with the secret the container gets) agrees."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.deployment.engine import put_engine_on_path
from tests.deployment.oracle import container_env
from tests.support.servers import LOGIN, PASSWORD, SmtpServer

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]
SERVICE = "bomnipotent_server"
CONFIG = 'domain = "https://bom.example.org"\n'

# The server on the host's network, so a mail server on this machine's loopback is really its own route.
SERVER = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    environment:
      # secrets for the server
      SMTP_SECRET: ${SMTP_SECRET}
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""
SERVER_WITHOUT_SECRET = SERVER.replace("      SMTP_SECRET: ${SMTP_SECRET}\n", "      TZ: UTC\n")


@pytest.fixture(autouse=True)
def engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)
    monkeypatch.delenv("COMPOSE_FILE", raising=False)
    monkeypatch.delenv("COMPOSE_PROFILES", raising=False)
    put_engine_on_path(monkeypatch, tmp_path / "bin")


def _project(root: Path, files: dict[str, str]) -> Path:
    folder = root / "stack"
    (folder / "bomnipotent_config").mkdir(parents=True)
    (folder / "bomnipotent_config" / "config.toml").write_text(CONFIG)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def _texts(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".bak") and p.name != "config.toml"
    }


def _changed_lines(before: dict[str, str], after: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Per file, the (old, new) lines that differ; a new file counts all its lines as new."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(set(before) | set(after)):
        old = before.get(name, "").splitlines()
        new = after.get(name, "").splitlines()
        if old == new:
            continue
        if len(old) == len(new):
            out[name] = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
        else:
            out[name] = [("", line) for line in new if line not in old] + [
                (line, "") for line in old if line not in new
            ]
    return out


def _apply(cli: CLI, folder: Path, server: SmtpServer, *extra: str) -> Run:
    return cli(
        "--lang",
        "en",
        "apply",
        "--config",
        str(folder / "bomnipotent_config" / "config.toml"),
        "--user",
        LOGIN,
        "--host",
        server.host,
        "--port",
        str(server.port),
        "--security",
        "starttls",
        "--ca-file",
        str(server.ca_file),
        "--timeout",
        "5",
        "--secret-stdin",
        "--json",
        *extra,
        stdin=PASSWORD,
    )


def _check(cli: CLI, folder: Path, server: SmtpServer, *extra: str) -> Run:
    return cli(
        "check",
        "--config",
        str(folder / "bomnipotent_config" / "config.toml"),
        "--ca-file",
        str(server.ca_file),
        "--timeout",
        "5",
        "--json",
        *extra,
    )


def _secret_line(name: str = "SMTP_SECRET") -> tuple[str, str]:
    """How the project `.env` gains the secret (Compose's grammar: `$` written `\\$`)."""
    return ("", f'{name}="{PASSWORD}"')


def _applied(
    cli: CLI, smtp_server: Server, folder: Path, *extra: str
) -> tuple[dict[str, object], dict[str, list[tuple[str, str]]]]:
    """Apply, then: Compose's view holds the secret, `check` passes; returns the JSON and the changed lines."""
    server = smtp_server("starttls")
    before = _texts(folder)
    run = _apply(cli, folder, server, *extra)
    assert run.code == 0, run.out + run.err
    payload = json.loads(run.out)
    service = str(payload["deployment"]["service"])
    assert container_env(folder, service)["SMTP_SECRET"] == PASSWORD
    checked = _check(cli, folder, server, *extra)
    assert checked.code == 0, checked.out + checked.err
    assert json.loads(checked.out)["ok"] is True
    return payload, _changed_lines(before, _texts(folder))


def test_engine_is_named_with_its_version_and_the_merged_files(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, ".env": "TZ=UTC\n"})
    payload, changed = _applied(cli, smtp_server, folder)
    deployment = payload["deployment"]
    assert isinstance(deployment, dict)
    assert deployment["verified_by"] == f"docker-compose {_version()}"
    assert deployment["compose_files"] == [str(folder / "compose.yaml")]
    assert deployment["service"] == SERVICE
    assert changed == {".env": [_secret_line()]}


def _version() -> str:
    import subprocess

    from tests.deployment.engine import compose_binary

    out = subprocess.run([str(compose_binary()), "version", "--short"], capture_output=True, text=True, check=True)
    return out.stdout.strip().removeprefix("v")


OVERRIDE_LITERAL = """\
services:
  bomnipotent_server:
    environment:
      SMTP_SECRET: oldvalue   # set by hand during the migration
"""


def test_override_file_literal_is_replaced_by_the_reference(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, "compose.override.yaml": OVERRIDE_LITERAL})
    payload, changed = _applied(cli, smtp_server, folder)
    assert payload["deployment"]["compose_files"] == [
        str(folder / "compose.yaml"),
        str(folder / "compose.override.yaml"),
    ]  # type: ignore[index]
    assert changed == {
        ".env": [_secret_line()],
        "compose.override.yaml": [
            (
                "      SMTP_SECRET: oldvalue   # set by hand during the migration",
                "      SMTP_SECRET: ${SMTP_SECRET}   # set by hand during the migration",
            )
        ],
    }


def test_override_file_reference_to_another_variable_writes_that_variable(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    override = OVERRIDE_LITERAL.replace("oldvalue", "${MAIL_PASSWORD}")
    folder = _project(
        tmp_path, {"compose.yaml": SERVER, "compose.override.yaml": override, ".env": "MAIL_PASSWORD=old\n"}
    )
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {".env": [("MAIL_PASSWORD=old", f'MAIL_PASSWORD="{PASSWORD}"')]}


PROD = """\
services:
  bomnipotent_server:
    restart: always
    environment:
      SMTP_SECRET: prodvalue
"""
LOCAL_LIST = """\
services:
  bomnipotent_server:
    environment:
      - TZ=Europe/Berlin
      - SMTP_SECRET=localvalue
"""


def test_compose_file_with_two_files_changes_the_later_one(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(
        tmp_path, {"compose.yaml": SERVER, "prod.yaml": PROD, ".env": "COMPOSE_FILE=compose.yaml:prod.yaml\n"}
    )
    payload, changed = _applied(cli, smtp_server, folder)
    assert payload["deployment"]["compose_files"] == [str(folder / "compose.yaml"), str(folder / "prod.yaml")]  # type: ignore[index]
    assert changed == {
        ".env": [_secret_line()],
        "prod.yaml": [("      SMTP_SECRET: prodvalue", "      SMTP_SECRET: ${SMTP_SECRET}")],
    }


def test_compose_file_with_three_files_changes_the_last_one_only(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(
        tmp_path,
        {
            "compose.yaml": SERVER,
            "prod.yaml": PROD,
            "local.yaml": LOCAL_LIST,
            ".env": "COMPOSE_FILE=compose.yaml:prod.yaml:local.yaml\n",
        },
    )
    payload, changed = _applied(cli, smtp_server, folder)
    assert len(payload["deployment"]["compose_files"]) == 3  # type: ignore[index,arg-type]
    assert changed == {
        ".env": [_secret_line()],
        "local.yaml": [("      - SMTP_SECRET=localvalue", "      - SMTP_SECRET=${SMTP_SECRET}")],
    }


def test_compose_file_from_the_shell_wins_over_the_project_env(
    cli: CLI, smtp_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, "prod.yaml": PROD, ".env": "COMPOSE_FILE=compose.yaml\n"})
    monkeypatch.setenv("COMPOSE_FILE", "compose.yaml:prod.yaml")
    server = smtp_server("starttls")
    run = _apply(cli, folder, server)
    assert run.code == 0, run.out + run.err
    assert "      SMTP_SECRET: ${SMTP_SECRET}" in (folder / "prod.yaml").read_text()
    env = container_env(folder, SERVICE, {"COMPOSE_FILE": "compose.yaml:prod.yaml"})
    assert env["SMTP_SECRET"] == PASSWORD


INCLUDED_SERVER = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    environment:
      TZ: UTC
    volumes:
      - ../bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_include_string_form_adds_the_entry_in_the_included_file(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    main = "include:\n  - server/server.yaml\n"
    folder = _project(tmp_path, {"compose.yaml": main, "server/server.yaml": INCLUDED_SERVER})
    payload, changed = _applied(cli, smtp_server, folder)
    assert str(folder / "server" / "server.yaml") in payload["deployment"]["compose_files"]  # type: ignore[index,operator]
    assert changed == {".env": [_secret_line()], "server/server.yaml": [("", "      SMTP_SECRET: ${SMTP_SECRET}")]}


def test_include_long_form_adds_the_entry_in_the_included_file(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    main = "include:\n  - path: server.yaml\n"
    included = INCLUDED_SERVER.replace("../bomnipotent_config", "./bomnipotent_config")
    folder = _project(tmp_path, {"compose.yaml": main, "server.yaml": included})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {".env": [_secret_line()], "server.yaml": [("", "      SMTP_SECRET: ${SMTP_SECRET}")]}


BASE = """\
services:
  server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    environment:
      SMTP_SECRET: from-the-base
      TZ: UTC
"""
EXTENDING = """\
services:
  bomnipotent_server:
    extends:
      file: base.yaml
      service: server
    environment:
      LOG_LEVEL: info
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_extends_from_another_file_overrides_in_the_extending_service(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": EXTENDING, "base.yaml": BASE})
    payload, changed = _applied(cli, smtp_server, folder)
    assert str(folder / "base.yaml") in payload["deployment"]["compose_files"]  # type: ignore[index,operator]
    assert changed == {".env": [_secret_line()], "compose.yaml": [("", "      SMTP_SECRET: ${SMTP_SECRET}")]}


MERGE_MAPPING = """\
x-common-env: &common-env
  TZ: UTC
  SMTP_SECRET: shared-value

services:
  worker:
    image: alpine
    environment:
      <<: *common-env
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    environment:
      <<: *common-env
      LOG_LEVEL: info
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_merge_key_mapping_gets_an_own_entry_and_the_shared_anchor_stays(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": MERGE_MAPPING})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {".env": [_secret_line()], "compose.yaml": [("", "      SMTP_SECRET: ${SMTP_SECRET}")]}
    assert container_env(folder, "worker")["SMTP_SECRET"] == "shared-value"


MERGE_OWN_LITERAL = MERGE_MAPPING.replace("      LOG_LEVEL: info\n", "      SMTP_SECRET: own-value\n")


def test_merge_key_mapping_with_an_own_literal_changes_that_literal(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": MERGE_OWN_LITERAL})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {
        ".env": [_secret_line()],
        "compose.yaml": [("      SMTP_SECRET: own-value", "      SMTP_SECRET: ${SMTP_SECRET}")],
    }


ANCHORED_LIST = """\
x-env: &server-env
  - TZ=UTC
  - SMTP_SECRET=listed-value

services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    environment: *server-env
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_anchored_list_used_by_the_server_alone_is_changed_at_the_anchor(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": ANCHORED_LIST})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {
        ".env": [_secret_line()],
        "compose.yaml": [("  - SMTP_SECRET=listed-value", "  - SMTP_SECRET=${SMTP_SECRET}")],
    }


SHARED_LIST = ANCHORED_LIST.replace(
    "services:\n", "services:\n  worker:\n    image: alpine\n    environment: *server-env\n"
)


def test_anchored_list_shared_with_another_service_is_refused_naming_file_and_line(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": SHARED_LIST})
    before = _texts(folder)
    run = _apply(cli, folder, smtp_server("starttls"))
    assert run.code == 3, run.out + run.err
    error = json.loads(run.out)["error"]
    assert error["path"] == str(folder / "compose.yaml")
    lines = SHARED_LIST.splitlines()
    assert error["line"] == lines.index("    environment: *server-env", lines.index("  bomnipotent_server:")) + 1
    assert "worker" in error["message"]
    assert _texts(folder) == before


ENV_FILES = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    env_file:
      - path: ./server.env
      - path: ./local-overrides.env
        required: false
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_env_file_long_form_with_an_optional_missing_file_writes_the_defining_file(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": ENV_FILES, "server.env": "# server\nTZ=UTC\nSMTP_SECRET=old\n"})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {"server.env": [("SMTP_SECRET=old", f'SMTP_SECRET="{PASSWORD}"')]}


def test_env_file_optional_file_that_defines_it_later_wins(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(
        tmp_path,
        {"compose.yaml": ENV_FILES, "server.env": "SMTP_SECRET=old\n", "local-overrides.env": "SMTP_SECRET=newer\n"},
    )
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {"local-overrides.env": [("SMTP_SECRET=newer", f'SMTP_SECRET="{PASSWORD}"')]}


PROFILES = """\
services:
  server-dev:
    image: wwhsoft/bomnipotent_server:latest
    profiles: [dev]
    network_mode: host
    environment:
      SMTP_SECRET: dev-secret
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
  server-prod:
    image: wwhsoft/bomnipotent_server:latest
    profiles: [prod]
    network_mode: host
    environment:
      SMTP_SECRET: ${SMTP_SECRET}
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_profiles_from_the_project_env_pick_the_active_service(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": PROFILES, ".env": "COMPOSE_PROFILES=prod\n"})
    payload, changed = _applied(cli, smtp_server, folder)
    assert payload["deployment"]["service"] == "server-prod"  # type: ignore[index]
    assert changed == {".env": [_secret_line()]}


TWO_MOUNTING = """\
services:
  backup:
    image: alpine
    volumes:
      - ./bomnipotent_config:/backup/config:ro
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_two_services_mounting_the_folder_pick_bomnipotent_s(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": TWO_MOUNTING})
    payload, changed = _applied(cli, smtp_server, folder)
    assert payload["deployment"]["service"] == SERVICE  # type: ignore[index]
    assert container_env(folder, "backup").get("SMTP_SECRET") is None
    assert set(changed) == {".env", "compose.yaml"}


THREE_GENERIC = """\
services:
  app:
    image: example/app
    network_mode: host
    volumes:
      - ./bomnipotent_config:/config
  backup:
    image: alpine
    volumes:
      - ./bomnipotent_config:/backup
  audit:
    image: alpine
    volumes:
      - ./bomnipotent_config:/audit:ro
"""


def test_three_services_without_bomnipotent_marks_are_refused_naming_them(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": THREE_GENERIC})
    before = _texts(folder)
    run = _apply(cli, folder, smtp_server("starttls"))
    assert run.code == 2, run.out + run.err
    error = json.loads(run.out)["error"]
    assert error["candidates"] == ["app", "audit", "backup"] or sorted(error["candidates"]) == [
        "app",
        "audit",
        "backup",
    ]
    assert "--compose-service" in error["message"]
    assert _texts(folder) == before


def test_three_services_with_compose_service_named_apply_to_that_one(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    folder = _project(tmp_path, {"compose.yaml": THREE_GENERIC})
    payload, _changed = _applied(cli, smtp_server, folder, "--compose-service", "app")
    assert payload["deployment"]["service"] == "app"  # type: ignore[index]
    assert "SMTP_SECRET" not in container_env(folder, "backup")


TWO_BOMNIPOTENT = TWO_MOUNTING.replace(
    "      - ./bomnipotent_config:/backup/config:ro", "      - ./bomnipotent_config:/etc/bomnipotent_server/configs"
)


def test_two_services_both_bomnipotent_are_refused_in_words_too(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": TWO_BOMNIPOTENT})
    server = smtp_server("starttls")
    run = cli("--lang", "en", "show", "--config", str(folder / "bomnipotent_config" / "config.toml"))
    assert run.code == 2
    assert "backup" in run.err and SERVICE in run.err and "--compose-service" in run.err
    assert server.port  # the server is there for the apply below
    payload, _changed = _applied(cli, smtp_server, folder, "--compose-service", SERVICE)
    assert payload["deployment"]["service"] == SERVICE  # type: ignore[index]


HOSTNAME = SERVER.replace(
    "    network_mode: host\n", "    network_mode: host\n    hostname: bom\n    domainname: example.org\n"
)


def test_service_hostname_and_domainname_are_on_the_deployment(tmp_path: Path) -> None:
    from wizard.core.deployment import detect_deployment

    folder = _project(tmp_path, {"compose.yaml": HOSTNAME})
    found = detect_deployment(folder / "bomnipotent_config" / "config.toml")
    assert (found.hostname, found.domainname) == ("bom", "example.org")
    assert found.verified_by is not None


def test_service_hostname_layout_applies_and_checks(cli: CLI, smtp_server: Server, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": HOSTNAME})
    _payload, changed = _applied(cli, smtp_server, folder)
    assert changed == {".env": [_secret_line()]}


def test_show_names_the_override_file_and_line_that_decides(cli: CLI, tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": SERVER, "compose.override.yaml": OVERRIDE_LITERAL})
    config = folder / "bomnipotent_config" / "config.toml"
    config.write_text(
        CONFIG + '[smtp]\nuser = "a@example.org"\nendpoint = "smtp.example.org"\nsecret = "${SMTP_SECRET}"\n'
    )
    run = cli("--lang", "en", "show", "--config", str(config), "--json")
    assert run.code == 0, run.out + run.err
    source = json.loads(run.out)["settings"]["secret"]["source"]
    assert source == f"{folder / 'compose.override.yaml'}, line 4 (a value written in the compose file)"
