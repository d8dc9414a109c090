"""The compose layout through the terminal wizard: shown on Welcome, the secret written where the container
gets it (the compose project's .env, the variable added to the service), and `docker compose up -d` next."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.deployment.kept_secret import (
    ENTRY,
    REFERENCE,
    SECRET,
    USER,
    keep_secret_with_the_cli,
    make_unpassed_secret_project,
    project_files,
)
from tests.deployment.layouts import COMPOSE_MISSING_HOST_NET, make_project
from tests.deployment.oracle import container_env
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, type_into, until, wizard
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


async def test_enter_on_every_page_keeps_a_secret_the_service_does_not_pass_yet(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    """The value is in the compose project's .env, the service does not pass it: nothing changed, the
    wizard keeps `secret = "${SMTP_SECRET}"` and passes the variable — as `apply --keep-secret` does."""
    server = smtp_server("plain", credentials={USER: SECRET})
    project = make_unpassed_secret_project(tmp_path / "tui", server.port)
    async with wizard(project.config) as (app, pilot):
        await until(pilot, lambda: "keeping it adds" in page_text(app), what="Welcome on the kept secret")
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        summary = page_text(app)
        assert "-secret" not in summary and "No password" not in summary
        await enter(app, pilot, PageId.DONE)
    assert [(a.login, a.success) for a in server.auth_attempts] == [(USER, True)]  # tested with the kept secret
    written = project_files(project)
    assert REFERENCE in str(written["config.toml"]) and ENTRY in str(written["compose.yaml"])
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET
    assert written == keep_secret_with_the_cli(tmp_path / "cli", server.port)
