"""The terminal wizard's Test page shares the report as the GUI's "Copy report" does — to the terminal's
clipboard (OSC 52), which not every terminal accepts — and also saves it to a file whose path it shows:
AUTH redacted, never the secret. A real server on loopback, real files."""

from __future__ import annotations

import base64
import stat
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button

from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, type_into, until, wizard
from wizard.flow import PageId
from wizard.tui.app import WizardApp


def secret_forms() -> list[str]:
    """The secret as it could leak: plain, and inside AUTH PLAIN's and AUTH LOGIN's base64."""
    plain = base64.b64encode(f"\0{LOGIN}\0{PASSWORD}".encode()).decode()
    return [PASSWORD, plain, base64.b64encode(PASSWORD.encode()).decode()]


async def to_test_page(app: WizardApp, pilot: Pilot[int], server: SmtpServer, password: str) -> None:
    await enter(app, pilot, PageId.ACCOUNT)
    await type_into(app, pilot, "user", LOGIN)
    await enter(app, pilot, PageId.SERVER)
    await type_into(app, pilot, "host", "127.0.0.1")
    await type_into(app, pilot, "port", str(server.port))
    await enter(app, pilot, PageId.SECURITY)
    await enter(app, pilot, PageId.SECRET)
    await type_into(app, pilot, "secret", password)
    await enter(app, pilot, PageId.TEST)


async def test_save_report_writes_it_next_to_the_config_without_the_secret_and_shows_where(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_test_page(app, pilot, server, PASSWORD)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        app.screen.query_one("#save-report", Button).press()
        await until(pilot, lambda: app.flow.report_file.path is not None, what="the report to be saved")
        await pilot.pause()
        saved = app.flow.report_file.path
        assert saved is not None and saved.parent == tmp_path
        assert str(saved) in page_text(app)
    text = saved.read_text(encoding="utf-8")
    assert "AUTH" in text and "127.0.0.1" in text and LOGIN in text
    assert not [form for form in secret_forms() if form in text]
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


async def test_the_report_of_a_refused_password_holds_neither_the_typed_password_nor_its_auth_exchange(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    wrong = "Wr0ng but secret:value!"
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_test_page(app, pilot, server, wrong)
        await probe_finished(app, pilot)
        assert not app.flow.test_passed()
        app.screen.query_one("#save-report", Button).press()
        await until(pilot, lambda: app.flow.report_file.path is not None, what="the report to be saved")
        saved = app.flow.report_file.path
    assert saved is not None
    text = saved.read_text(encoding="utf-8")
    assert "535" in text or "auth" in text.lower()  # the refusal is in it
    assert wrong not in text and base64.b64encode(f"\0{LOGIN}\0{wrong}".encode()).decode() not in text


async def test_copy_report_sends_it_to_the_terminal_clipboard_and_says_saving_always_works(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_test_page(app, pilot, server, PASSWORD)
        await probe_finished(app, pilot)
        app.screen.query_one("#copy-report", Button).press()
        await until(pilot, lambda: app.clipboard, what="the report on the clipboard")
        await pilot.pause()
        assert app.clipboard == app.flow.shareable_report()
        assert "AUTH" in app.clipboard and not [form for form in secret_forms() if form in app.clipboard]
        assert "Save report" in page_text(app)  # the note names the way that works on every terminal
    assert not list(tmp_path.glob("smtp-wizard-report-*"))  # copying writes no file


async def test_report_buttons_appear_only_once_there_is_a_report(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls", stall_at="MAIL")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False, probe_timeout=30) as (app, pilot):
        await to_test_page(app, pilot, server, PASSWORD)
        await until(pilot, lambda: app.flow.test is not None and not app.flow.test.finished, what="the test to run")
        assert not app.screen.query_one("#save-report", Button).display
        assert not app.screen.query_one("#copy-report", Button).display
        app.screen.query_one("#cancel-test", Button).press()
        await probe_finished(app, pilot)
        assert app.screen.query_one("#save-report", Button).display
