"""A whole run per security mode, driven by keyboard and mouse against a real local server, ending in the
right config.toml and .env."""

from __future__ import annotations

import ssl
import tomllib
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWizard

from tests.ui.driver import click, next_page, open_wizard, probe_finished, type_into, walk_to_test_page
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core.env_file import read_env
from wizard.ui.pages.ids import PageId


async def _walk(
    qtbot: Any, wiz: Any, host: str, port: int, security: str, secret: str | None, send_to: str | None = None
) -> None:
    await walk_to_test_page(qtbot, wiz, host, port, security, secret)
    if send_to is not None:
        type_into(qtbot, wiz.test.send_to.line, send_to)
        click(qtbot, wiz.test.retry)
    await probe_finished(wiz)


async def _finish(qtbot: Any, wiz: Any) -> None:
    await next_page(qtbot, wiz, PageId.SUMMARY)
    await next_page(qtbot, wiz, PageId.DONE)
    click(qtbot, wiz.button(QWizard.WizardButton.FinishButton))


def _smtp(config: Path) -> dict[str, Any]:
    table = tomllib.loads(config.read_text())["smtp"]
    assert isinstance(table, dict)
    return table


async def test_implicit_tls_run_writes_bare_host_and_secret(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        await _walk(qtbot, wiz, "localhost", 465, "smtps", PASSWORD)
        assert wiz.test.passed(), wiz.test.verdict.text()
        assert len(server.inbox.messages) == 1
        await _finish(qtbot, wiz)
    assert _smtp(config) == {"user": LOGIN, "endpoint": "localhost", "secret": "${SMTP_SECRET}"}
    assert read_env(tmp_path / ".env").value("SMTP_SECRET") == PASSWORD


async def test_starttls_run_on_other_port_writes_url_with_tls_required(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    with local_server("starttls", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file)
        await _walk(qtbot, wiz, "127.0.0.1", server.port, "starttls", PASSWORD)
        assert wiz.test.passed(), wiz.test.verdict.text()
        await _finish(qtbot, wiz)
    assert _smtp(config) == {
        "user": LOGIN,
        "endpoint": f"smtp://127.0.0.1:{server.port}?tls=required",
        "secret": "${SMTP_SECRET}",
    }
    assert read_env(tmp_path / ".env").value("SMTP_SECRET") == PASSWORD


async def test_starttls_run_on_587_writes_starttls_true(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    with local_server("starttls", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        await _walk(qtbot, wiz, "localhost", 587, "starttls", PASSWORD)
        assert wiz.test.passed(), wiz.test.verdict.text()
        await _finish(qtbot, wiz)
    assert _smtp(config) == {
        "user": LOGIN,
        "endpoint": "localhost",
        "secret": "${SMTP_SECRET}",
        "starttls": True,
    }


async def test_plaintext_relay_run_writes_smtp_url_and_no_secret(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, config)
        await _walk(qtbot, wiz, "127.0.0.1", server.port, "none", None)
        assert wiz.test.passed(), wiz.test.verdict.text()
        assert len(server.inbox.messages) == 1
        await _finish(qtbot, wiz)
    assert _smtp(config) == {"user": LOGIN, "endpoint": f"smtp://127.0.0.1:{server.port}"}
    assert not (tmp_path / ".env").exists()


async def test_last_page_says_what_was_written_where(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        await _walk(qtbot, wiz, "localhost", 465, "smtps", PASSWORD)
        await next_page(qtbot, wiz, PageId.SUMMARY)
        await next_page(qtbot, wiz, PageId.DONE)
    text = wiz.done_page.written.text()
    assert str(config) in text and str(tmp_path / ".env") in text
