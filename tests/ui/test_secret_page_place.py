"""The GUI's Secret page says where the secret really goes, in the flow's words for the detected layout
(the compose project's .env, not "next to config.toml"), and offers "Keep the stored one" only when a
non-empty secret is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.deployment.layouts import COMPOSE_MISSING, COMPOSE_PASSED, make_project
from tests.ui.driver import click, next_page, open_wizard, pass_welcome, type_into
from tests.ui.servers import LOGIN
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


async def to_secret_page(qtbot: Any, wiz: SetupWizard) -> None:
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "127.0.0.1")
    type_into(qtbot, wiz.server.port, "2525")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons["none"])
    await next_page(qtbot, wiz, PageId.SECRET)


async def test_secret_page_in_a_compose_project_names_the_projects_env(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING)
    wiz = open_wizard(qtbot, project.config)
    await to_secret_page(qtbot, wiz)
    page = wiz.secret_page
    env = str(project.folder / ".env")
    assert env in page.subTitle() and "next to config.toml" not in page.subTitle()
    assert env in page.secret.whatsThis() and "next to config.toml" not in page.secret.whatsThis()


async def test_secret_page_standalone_says_next_to_config_toml(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    wiz = open_wizard(qtbot, config)
    await to_secret_page(qtbot, wiz)
    assert "next to config.toml" in wiz.secret_page.subTitle()


async def test_compose_project_without_a_stored_secret_offers_no_keep(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    wiz = open_wizard(qtbot, project.config)
    await to_secret_page(qtbot, wiz)
    assert not wiz.secret_page.keep.isEnabled() and not wiz.secret_page.keep.isChecked()
