"""Layout detection from the config path (SPEC §3a): compose file near config.toml with a service that
bind-mounts the config's folder, else standalone; the user's overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deployment.layouts import (
    COMPOSE_ENV_FILE,
    COMPOSE_PASSED,
    COMPOSE_PROXY_LIST,
    make_project,
    make_standalone,
)
from wizard.core.deployment import DeploymentChoice, DeploymentError, LayoutKind, detect_deployment
from wizard.core.errors import FileProblem


def test_docs_layout_with_short_volume_syntax_is_compose(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    found = detect_deployment(project.config, environ={})
    assert found.layout is LayoutKind.COMPOSE
    assert found.service == "bomnipotent_server"
    assert found.compose_file == project.compose
    assert found.env_file == project.env
    assert found.detected


def test_long_volume_syntax_behind_a_proxy_finds_the_server_not_the_proxy(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    (project.folder / "proxy").mkdir()
    assert detect_deployment(project.config, environ={}).service == "bomnipotent_server"


def test_absolute_source_path_is_recognised(tmp_path: Path) -> None:
    project = make_project(tmp_path, "placeholder: 1\n")
    absolute = COMPOSE_ENV_FILE.replace("./bomnipotent_config", str(project.config.parent))
    project.compose.write_text(absolute)
    assert detect_deployment(project.config, environ={}).layout is LayoutKind.COMPOSE


def test_source_path_with_a_variable_from_the_project_env_is_recognised(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_ENV_FILE.replace("./bomnipotent_config", "${CONFIG_DIR}"))
    project.env.write_text("CONFIG_DIR=./bomnipotent_config\n")
    assert detect_deployment(project.config, environ={}).layout is LayoutKind.COMPOSE


def test_compose_file_two_folders_up_is_found(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED.replace("./bomnipotent_config", "./deploy/bomnipotent_config"))
    deeper = project.folder / "deploy" / "bomnipotent_config"
    deeper.mkdir(parents=True)
    (deeper / "config.toml").write_text("")
    assert detect_deployment(deeper / "config.toml", environ={}).compose_file == project.compose


def test_docker_compose_yml_name_is_found(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED, name="docker-compose.yml")
    assert detect_deployment(project.config, environ={}).compose_file == project.folder / "docker-compose.yml"


def test_compose_file_without_a_mounting_service_means_standalone_and_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED.replace("./bomnipotent_config", "./elsewhere"))
    found = detect_deployment(project.config, environ={})
    assert found.layout is LayoutKind.STANDALONE
    assert found.considered == (project.compose,)
    assert str(project.compose) in found.describe()


def test_no_compose_file_means_standalone_with_env_next_to_config(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    found = detect_deployment(project.config, environ={})
    assert found.layout is LayoutKind.STANDALONE
    assert found.env_file == project.config_env
    assert found.to_json() == {
        "layout": "standalone",
        "env_file": str(project.config_env),
        "compose_file": None,
        "compose_files": [],
        "service": None,
        "verified_by": None,
    }


def test_standalone_override_ignores_the_compose_file(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    found = detect_deployment(project.config, DeploymentChoice.STANDALONE, environ={})
    assert found.layout is LayoutKind.STANDALONE
    assert not found.detected


def test_compose_override_without_a_mounting_service_is_an_error(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    with pytest.raises(DeploymentError) as caught:
        detect_deployment(project.config, DeploymentChoice.COMPOSE, environ={})
    assert caught.value.exit_code == 2
    assert "--compose-file" in caught.value.message


def test_compose_file_option_uses_that_file(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    elsewhere = tmp_path / "ops" / "stack.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(COMPOSE_ENV_FILE.replace("./bomnipotent_config", str(project.folder)))
    found = detect_deployment(project.config, compose_file=elsewhere, environ={})
    assert (found.layout, found.compose_file, found.env_file) == (
        LayoutKind.COMPOSE,
        elsewhere,
        elsewhere.parent / ".env",
    )


def test_unparsable_compose_file_is_a_file_problem_with_line_and_column(tmp_path: Path) -> None:
    project = make_project(tmp_path, "services:\n  a: [1,\n  b: 2\n")
    with pytest.raises(FileProblem) as caught:
        detect_deployment(project.config, environ={})
    assert caught.value.path == project.compose
    assert caught.value.line is not None and caught.value.col is not None
