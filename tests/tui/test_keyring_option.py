"""The terminal wizard's Secret page offers the system keyring as the GUI does: "also remember it" only when
a usable keyring exists (else one sentence why not, instead of a dead control), the secret stored after
writing, and offered again next time — with a real file-based keyring in a tmp folder, a real server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from keyring.backends.fail import Keyring as NoKeyring
from keyrings.alt.file import PlaintextKeyring
from textual.pilot import Pilot
from textual.widgets import Button

from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, screen_text, type_into, until, wizard
from wizard.core.keyring_store import SERVICE, account
from wizard.flow import PageId
from wizard.tui.app import WizardApp


def file_keyring(tmp_path: Path) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    return backend


async def to_secret_page(app: WizardApp, pilot: Pilot[int], port: int) -> None:
    await enter(app, pilot, PageId.ACCOUNT)
    await type_into(app, pilot, "user", LOGIN)
    await enter(app, pilot, PageId.SERVER)
    await type_into(app, pilot, "host", "127.0.0.1")
    await type_into(app, pilot, "port", str(port))
    await enter(app, pilot, PageId.SECURITY)
    await enter(app, pilot, PageId.SECRET)


async def test_without_a_usable_keyring_the_secret_page_says_why_instead_of_offering_it(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    options = {"ca_file": server.ca_file, "quick": False, "keyring_backend": NoKeyring()}
    async with wizard(tmp_path / "config.toml", **options) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await until(pilot, lambda: app.flow.keyring.status is not None, what="the keyring to be asked")
        await pilot.pause()
        assert not app.screen.query("#q-remember")
        assert "No system keyring is available on this computer" in page_text(app)
        assert "not offered" in page_text(app)


async def test_a_plaintext_keyring_is_not_offered_and_the_reason_says_so(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    options = {"ca_file": server.ca_file, "quick": False, "keyring_backend": file_keyring(tmp_path)}
    async with wizard(tmp_path / "config.toml", **options) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await until(pilot, lambda: app.flow.keyring.status is not None, what="the keyring to be asked")
        await pilot.pause()
        assert not app.screen.query("#q-remember")
        assert "unencrypted" in page_text(app)


async def test_remembered_secret_is_stored_after_writing_and_offered_next_time(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    backend = file_keyring(tmp_path)
    options = {"ca_file": server.ca_file, "quick": False, "keyring_backend": backend, "keyring_allow_insecure": True}
    async with wizard(tmp_path / "config.toml", **options) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await until(pilot, lambda: app.screen.query("#q-remember"), what="the keyring option")
        await type_into(app, pilot, "secret", PASSWORD)
        app.screen.query_one("#q-remember").focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.flow.answers.remember
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
        await until(pilot, lambda: backend.file_path in page_text(app), what="the keyring to be written")
        assert backend.get_password(SERVICE, account(LOGIN, "127.0.0.1")) == PASSWORD
        assert PASSWORD not in screen_text(app)

    elsewhere = tmp_path / "elsewhere"  # no .env there, so nothing to keep: the keyring is the offer
    elsewhere.mkdir()
    async with wizard(elsewhere / "config.toml", **options) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await until(pilot, lambda: app.screen.query("#action-use_remembered"), what="the remembered password")
        assert app.flow.answers.secret == ""
        app.screen.query_one("#action-use_remembered", Button).press()
        await until(pilot, lambda: app.flow.answers.secret == PASSWORD, what="the remembered password to be used")
        assert PASSWORD not in screen_text(app)  # masked like a typed one
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()


async def test_nothing_is_stored_in_the_keyring_unless_asked(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    backend = file_keyring(tmp_path)
    options = {"ca_file": server.ca_file, "quick": False, "keyring_backend": backend, "keyring_allow_insecure": True}
    async with wizard(tmp_path / "config.toml", **options) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await until(pilot, lambda: app.screen.query("#q-remember"), what="the keyring option")
        await type_into(app, pilot, "secret", PASSWORD)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
        await pilot.pause(0.3)
        assert "keyring" not in page_text(app).lower()
    assert backend.get_password(SERVICE, account(LOGIN, "127.0.0.1")) is None
