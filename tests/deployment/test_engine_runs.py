"""Compose runs as real processes and real files (SPEC §12 rev 3): a run killed after each replacement and
then a new run, ten applies at once, Compose's verification rolling a change back, the compose `.env`'s
mode, and the engine absent (no Compose on PATH, a `docker` CLI without the plugin)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.deployment.engine import compose_binary, plain_path_without_compose, put_engine_on_path
from tests.deployment.oracle import container_env
from wizard.core.transaction import FAULT_ENV

CLI = Callable[..., Run]
SERVICE = "bomnipotent_server"
SECRET = 'n3w-$ecret with "quotes"'
COMPOSE_WITHOUT_SECRET = """\
# the stack
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    environment:
      TZ: UTC   # keep
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""
PROJECT_ENV = "# secrets of the stack\nDB_PW=db\n"


@pytest.fixture(autouse=True)
def clean_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SMTP_SECRET", "COMPOSE_FILE", "COMPOSE_PROFILES", "COMPOSE_ENV_FILES", FAULT_ENV):
        monkeypatch.delenv(name, raising=False)


def _project(root: Path, compose: str = COMPOSE_WITHOUT_SECRET, env: str | None = PROJECT_ENV) -> Path:
    folder = root / "stack"
    (folder / "bomnipotent_config").mkdir(parents=True)
    (folder / "bomnipotent_config" / "config.toml").write_text('domain = "https://bom.example.org"\n')
    (folder / "compose.yaml").write_text(compose)
    if env is not None:
        (folder / ".env").write_text(env)
    return folder


def _args(folder: Path, *extra: str) -> list[str]:
    return [
        "--lang",
        "en",
        "apply",
        "--config",
        str(folder / "bomnipotent_config" / "config.toml"),
        "--user",
        "mailer@example.org",
        "--host",
        "smtp.example.org",
        "--security",
        "starttls",
        "--secret-stdin",
        "--no-probe",
        *extra,
    ]


def _wizard(args: list[str], secret: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args], input=secret, capture_output=True, text=True, timeout=120, env=env
    )


def _consistent(folder: Path, secret: str) -> None:
    """Compose gives the container exactly `secret`, config.toml names it, the compose file passes it."""
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == secret
    smtp = tomllib.loads((folder / "bomnipotent_config" / "config.toml").read_text())["smtp"]
    assert smtp["secret"] == "${SMTP_SECRET}"
    assert (folder / "compose.yaml").read_text() == COMPOSE_WITHOUT_SECRET.replace(
        "      TZ: UTC   # keep\n", "      TZ: UTC   # keep\n      SMTP_SECRET: ${SMTP_SECRET}\n"
    )
    assert (folder / ".env").read_text().startswith(PROJECT_ENV)


@pytest.mark.parametrize("step", range(1, 11))
def test_a_run_killed_at_each_step_then_a_new_run_ends_consistent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path)
    env = {**os.environ, FAULT_ENV: f"{step}:sigkill"}
    killed = _wizard(_args(folder), "first-secret", env)
    assert killed.returncode in (-9, 0), killed.stderr  # past the last step the run just ends
    env.pop(FAULT_ENV)
    again = _wizard(_args(folder), SECRET, env)
    assert again.returncode == 0, again.stdout + again.stderr
    _consistent(folder, SECRET)


def test_ten_applies_at_once_end_with_one_run_s_values_and_no_changed_by_someone_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path)
    env = dict(os.environ)
    secrets = [f"secret-number-{n}" for n in range(10)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        runs = list(pool.map(lambda s: _wizard(_args(folder), s, env), secrets))
    codes = [r.returncode for r in runs]
    assert set(codes) <= {0, 3}, [r.stderr for r in runs]
    assert 0 in codes
    for run in runs:
        assert "changed" not in run.stderr.lower() or "someone else" not in run.stderr.lower(), run.stderr
        if run.returncode == 3:
            assert "waited 10 seconds" in run.stderr, run.stderr  # waited for the lock, then gave up
    got = container_env(folder, SERVICE)["SMTP_SECRET"]
    assert got in [s for s, r in zip(secrets, runs, strict=True) if r.returncode == 0]
    _consistent(folder, str(got))


def test_compose_giving_another_value_after_writing_rolls_every_file_back(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path, COMPOSE_WITHOUT_SECRET.replace("TZ: UTC   # keep", "SMTP_SECRET: ${SMTP_SECRET}"))
    (folder / "interpolation.env").write_text("SMTP_SECRET=old\n")
    # Compose reads this file instead of the project .env for ${...}: the project .env the wizard writes
    # does not decide; only Compose itself can tell, after writing.
    monkeypatch.setenv("COMPOSE_ENV_FILES", str(folder / "interpolation.env"))
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    run = cli(*_args(folder, "--json"), stdin=SECRET)
    assert run.code == 3, run.out + run.err
    error = json.loads(run.out)["error"]
    assert "a different value (3 characters)" in error["message"]
    assert "put back" in error["message"]
    assert SECRET not in run.out + run.err
    after = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".bak")}
    assert after == {name: data for name, data in before.items()}


def _env_mode_after(cli: CLI, folder: Path, mode: int) -> tuple[Run, os.stat_result]:
    env = folder / ".env"
    env.chmod(mode)
    run = cli(*_args(folder), stdin=SECRET)
    return run, env.stat()


def test_compose_env_readable_by_everyone_loses_only_the_bits_for_others(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path)
    run, st = _env_mode_after(cli, folder, 0o644)
    assert run.code == 0, run.out + run.err
    assert stat.S_IMODE(st.st_mode) == 0o640
    assert "readable by everyone (mode 644): narrowed to 640" in run.out


def test_compose_env_640_of_a_deploy_group_stays_640_with_its_group(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path)
    deploy_group = 4242  # a "docker" group: any gid other than ours
    os.chown(folder / ".env", -1, deploy_group)
    run, st = _env_mode_after(cli, folder, 0o640)
    assert run.code == 0, run.out + run.err
    assert (stat.S_IMODE(st.st_mode), st.st_gid) == (0o640, deploy_group)
    assert "narrowed" not in run.out and "readable" not in run.out


def test_a_new_compose_env_is_created_600(cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path, env=None)
    run = cli(*_args(folder), stdin=SECRET)
    assert run.code == 0, run.out + run.err
    assert stat.S_IMODE((folder / ".env").stat().st_mode) == 0o600


@pytest.mark.parametrize("docker_without_plugin", [False, True], ids=["nothing-on-path", "docker-without-plugin"])
def test_without_an_engine_the_reader_is_used_and_every_output_says_not_verified(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docker_without_plugin: bool
) -> None:
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=docker_without_plugin)
    folder = _project(tmp_path)
    run = cli(*_args(folder, "--json"), stdin=SECRET)
    assert run.code == 0, run.out + run.err
    deployment = json.loads(run.out)["deployment"]
    assert deployment["verified_by"] is None
    assert deployment["compose_files"] == [str(folder / "compose.yaml")]
    human = cli("--lang", "en", "show", "--config", str(folder / "bomnipotent_config" / "config.toml"))
    assert "Not verified: Docker Compose is not installed here." in human.out
    german = cli("--lang", "de", "show", "--config", str(folder / "bomnipotent_config" / "config.toml"))
    assert "Nicht geprüft: Docker Compose ist hier nicht installiert." in german.out
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == SECRET  # the reader was right on this layout


def test_a_docker_cli_with_the_compose_plugin_is_the_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.core.deployment.compose_engine import find_engine

    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine to carry the plugin")
    config = tmp_path / "docker-config"
    (config / "cli-plugins").mkdir(parents=True)
    (config / "cli-plugins" / "docker-compose").symlink_to(compose_binary())
    monkeypatch.setenv("DOCKER_CONFIG", str(config))
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=False)
    (tmp_path / "bin" / "docker").symlink_to(docker)
    found = find_engine()
    assert found is not None and found.plugin
    assert found.label.startswith("docker compose 2.")
    folder = _project(tmp_path)
    assert found.config(folder, dict(os.environ))["services"][SERVICE]["image"] == "wwhsoft/bomnipotent_server:latest"


MERGE_ONLY = """\
x-common-env: &common-env
  TZ: UTC

services:
  worker:
    image: alpine
    environment:
      <<: *common-env
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    environment:
      <<: *common-env
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_without_an_engine_a_merge_key_environment_gets_its_own_entry_not_a_defect(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=True)
    folder = _project(tmp_path, MERGE_ONLY)
    run = cli(*_args(folder), stdin=SECRET)
    assert run.code == 0, run.out + run.err
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == SECRET
    assert "SMTP_SECRET" not in container_env(folder, "worker")
    assert (folder / "compose.yaml").read_text() == MERGE_ONLY.replace(
        "      <<: *common-env\n    volumes:", "      <<: *common-env\n      SMTP_SECRET: ${SMTP_SECRET}\n    volumes:"
    )


def test_compose_refusing_the_project_is_a_file_problem_in_its_own_words(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path, COMPOSE_WITHOUT_SECRET.replace("    image:", "    imagee:"))
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    run = cli(*_args(folder, "--json"), stdin=SECRET)
    assert run.code == 3, run.out + run.err
    message = json.loads(run.out)["error"]["message"]
    assert message.startswith("Docker Compose (docker-compose 2.") and "imagee" in message
    assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_compose_not_answering_in_time_is_a_typed_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wizard.core.deployment.compose_engine import ComposeEngineError, find_engine

    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = _project(tmp_path)
    engine = find_engine()
    assert engine is not None
    with pytest.raises(ComposeEngineError) as raised:
        engine.config(folder, dict(os.environ), timeout=0.001)
    assert raised.value.exit_code == 3
    assert "did not answer within 0.001 s" in raised.value.message
