"""The main journeys on the quick path, the production default (SPEC §6 rev 2): the demo end to end, an existing
config with its secret kept, a failed test mended through its fix link — real loopback servers, real files."""

from __future__ import annotations

import ssl
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from tests.support.servers import PASSWORD, SmtpServer
from tests.ui.driver import click, open_wizard, probe_finished, type_into, until
from tests.ui.quick import PROVIDER_ADDRESS, PROVIDER_HOST, Presses, quick_wizard
from tests.ui.servers import LOGIN, local_server
from tests.ui.servers import PASSWORD as LOCAL_PASSWORD  # what the local servers accept for LOGIN
from wizard.core import dotenv
from wizard.core.env_file import read_env
from wizard.core.settings import SecretSource
from wizard.demo.environment import DemoEnvironment
from wizard.ui.pages.ids import PageId

EXISTING = """\
# my server
domain = "https://bom.example.org"

[smtp]
user = "bom@example.com"
endpoint = "smtp://127.0.0.1:{port}?tls=required"
secret = "${{MAIL_PASSWORD}}"
"""


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    environment = DemoEnvironment()
    yield environment
    environment.close()


async def test_the_demo_on_the_quick_path_writes_after_four_presses_and_shows_the_mail(
    qtbot: Any, demo: DemoEnvironment
) -> None:
    await demo.start()
    wiz = open_wizard(qtbot, demo.config_path, demo=demo, quick=True)
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    assert wiz.sender_page.password.isVisible()  # the Account page of the quick path
    await presses.next(PageId.TEST)  # the demo's server is known: straight to the live test
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.report.to_json() if wiz.test.report else "no report"
    await presses.next(PageId.SUMMARY)
    await presses.next(PageId.DONE)
    assert presses.count == 4
    assert wiz.done_page.mail.isVisible() and "Subject:" in wiz.done_page.mail.toPlainText()
    smtp = tomllib.loads(demo.config_path.read_text())["smtp"]
    assert smtp["endpoint"] == f"smtp://127.0.0.1:{demo.server.port}?tls=required"  # STARTTLS, with a login
    click(qtbot, wiz.button(QWizard.WizardButton.FinishButton))


async def test_an_existing_config_on_the_quick_path_is_tested_with_its_kept_secret_never_shown(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("starttls", server_tls) as server:
        config = tmp_path / "config.toml"
        config.write_text(EXISTING.format(port=server.port))
        (tmp_path / ".env").write_text(dotenv.set_variable("OTHER=1\n", "MAIL_PASSWORD", LOCAL_PASSWORD).text)
        (tmp_path / ".env").chmod(0o600)
        env_before = (tmp_path / ".env").read_bytes()
        wiz = open_wizard(qtbot, config, ca_file=ca_file, quick=True)
        presses = Presses(qtbot, wiz)
        await until(wiz.welcome.isComplete, what="the config file to be read")
        await presses.next(PageId.SENDER)
        account = wiz.sender_page
        assert account.address.text() == LOGIN  # pre-filled from the file
        assert account.password.text() == ""  # the kept secret is never put into a widget
        await presses.next(PageId.TEST)  # the existing server: straight to the live test
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.report.to_json() if wiz.test.report else "no report"
        assert wiz.secret_page.source() is SecretSource.KEEP
        await presses.next(PageId.SUMMARY)
        assert "keeps MAIL_PASSWORD" in wiz.summary.env.text()
        await presses.next(PageId.DONE)
    assert presses.count == 4
    assert (tmp_path / ".env").read_bytes() == env_before
    assert 'secret = "${MAIL_PASSWORD}"' in config.read_text()


async def test_a_failed_test_on_the_quick_path_is_mended_through_its_fix_link_and_written(
    qtbot: Any, tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    server = provider_server()
    config = tmp_path / "config.toml"
    wiz = quick_wizard(qtbot, config, server)
    wiz.activateWindow()
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    type_into(qtbot, wiz.sender_page.address.line, PROVIDER_ADDRESS)
    type_into(qtbot, wiz.sender_page.password, "not-the-password")
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert not wiz.test.passed()
    assert not config.exists()  # nothing written after a failed test
    click(qtbot, wiz.test.fix)  # "Change the password…": the Secret page the quick path skipped
    assert wiz.currentId() == PageId.SECRET
    await until(lambda: QApplication.focusWidget() is wiz.secret_page.secret, timeout=2, what="the password field")
    type_into(qtbot, wiz.secret_page.secret, PASSWORD)
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.report.to_json() if wiz.test.report else "no report"
    await presses.next(PageId.SUMMARY)
    await presses.next(PageId.DONE)
    smtp = tomllib.loads(config.read_text())["smtp"]
    assert smtp == {"user": PROVIDER_ADDRESS, "endpoint": PROVIDER_HOST, "secret": "${SMTP_SECRET}"}
    assert read_env(tmp_path / ".env").value("SMTP_SECRET") == PASSWORD
