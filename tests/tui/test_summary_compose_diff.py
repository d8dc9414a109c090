"""The terminal Summary shows the compose file's change before writing, as the GUI does (found missing: only
config.toml's diff was shown, so the SMTP_SECRET entry added to the service went unseen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.deployment.layouts import COMPOSE_MISSING_HOST_NET, make_project
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, type_into, wizard
from wizard.flow import PageId


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


async def test_the_summary_shows_the_entry_added_to_the_compose_service_before_writing(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    async with wizard(project.config, size=(100, 40), ca_file=server.ca_file, quick=False) as (app, pilot):
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
        await enter(app, pilot, PageId.SUMMARY)
        text = page_text(app)
        assert "compose.yaml" in text and "+      SMTP_SECRET: ${SMTP_SECRET}" in text
        assert project.compose.read_text() == COMPOSE_MISSING_HOST_NET  # nothing written yet
