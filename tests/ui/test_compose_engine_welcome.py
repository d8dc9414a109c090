"""The GUI's Welcome page with Docker Compose reading the project (SPEC §12 rev 3): it asks which service
runs the server when several mount the config folder, and says "not verified" when Compose is absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.deployment.engine import plain_path_without_compose, put_engine_on_path
from tests.deployment.engine_layouts import two_servers_project
from tests.ui.driver import open_wizard, until


async def test_two_server_services_are_offered_and_the_chosen_one_is_the_server(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    folder = two_servers_project(tmp_path)
    wiz = open_wizard(qtbot, folder / "bomnipotent_config" / "config.toml")
    box = wiz.welcome.compose_service
    await until(box.isVisible, what="the service choice")
    assert [box.itemData(i) for i in range(box.count())] == ["", "server-blue", "server-green"]
    assert not wiz.welcome.isComplete()
    box.setCurrentIndex(box.findData("server-green"))
    await until(lambda: wiz.flow.deployment is not None, what="detection with the chosen service")
    assert wiz.flow.deployment is not None and wiz.flow.deployment.service == "server-green"
    assert "Read by docker-compose 2." in wiz.welcome.deployment_status.text()
    await until(wiz.welcome.isComplete, what="Welcome to be complete")


async def test_without_compose_the_welcome_page_says_not_verified(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain_path_without_compose(monkeypatch, tmp_path / "bin", docker_without_plugin=True)
    folder = two_servers_project(tmp_path)
    wiz = open_wizard(qtbot, folder / "bomnipotent_config" / "config.toml")
    box = wiz.welcome.compose_service
    await until(box.isVisible, what="the service choice (the reader finds both too)")
    box.setCurrentIndex(box.findData("server-blue"))
    await until(lambda: wiz.flow.deployment is not None, what="detection with the chosen service")
    assert "Not verified: Docker Compose is not installed here." in wiz.welcome.deployment_status.text()
