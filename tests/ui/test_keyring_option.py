"""The optional "remember in the system keyring": offered only for a usable keyring, stored after the files
are written, offered again next time."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from keyrings.alt.file import PlaintextKeyring

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, until
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core.keyring_store import SERVICE, account
from wizard.ui.pages.ids import PageId


async def _to_secret(qtbot: Any, wiz: Any) -> None:
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "localhost")
    await next_page(qtbot, wiz, PageId.SECURITY)
    await next_page(qtbot, wiz, PageId.SECRET)


async def test_keyring_option_is_off_with_the_reason_when_no_keyring_is_usable(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")  # the driver's default: a keyring that stores nothing
    await _to_secret(qtbot, wiz)
    await until(lambda: wiz.secret_page.keyring_note.text(), what="the keyring to be asked")
    assert not wiz.secret_page.remember.isVisible()  # not offered: the reason stands instead
    assert ".env" in wiz.secret_page.keyring_note.text()


async def test_remembered_secret_is_stored_after_writing_and_offered_next_time(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    with local_server("smtps", server_tls) as server:
        options = {
            "ca_file": ca_file,
            "connect_to": (server.host, server.port),
            "keyring_backend": backend,
            "keyring_allow_insecure": True,
        }
        wiz = open_wizard(qtbot, tmp_path / "config.toml", **options)
        await _to_secret(qtbot, wiz)
        await until(wiz.secret_page.remember.isVisible, what="the keyring option")
        type_into(qtbot, wiz.secret_page.secret, PASSWORD)
        click(qtbot, wiz.secret_page.remember)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        await next_page(qtbot, wiz, PageId.SUMMARY)
        await next_page(qtbot, wiz, PageId.DONE)
        await until(lambda: backend.file_path in wiz.done_page.keyring.text(), what="the keyring to be written")
        assert backend.get_password(SERVICE, account(LOGIN, "localhost")) == PASSWORD

        elsewhere = tmp_path / "elsewhere"  # no .env there, so nothing to keep: the keyring is the offer
        elsewhere.mkdir()
        again = open_wizard(qtbot, elsewhere / "config.toml", **options)
        await _to_secret(qtbot, again)
        await until(again.secret_page.use_remembered.isVisible, what="the remembered password to be offered")
        click(qtbot, again.secret_page.use_remembered)
        await next_page(qtbot, again, PageId.TEST)
        await probe_finished(again)
        assert again.test.passed(), again.test.verdict.text()
