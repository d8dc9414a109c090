"""The terminal wizard's Welcome page lets the user change the detected deployment layout and name the
compose file, as the GUI's does (SPEC §3a rev 2): the secret then goes where the chosen layout's server
reads it. Real compose projects in tmp folders, a real server on loopback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.deployment.layouts import COMPOSE_MISSING_HOST_NET, COMPOSE_PASSED_HOST_NET, make_project
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, type_into, until, wizard
from wizard.flow import PageId
from wizard.tui.app import WizardApp


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


async def choose(app: WizardApp, pilot: Pilot[int], steps: int) -> None:
    """Move the layout choice's highlight `steps` options on and take it (arrow keys and Space)."""
    app.screen.query_one("#q-deployment").focus()
    await pilot.press(*(["right"] * steps), "space")
    await pilot.pause()


async def through_to_done(app: WizardApp, pilot: Pilot[int], server: SmtpServer) -> None:
    await enter(app, pilot, PageId.ACCOUNT)
    await type_into(app, pilot, "user", LOGIN)
    await enter(app, pilot, PageId.SERVER)
    await type_into(app, pilot, "host", "127.0.0.1")
    await type_into(app, pilot, "port", str(server.port))
    await enter(app, pilot, PageId.SECURITY)
    await enter(app, pilot, PageId.SECRET)
    await type_into(app, pilot, "secret", PASSWORD)
    await enter(app, pilot, PageId.TEST)
    await probe_finished(app, pilot)
    assert app.flow.test_passed()
    await enter(app, pilot, PageId.SUMMARY)
    await enter(app, pilot, PageId.DONE)


async def test_choosing_standalone_in_a_compose_project_puts_the_secret_next_to_config_toml(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    compose_before, env_before = project.compose.read_text(), project.env.read_text()
    async with wizard(project.config, ca_file=server.ca_file, quick=False) as (app, pilot):
        assert "Docker Compose: service bomnipotent_server" in page_text(app)  # what was detected
        await choose(app, pilot, 1)
        assert app.flow.answers.deployment == "standalone"
        assert f"Standalone: the server reads {project.config_env}" in page_text(app)
        await through_to_done(app, pilot, server)
        assert "docker compose up -d" not in page_text(app)  # the standalone next steps
    assert PASSWORD in project.config_env.read_text()  # the .env the standalone server reads
    assert project.compose.read_text() == compose_before and project.env.read_text() == env_before


async def test_a_compose_file_the_detection_cannot_find_is_named_on_the_welcome_page(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET, name="production.yml")  # not a name compose looks for
    compose = project.folder / "production.yml"
    async with wizard(project.config, ca_file=server.ca_file, quick=False) as (app, pilot):
        assert "Standalone" in page_text(app)  # nothing found under the usual names
        await choose(app, pilot, 2)
        assert app.flow.answers.deployment == "compose"
        assert "Name yours under “Compose file”" in page_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.flow.page is PageId.WELCOME  # the choice does not fit the files yet
        await type_into(app, pilot, "compose_file", "../production.yml")  # relative to the config's folder
        await until(pilot, lambda: app.flow.deployment_problem is None, what="the compose file to be read")
        assert f"Docker Compose: service bomnipotent_server in {compose}" in page_text(app)
        await through_to_done(app, pilot, server)
        assert "docker compose up -d" in page_text(app)
    assert PASSWORD in project.env.read_text()  # the compose project's .env, where the container gets it
    assert not project.config_env.exists()
    assert "SMTP_SECRET: ${SMTP_SECRET}" in compose.read_text()  # passed into the container


async def test_choosing_compose_where_no_service_mounts_the_config_folder_says_why_and_stays(
    tmp_path: Path,
) -> None:
    config = tmp_path / "server" / "config.toml"
    config.parent.mkdir()
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n")
    async with wizard(config, quick=False) as (app, pilot):
        await choose(app, pilot, 2)
        assert "No service in" in page_text(app) and "mounts" in page_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.flow.page is PageId.WELCOME
        app.screen.query_one("#q-deployment").focus()
        await pilot.press("left", "left", "space")
        await until(pilot, lambda: app.flow.answers.deployment == "auto", what="back to detection")
        await enter(app, pilot, PageId.ACCOUNT)
