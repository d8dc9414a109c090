"""The compose layout through the terminal wizard: shown on Welcome, the secret written where the container
gets it (the compose project's .env, the variable added to the service), and `docker compose up -d` next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.deployment.layouts import COMPOSE_MISSING_HOST_NET, make_project
from tests.deployment.oracle import container_env
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, type_into, wizard
from wizard.flow import PageId


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


async def test_compose_layout_is_shown_and_the_secret_reaches_the_container(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    async with wizard(project.config, ca_file=server.ca_file, quick=False) as (app, pilot):
        assert "Docker Compose" in page_text(app) and "bomnipotent_server" in page_text(app)
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", LOGIN)
        await enter(app, pilot, PageId.SERVER)
        await type_into(app, pilot, "host", "127.0.0.1")
        await type_into(app, pilot, "port", str(server.port))
        await enter(app, pilot, PageId.SECURITY)
        assert app.flow.answers.security == "starttls"
        await enter(app, pilot, PageId.SECRET)
        await type_into(app, pilot, "secret", PASSWORD)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
        assert "docker compose up -d" in page_text(app)
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == PASSWORD
    assert "SMTP_SECRET: ${SMTP_SECRET}" in project.compose.read_text()
