"""The flow asks which service runs the server when several mount the config folder (SPEC §12 rev 3: never
a silent pick), and says when Docker Compose did not read the project ("not verified")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deployment.engine import plain_path_without_compose, put_engine_on_path
from tests.deployment.engine_layouts import two_servers_project
from wizard.flow import PageId
from wizard.flow.flow import Flow


def _welcome_question(flow: Flow, name: str) -> object:
    return next((q for q in flow.questions(PageId.WELCOME) if q.name == name), None)


def test_two_bomnipotent_services_make_the_welcome_page_ask_and_block_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = two_servers_project(tmp_path)
    flow = Flow(folder / "bomnipotent_config" / "config.toml", quick=False)
    flow.load()
    question = _welcome_question(flow, "compose_service")
    assert question is not None
    assert [o.value for o in question.options] == ["server-blue", "server-green"]  # type: ignore[attr-defined]
    assert any("server-blue, server-green" in problem for problem in flow.problems(PageId.WELCOME))
    assert not flow.can_advance()


def test_choosing_the_service_detects_with_it_and_keeps_the_choice_visible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = two_servers_project(tmp_path)
    flow = Flow(folder / "bomnipotent_config" / "config.toml", quick=False)
    flow.load()
    flow.set("compose_service", "server-green")
    assert flow.deployment is not None and flow.deployment.service == "server-green"
    question = _welcome_question(flow, "compose_service")
    assert question is not None and question.value == "server-green" and not question.problem  # type: ignore[attr-defined]
    assert flow.deployment.verified_by is not None and flow.deployment.verified_by.startswith("docker-compose 2.")
    assert flow.can_advance()


def test_without_compose_the_layout_explanation_says_not_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=True)
    folder = two_servers_project(tmp_path)
    text = (folder / "compose.yaml").read_text().replace("/etc/bomnipotent_server/configs:ro", "/backup:ro", 1)
    (folder / "compose.yaml").write_text(text.replace("wwhsoft/bomnipotent_server:latest", "alpine", 1))
    flow = Flow(folder / "bomnipotent_config" / "config.toml", quick=False)
    flow.load()
    question = _welcome_question(flow, "deployment")
    chosen = next(o for o in question.options if o.value == "auto")  # type: ignore[attr-defined]
    assert "Not verified: Docker Compose is not installed here." in chosen.explanation
    assert flow.deployment is not None and flow.deployment.service == "server-green"
