"""Without Docker Compose the wizard's own reader follows `include:` as Compose does (string and long form,
nested), so a server defined in an included file is the compose layout — the entry goes into the included
file, the secret into the project's `.env` — still said to be "not verified". The real Compose binary is
the oracle afterwards (it is not on the wizard's PATH)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.deployment.engine import plain_path_without_compose
from tests.deployment.oracle import container_env
from tests.deployment.test_engine_layouts import _apply as _live_apply
from tests.deployment.test_engine_layouts import _check as _live_check
from tests.support.servers import PASSWORD, SmtpServer
from wizard.core.deployment import LayoutKind, detect_deployment

CLI = Callable[..., Run]
SERVICE = "bomnipotent_server"
SECRET = "inc1uded-$ecret"
ENTRY = "      SMTP_SECRET: ${SMTP_SECRET}\n"
SERVER = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    environment:
      TZ: UTC
    volumes:
      - {source}:/etc/bomnipotent_server/configs:ro
"""


@pytest.fixture(autouse=True)
def no_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SMTP_SECRET", "COMPOSE_FILE", "COMPOSE_PROFILES"):
        monkeypatch.delenv(name, raising=False)
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=True)


def _project(root: Path, files: dict[str, str]) -> Path:
    folder = root / "stack"
    (folder / "bomnipotent_config").mkdir(parents=True)
    (folder / "bomnipotent_config" / "config.toml").write_text('domain = "https://bom.example.org"\n')
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def _apply(cli: CLI, folder: Path) -> dict[str, object]:
    run = cli(
        "--lang", "en", "apply", "--config", str(folder / "bomnipotent_config" / "config.toml"),
        "--user", "mailer@example.org", "--host", "smtp.example.org", "--security", "starttls",
        "--secret-stdin", "--no-probe", "--json", stdin=SECRET,
    )  # fmt: skip
    assert run.code == 0, run.out + run.err
    payload: dict[str, object] = json.loads(run.out)
    return payload


CASES = {
    "string form, a sub-folder": ("include:\n  - server/server.yaml\n", "server/server.yaml", "../bomnipotent_config"),
    "long form, path as text": ("include:\n  - path: server.yaml\n", "server.yaml", "./bomnipotent_config"),
    "long form, path as a list": ("include:\n  - path:\n      - server.yaml\n", "server.yaml", "./bomnipotent_config"),
    "long form with project_directory": (
        "include:\n  - path: parts/server.yaml\n    project_directory: .\n",
        "parts/server.yaml",
        "./bomnipotent_config",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_server_in_an_included_file_gets_the_entry_there_and_the_secret_in_the_project_env(
    cli: CLI, tmp_path: Path, case: str
) -> None:
    main, included, source = CASES[case]
    server = SERVER.format(source=source)
    folder = _project(tmp_path, {"compose.yaml": main, included: server})
    payload = _apply(cli, folder)
    deployment = payload["deployment"]
    assert isinstance(deployment, dict)
    assert deployment["layout"] == "compose" and deployment["verified_by"] is None
    assert deployment["compose_file"] == str(folder / included)
    assert deployment["compose_files"] == [str(folder / "compose.yaml"), str(folder / included)]
    assert deployment["env_file"] == str(folder / ".env")
    assert (folder / included).read_text() == server.replace("      TZ: UTC\n", "      TZ: UTC\n" + ENTRY)
    assert (folder / "compose.yaml").read_text() == main
    assert not (folder / "bomnipotent_config" / ".env").exists()  # not the standalone place
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == SECRET


def test_a_nested_include_is_followed_to_the_server(cli: CLI, tmp_path: Path) -> None:
    server = SERVER.format(source="../bomnipotent_config")
    folder = _project(
        tmp_path,
        {"compose.yaml": "include:\n  - parts/all.yaml\n", "parts/all.yaml": "include:\n  - server.yaml\n",
         "parts/server.yaml": server},
    )  # fmt: skip
    _apply(cli, folder)
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == SECRET
    assert ENTRY in (folder / "parts" / "server.yaml").read_text()


def test_the_included_server_is_said_to_be_not_verified_in_words(cli: CLI, tmp_path: Path) -> None:
    server = SERVER.format(source="./bomnipotent_config")
    folder = _project(tmp_path, {"compose.yaml": "include:\n  - server.yaml\n", "server.yaml": server})
    run = cli(
        "--lang", "en", "apply", "--config", str(folder / "bomnipotent_config" / "config.toml"),
        "--user", "mailer@example.org", "--host", "smtp.example.org", "--security", "starttls",
        "--secret-stdin", "--no-probe", stdin=SECRET,
    )  # fmt: skip
    assert run.code == 0, run.err
    assert "Not verified: Docker Compose is not installed here." in run.out
    assert str(folder / "server.yaml") in run.out


def test_an_include_cycle_ends_the_reader_s_search_without_a_server(tmp_path: Path) -> None:
    folder = _project(tmp_path, {"compose.yaml": "include:\n  - a.yaml\n", "a.yaml": "include:\n  - compose.yaml\n"})
    found = detect_deployment(folder / "bomnipotent_config" / "config.toml")
    assert found.layout is LayoutKind.STANDALONE


def test_check_agrees_after_an_apply_to_an_included_server_without_compose(
    cli: CLI, smtp_server: Callable[..., SmtpServer], tmp_path: Path
) -> None:
    server_yaml = SERVER.format(source="./bomnipotent_config").replace(
        "    image: wwhsoft/bomnipotent_server:latest\n",
        "    image: wwhsoft/bomnipotent_server:latest\n    network_mode: host\n",
    )
    folder = _project(tmp_path, {"compose.yaml": "include:\n  - server.yaml\n", "server.yaml": server_yaml})
    server = smtp_server("starttls")
    applied = _live_apply(cli, folder, server)
    assert applied.code == 0, applied.out + applied.err
    assert json.loads(applied.out)["deployment"]["verified_by"] is None
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == PASSWORD
    checked = _live_check(cli, folder, server)
    assert checked.code == 0 and json.loads(checked.out)["ok"] is True, checked.out + checked.err
