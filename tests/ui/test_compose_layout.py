"""The GUI in the compose layout (SPEC §3a): Welcome shows what was found and lets the user change it, the
Summary shows the compose file's change before writing, Done names layout, files and next steps; the real
`docker compose` then gives the container the exact password."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

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
from tests.deployment.layouts import COMPOSE_MISSING, COMPOSE_MISSING_HOST_NET, COMPOSE_PROXY_LIST, make_project
from tests.deployment.oracle import container_env
from tests.support.servers import SmtpServer
from tests.ui.driver import click, next_page, open_wizard, probe_finished, until, walk_to_test_page
from tests.ui.quick import Presses
from tests.ui.servers import PASSWORD, local_server
from wizard.ui.pages.ids import PageId


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


async def test_welcome_shows_the_compose_layout_it_found(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING)
    wiz = open_wizard(qtbot, project.config)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    text = wiz.welcome.deployment_status.text()
    assert "Docker Compose" in text and "bomnipotent_server" in text and str(project.compose) in text
    assert wiz.flow.deployment is not None and wiz.flow.deployment.service == "bomnipotent_server"


async def test_welcome_lets_the_user_choose_standalone(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING)
    wiz = open_wizard(qtbot, project.config)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    wiz.welcome.deployment.setCurrentIndex(1)  # standalone
    await until(lambda: wiz.flow.deployment is not None and wiz.flow.deployment.compose is None, what="re-read")
    assert str(project.config_env) in wiz.welcome.deployment_status.text()
    assert not wiz.welcome.compose_file.isVisible()


async def test_compose_choice_without_a_mounting_service_is_shown_as_a_problem(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING.replace("./bomnipotent_config", "./other"))
    wiz = open_wizard(qtbot, project.config)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    assert "Standalone" in wiz.welcome.deployment_status.text()
    wiz.welcome.deployment.setCurrentIndex(2)  # compose
    await until(lambda: wiz.welcome.problem.isVisible(), what="the problem")
    assert str(project.compose) in wiz.welcome.problem.text()
    assert not wiz.welcome.isComplete()


async def test_summary_shows_the_compose_change_and_done_the_next_steps(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_MISSING_HOST_NET)
    with local_server("none") as server:
        wiz = open_wizard(qtbot, project.config)
        await walk_to_test_page(qtbot, wiz, "127.0.0.1", server.port, "none", PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.passed()
        await next_page(qtbot, wiz, PageId.SUMMARY)
        assert "+      SMTP_SECRET: ${SMTP_SECRET}" in wiz.summary.diff.toPlainText()
        assert "compose.yaml" in wiz.summary.diff_label.text() and "Docker Compose" in wiz.summary.deployment.text()
        assert project.compose.read_text() == COMPOSE_MISSING_HOST_NET  # nothing written yet
        await next_page(qtbot, wiz, PageId.DONE)
    done = wiz.done_page.written.text() + wiz.done_page.next_steps.text()
    assert str(project.env) in done and str(project.compose) in done
    assert "docker compose up -d" in done and "bomnipotent_client test-email" in done
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == PASSWORD


async def test_relay_service_without_published_port_asks_for_confirmation(qtbot: Any, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    (project.folder / "proxy").mkdir()
    wiz = open_wizard(qtbot, project.config)
    await walk_to_test_page(qtbot, wiz, "smtp_relay", 25, "none", None)
    await probe_finished(wiz)
    assert "smtp_relay" in wiz.test.verdict.text() and "bomnipotent_client test-email" in wiz.test.verdict.text()
    assert not wiz.test.isComplete()
    click(qtbot, wiz.test.confirm)
    assert wiz.test.isComplete()
    await next_page(qtbot, wiz, PageId.SUMMARY)
    await next_page(qtbot, wiz, PageId.DONE)
    assert 'endpoint = "smtp://smtp_relay:25"' in project.config.read_text()


async def test_welcome_takes_a_compose_file_from_elsewhere(qtbot: Any, tmp_path: Path) -> None:
    from tests.deployment.layouts import COMPOSE_ENV_FILE, make_standalone

    server_folder = make_standalone(tmp_path)
    elsewhere = tmp_path / "ops" / "stack.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(COMPOSE_ENV_FILE.replace("./bomnipotent_config", str(server_folder.folder)))
    (elsewhere.parent / "server.env").write_text("")
    wiz = open_wizard(qtbot, server_folder.config)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    wiz.welcome.deployment.setCurrentIndex(2)  # compose
    assert wiz.welcome.compose_file.isVisible()
    wiz.welcome.compose_file.setText(str(elsewhere))
    wiz.welcome.load()
    assert wiz.flow.deployment is not None and wiz.flow.deployment.compose_file == elsewhere
    assert "Chosen:" in wiz.welcome.deployment_status.text()


async def test_quick_path_with_nothing_changed_keeps_a_secret_the_service_does_not_pass_yet(
    qtbot: Any, tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    """The value is in the compose project's .env, the service does not pass it: Next on every page keeps
    `secret = "${SMTP_SECRET}"` and passes the variable — the files `apply --keep-secret` writes."""
    server = smtp_server("plain", credentials={USER: SECRET})
    project = make_unpassed_secret_project(tmp_path / "gui", server.port)
    wiz = open_wizard(qtbot, project.config, quick=True)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    assert "keeping it adds" in wiz.welcome.status.text()
    presses = Presses(qtbot, wiz)
    await presses.next(PageId.SENDER)
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed()
    await presses.next(PageId.SUMMARY)
    assert "+      " + ENTRY in wiz.summary.diff.toPlainText()
    assert "-secret" not in wiz.summary.diff.toPlainText() and "No password" not in wiz.summary.env.text()
    await presses.next(PageId.DONE)
    assert [(a.login, a.success) for a in server.auth_attempts] == [(USER, True)]  # tested with the kept secret
    written = project_files(project)
    assert REFERENCE in str(written["config.toml"]) and ENTRY in str(written["compose.yaml"])
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET
    assert written == keep_secret_with_the_cli(tmp_path / "cli", server.port)
