"""An existing config.toml pre-fills every page; its secret can be kept without ever being shown."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, until
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core import dotenv
from wizard.core.settings import SecretSource, Security
from wizard.ui.pages.ids import PageId

CONFIG = """\
# my server
domain = "https://bom.example.org"

[smtp]
user = "bom@example.com"
endpoint = "smtp://127.0.0.1:{port}?tls=required"
secret = "${{MAIL_PASSWORD}}"
"""


def _existing(folder: Path, port: int) -> Path:
    config = folder / "config.toml"
    config.write_text(CONFIG.format(port=port))
    (folder / ".env").write_text(dotenv.set_variable("OTHER=1\n", "MAIL_PASSWORD", PASSWORD).text)
    (folder / ".env").chmod(0o600)
    return config


async def test_existing_smtp_prefills_every_page(qtbot: Any, tmp_path: Path) -> None:
    config = _existing(tmp_path, 2525)
    wiz = open_wizard(qtbot, config)
    await until(wiz.welcome.isComplete, what="the config to be read")
    assert "bom@example.com" in wiz.welcome.status.text()
    await next_page(qtbot, wiz, PageId.SENDER)
    assert wiz.sender_page.address.text() == LOGIN
    await next_page(qtbot, wiz, PageId.SERVER)
    assert (wiz.server.host.text(), wiz.server.port.value()) == ("127.0.0.1", 2525)
    await next_page(qtbot, wiz, PageId.SECURITY)
    assert wiz.security.security() is Security.STARTTLS
    await next_page(qtbot, wiz, PageId.SECRET)
    assert wiz.secret_page.source() is SecretSource.KEEP
    assert wiz.secret_page.var.text() == "MAIL_PASSWORD"


async def test_kept_secret_is_tested_and_never_shown_or_rewritten(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("starttls", server_tls) as server:
        config = _existing(tmp_path, server.port)
        env_before = (tmp_path / ".env").read_bytes()
        wiz = open_wizard(qtbot, config, ca_file=ca_file)
        await pass_welcome(qtbot, wiz)
        for page in (PageId.SERVER, PageId.SECURITY, PageId.SECRET):
            await next_page(qtbot, wiz, page)
        assert wiz.secret_page.keep.isChecked()
        assert wiz.secret_page.secret.text() == ""  # the kept secret is never put into a widget
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.report.to_json()
        await next_page(qtbot, wiz, PageId.SUMMARY)
        assert "keeps MAIL_PASSWORD" in wiz.summary.env.text()
        await next_page(qtbot, wiz, PageId.DONE)
    assert (tmp_path / ".env").read_bytes() == env_before
    assert 'secret = "${MAIL_PASSWORD}"' in config.read_text()


async def test_only_a_new_secret_says_restart_the_server(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("starttls", server_tls) as server:
        config = _existing(tmp_path, server.port)
        (tmp_path / ".env").write_text(dotenv.set_variable("", "MAIL_PASSWORD", "old-one").text)
        config_before = config.read_bytes()
        wiz = open_wizard(qtbot, config, ca_file=ca_file)
        await pass_welcome(qtbot, wiz)
        for page in (PageId.SERVER, PageId.SECURITY, PageId.SECRET):
            await next_page(qtbot, wiz, page)
        click(qtbot, wiz.secret_page.new)
        type_into(qtbot, wiz.secret_page.secret, PASSWORD)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        await next_page(qtbot, wiz, PageId.SUMMARY)
        assert "restart" in wiz.summary.notes.text()
        await next_page(qtbot, wiz, PageId.DONE)
    assert "restart" in wiz.done_page.next_steps.text()
    assert config.read_bytes() == config_before


async def test_configuring_mail_says_the_skip_flag_goes(qtbot: Any, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("skip_user_verification = true\n")
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, config)
        await until(wiz.welcome.isComplete, what="the config to be read")
        assert "switched off" in wiz.welcome.status.text()
        await next_page(qtbot, wiz, PageId.SENDER)
        type_into(qtbot, wiz.sender_page.address.line, LOGIN)
        await next_page(qtbot, wiz, PageId.SERVER)
        type_into(qtbot, wiz.server.host.line, "127.0.0.1")
        type_into(qtbot, wiz.server.port, str(server.port))
        await next_page(qtbot, wiz, PageId.SECURITY)
        click(qtbot, wiz.security._buttons[Security.NONE])
        await next_page(qtbot, wiz, PageId.SECRET)
        click(qtbot, wiz.secret_page.none)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        await next_page(qtbot, wiz, PageId.SUMMARY)
    assert "verifies addresses again" in wiz.summary.notes.text()
    assert "-skip_user_verification = true" in wiz.summary.diff.toPlainText()
