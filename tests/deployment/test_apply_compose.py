"""Applying in the compose layout: the secret goes where the container gets it from, the compose file gets
the variable only when the service does not pass it, and the real `docker compose` confirms the result."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from ruamel.yaml import YAML

from tests.deployment.layouts import (
    COMPOSE_ENV_FILE,
    COMPOSE_MISSING,
    COMPOSE_PASSED,
    COMPOSE_PROXY_LIST,
    Project,
    make_project,
)
from tests.deployment.oracle import compose_config, container_env
from tests.deployment.test_compose_env_grammar import HOSTILE
from tests.support.files import folder_bytes
from wizard.core.apply import commit_apply, plan_apply
from wizard.core.deployment import detect_deployment
from wizard.core.errors import ValidationError
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings

SECRET = 'p@ss "w$rd" #1 \\'


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


def _settings(secret: str = SECRET) -> Settings:
    return Settings(
        user="bom@example.org",
        host="smtp.example.org",
        port=465,
        security=Security.SMTPS,
        secret_source=SecretSource.NEW,
        secret=Secret(secret),
    )


def _apply(project: Project, secret: str = SECRET) -> list[Path]:
    plan = plan_apply(_settings(secret), project.config, deployment=detect_deployment(project.config))
    return commit_apply(plan).written


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "#" in line]


def test_passed_variable_goes_into_the_compose_env_and_the_container_gets_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    written = _apply(project)
    assert project.env in written and project.compose not in written
    assert project.compose.read_text() == COMPOSE_PASSED
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET
    assert not project.config_env.exists()
    assert stat.S_IMODE(project.env.stat().st_mode) == 0o640  # 644 before: only the bits for others go
    assert project.env.read_text().startswith("# secrets of the stack\nBOMNIPOTENT_DB_PW=db-pass\n")


def test_missing_variable_is_added_to_the_service_keeping_comments_and_other_services(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING)
    before = container_env(project.folder, "database")
    plan = plan_apply(_settings(), project.config, deployment=detect_deployment(project.config))
    assert "+      SMTP_SECRET: ${SMTP_SECRET}" in plan.compose_diff()
    commit_apply(plan)
    after_text = project.compose.read_text()
    assert after_text == COMPOSE_MISSING.replace(
        "      BOMNIPOTENT_DB_PW: ${BOMNIPOTENT_DB_PW}\n",
        "      BOMNIPOTENT_DB_PW: ${BOMNIPOTENT_DB_PW}\n      SMTP_SECRET: ${SMTP_SECRET}\n",
    )
    assert _comments(after_text) == _comments(COMPOSE_MISSING)
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET
    assert container_env(project.folder, "database") == before
    assert set(compose_config(project.folder)["services"]) == {"database", "bomnipotent_server"}


def test_list_form_gets_a_list_entry(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    (project.folder / "proxy").mkdir()
    _apply(project)
    text = project.compose.read_text()
    assert "      - LOG_LEVEL=info\n      - SMTP_SECRET=${SMTP_SECRET}\n" in text
    assert _comments(text) == _comments(COMPOSE_PROXY_LIST)
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET
    assert set(compose_config(project.folder)["services"]) == {"proxy", "bomnipotent_server", "smtp_relay"}


def test_service_without_environment_gets_one(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_ENV_FILE)
    (project.folder / "server.env").write_text("LOG=1\n")
    _apply(project)
    assert "    environment:\n      SMTP_SECRET: ${SMTP_SECRET}\n" in project.compose.read_text()
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_secret_defined_in_the_services_env_file_is_written_there(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_ENV_FILE)
    env_file = project.folder / "server.env"
    env_file.write_text("LOG=1\nSMTP_SECRET=old\n")
    written = _apply(project)
    assert env_file in written and project.compose not in written
    assert project.compose.read_text() == COMPOSE_ENV_FILE
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_entry_reading_another_variable_gets_that_variable_written(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED.replace("SMTP_SECRET: ${SMTP_SECRET}", "SMTP_SECRET: ${MAIL_PW}"))
    _apply(project)
    assert 'MAIL_PW="' in project.env.read_text()
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_fixed_value_in_the_compose_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED.replace("SMTP_SECRET: ${SMTP_SECRET}", "SMTP_SECRET: hunter2"))
    before = folder_bytes(project.folder)
    with pytest.raises(ValidationError) as caught:
        plan_apply(_settings(), project.config, deployment=detect_deployment(project.config))
    assert "SMTP_SECRET: ${SMTP_SECRET}" in caught.value.message
    assert folder_bytes(project.folder) == before


def test_compose_file_stays_valid_yaml_with_crlf_line_endings(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING.replace("\n", "\r\n"))
    _apply(project)
    data = project.compose.read_bytes()
    assert b"      SMTP_SECRET: ${SMTP_SECRET}\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    YAML(typ="safe").load(data.decode())
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_a_second_apply_changes_only_the_secret(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING)
    _apply(project)
    compose_after_first = project.compose.read_text()
    _apply(project, "second-secret")
    assert project.compose.read_text() == compose_after_first
    assert project.env.read_text().count("SMTP_SECRET=") == 1
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == "second-secret"


def test_compose_file_keeps_its_mode(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING)
    os.chmod(project.compose, 0o640)
    _apply(project)
    assert stat.S_IMODE(project.compose.stat().st_mode) == 0o640
    assert project.compose.with_name("compose.yaml.bak").read_text() == COMPOSE_MISSING


def test_a_fault_at_any_step_leaves_env_compose_file_and_config_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All three files are one transaction: a failure at any step of it puts every one back."""
    from wizard.core.errors import WizardError
    from wizard.core.transaction import FAULT_ENV

    project = make_project(tmp_path, COMPOSE_MISSING)
    before = folder_bytes(project.folder)
    failed_steps = 0
    for step in range(1, 20):
        monkeypatch.setenv(FAULT_ENV, f"{step}:raise")
        plan = plan_apply(_settings(), project.config, deployment=detect_deployment(project.config))
        try:
            commit_apply(plan)
        except WizardError:
            failed_steps += 1
            after = {k: v for k, v in folder_bytes(project.folder).items() if not k.endswith(".bak")}
            assert after == before, f"step {step}"
            continue
        break  # past the last step: the change went through
    assert failed_steps >= 9  # prepare, back up, replace and verify of three files
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


@pytest.mark.parametrize(
    "entry",
    ["      SMTP_SECRET:\n", "      SMTP_SECRET: ${SMTP_SECRET:-}\n"],
    ids=["mapping-without-value", "with-default"],
)
def test_entry_without_value_or_with_default_gets_the_project_env(tmp_path: Path, entry: str) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED.replace("      SMTP_SECRET: ${SMTP_SECRET}\n", entry))
    written = _apply(project)
    assert project.compose not in written
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_list_entry_without_value_gets_the_project_env(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST.replace("      - LOG_LEVEL=info\n", "      - SMTP_SECRET\n"))
    (project.folder / "proxy").mkdir()
    written = _apply(project)
    assert project.compose not in written
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_keeping_a_shadowed_secret_moves_it_where_the_container_gets_it(tmp_path: Path) -> None:
    """The old wizard wrote the secret next to config.toml; compose passes SMTP_SECRET empty and hides it.
    Keeping the secret writes that value into the compose project's .env."""
    from wizard.core.existing import load_existing

    project = make_project(tmp_path, COMPOSE_PASSED)
    project.config.write_text(
        project.config.read_text() + '\n[smtp]\nuser = "bom@example.org"\nendpoint = "smtp.example.org"\n'
        'secret = "${SMTP_SECRET}"\n'
    )
    project.config_env.write_text('SMTP_SECRET="the-real-one"\n')
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == ""
    deployment = detect_deployment(project.config)
    existing = load_existing(project.config, deployment=deployment)
    assert existing.secret is not None and existing.secret.reveal() == ""
    assert existing.shadowed_secret is not None
    keep = _settings().with_changes(secret_source=SecretSource.KEEP, secret=None)
    commit_apply(plan_apply(keep, project.config, existing, deployment))
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == "the-real-one"
    assert project.config_env.read_text() == 'SMTP_SECRET="the-real-one"\n'  # left alone: harmless now


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=HOSTILE)
def test_after_every_apply_the_container_gets_the_exact_hostile_secret(
    tmp_path_factory: pytest.TempPathFactory, secret: str
) -> None:
    project = make_project(tmp_path_factory.mktemp("apply"), COMPOSE_MISSING)
    _apply(project, secret)
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == secret
    assert _comments(project.compose.read_text()) == _comments(COMPOSE_MISSING)


def test_changing_only_the_secret_says_to_recreate_the_container_not_restart(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    _apply(project)
    plan = plan_apply(_settings("new-one"), project.config, deployment=detect_deployment(project.config))
    texts = [note.text for note in plan.notes]
    assert any("docker compose up -d" in text and str(project.folder) in text for text in texts)
