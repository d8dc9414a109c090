"""The Secret page says where the secret really goes: next to config.toml when the server runs standalone,
the compose project's .env when it runs in Docker Compose (SPEC §3a)."""

from __future__ import annotations

from pathlib import Path

from tests.deployment.layouts import COMPOSE_PASSED, make_project
from wizard.flow.flow import Flow
from wizard.flow.pages import PageId


def test_secret_page_in_a_compose_project_names_the_projects_env(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    flow = Flow(project.config, quick=False)
    words = flow.subtitle(PageId.SECRET)
    assert str(project.folder / ".env") in words and "compose" in words.lower()
    assert "next to config.toml" not in words


def test_secret_page_standalone_says_next_to_config_toml(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    flow = Flow(config, quick=False)
    assert "next to config.toml" in flow.subtitle(PageId.SECRET)


def test_secret_field_help_in_a_compose_project_names_the_projects_env(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    flow = Flow(project.config, quick=False)
    flow.answers.secret_source = "new"
    help_line = next(q.help for q in flow.questions(PageId.SECRET) if q.name == "secret")
    assert str(project.folder / ".env") in help_line and "next to config.toml" not in help_line
