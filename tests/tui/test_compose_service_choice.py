"""The terminal wizard's Welcome page asks which service runs the server when several mount the config
folder (SPEC §12 rev 3), through the flow's question, and states "not verified" without Docker Compose."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import RadioButton, RadioSet

from tests.deployment.engine import plain_path_without_compose, put_engine_on_path
from tests.deployment.engine_layouts import two_servers_project
from tests.tui.driver import page_text, until, wizard
from wizard.tui.fields import safe_id


async def test_the_service_question_is_shown_and_answered_with_the_keyboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = two_servers_project(tmp_path)
    async with wizard(folder / "bomnipotent_config" / "config.toml", quick=False) as (app, pilot):
        await until(pilot, lambda: "Server's service" in page_text(app), what="the service question")
        choice = app.screen.query_one(f"#{safe_id('compose_service')}", RadioSet)
        assert [b.name for b in choice.query(RadioButton)] == ["server-blue", "server-green"]
        choice.focus()
        await pilot.press("right", "space")
        await pilot.pause()
        chosen = app.flow.answers.compose_service
        assert chosen in ("server-blue", "server-green")
        await until(pilot, lambda: app.flow.deployment is not None, what="detection with the chosen service")
        assert app.flow.deployment is not None and app.flow.deployment.service == chosen
        assert "Read by docker-compose 2." in page_text(app)


async def test_without_compose_the_welcome_page_says_not_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=False)
    folder = two_servers_project(tmp_path)
    text = (folder / "compose.yaml").read_text().replace("wwhsoft/bomnipotent_server:latest", "alpine", 1)
    (folder / "compose.yaml").write_text(text.replace("/etc/bomnipotent_server/configs:ro", "/backup:ro", 1))
    async with wizard(folder / "bomnipotent_config" / "config.toml", quick=False) as (app, pilot):
        await until(pilot, lambda: "Not verified" in page_text(app), what="the statement")
        assert "Not verified: Docker Compose is not installed here." in page_text(app)
