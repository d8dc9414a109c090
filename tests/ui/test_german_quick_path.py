"""The German walk over every text the quick path brought (SPEC §6 rev 2): the Account page (provider
recognised, the "login is not my address" option and its warning, the discovery status), the failed test's
links and advice buttons, the Done page's headings, the no-server Summary, and email-validator's reasons for a
refused address — each kind in German. A German text that is exactly the English one of the same page (names,
ports and paths excepted) is a text left untranslated."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from PySide6.QtWidgets import QApplication

from tests.discovery.dns_responder import DnsResponder, Zone
from tests.support.servers import PASSWORD, SmtpServer
from tests.ui.driver import (
    click,
    next_page,
    open_wizard,
    pass_welcome,
    probe_finished,
    type_into,
    until,
    walk_to_test_page,
)
from tests.ui.quick import PROVIDER_ADDRESS, Presses, quick_wizard
from tests.ui.servers import LOGIN, local_server
from tests.ui.servers import PASSWORD as LOCAL_PASSWORD
from tests.ui.test_discovery_while_typing import SRV_NAME, SUBMIT, loopback_verifier, type_quickly
from tests.ui.test_german_walk import diff_lines, page_texts, untranslated
from wizard.core import i18n
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators
from wizard.ui.wizard import SetupWizard

Texts = list[tuple[str, str]]


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def in_language(wiz: SetupWizard, lang: str) -> SetupWizard:
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    return wiz


# Literal values shown as examples, the same in every language: SendGrid's fixed login.
LITERALS = {"apikey"}


def assert_translated(english: dict[str, Texts], german: dict[str, Texts]) -> None:
    assert set(german) == set(english)
    assert all(german.values())
    leftovers = {
        page: [(where, text) for where, text in untranslated(english[page], german[page]) if text not in LITERALS]
        for page in german
    }
    assert not any(leftovers.values()), {page: found for page, found in leftovers.items() if found}


async def quick_walk(qtbot: Any, folder: Path, lang: str, server: SmtpServer) -> dict[str, Texts]:
    """Every page of the quick path in `lang`: a wrong password first (the failed test, its fix link to the
    Secret page), then the right one, up to Done — with a backup made, so every heading of Done shows."""
    seen: dict[str, Texts] = {}
    folder.mkdir()
    config = folder / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = in_language(quick_wizard(qtbot, config, server), lang)
    wiz.activateWindow()
    presses = Presses(qtbot, wiz)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await presses.next(PageId.SENDER)
    account = wiz.sender_page
    seen["account"] = page_texts(wiz)
    type_into(qtbot, account.address.line, PROVIDER_ADDRESS)
    assert account.provider.isVisible()
    seen["account, provider recognised"] = page_texts(wiz)
    click(qtbot, account.not_address)
    assert account.warning.isVisible()
    seen["account, login is not the address"] = page_texts(wiz)
    click(qtbot, account.not_address)
    type_into(qtbot, account.password, "not-the-password")
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert not wiz.test.passed() and wiz.test.change_server.isVisible() and wiz.test.fix.isVisible()
    seen["test, failed"] = page_texts(wiz)
    click(qtbot, wiz.test.details_button)
    seen["test, failed, details"] = page_texts(wiz)
    click(qtbot, wiz.test.fix)  # "Change the password…": the Secret page the quick path skipped
    assert wiz.currentId() == PageId.SECRET
    seen["secret, from the fix link"] = page_texts(wiz)
    type_into(qtbot, wiz.secret_page.secret, PASSWORD)
    await presses.next(PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed(), wiz.test.verdict.text()
    seen["test, passed"] = page_texts(wiz)
    await presses.next(PageId.SUMMARY)
    seen["summary"] = page_texts(wiz) + diff_lines(wiz)
    await presses.next(PageId.DONE)
    done = wiz.done_page
    assert done.written_heading.isVisible() and done.backups_heading.isVisible() and done.next_heading.isVisible()
    seen["done"] = page_texts(wiz)
    wiz.close()
    return seen


async def test_every_page_of_the_quick_path_in_german_shows_no_english_text(
    qtbot: Any, tmp_path: Path, provider_server: Callable[..., SmtpServer], back_to_english: None
) -> None:
    server = provider_server()
    english = await quick_walk(qtbot, tmp_path / "en", "en", server)
    german = await quick_walk(qtbot, tmp_path / "de", "de", server)
    assert_translated(english, german)


async def no_server_walk(qtbot: Any, folder: Path, lang: str) -> dict[str, Texts]:
    """The no-server path in `lang`: Welcome with the warning, the Summary, Done."""
    folder.mkdir()
    config = folder / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    wiz = in_language(open_wizard(qtbot, config, quick=True), lang)
    await until(wiz.welcome.isComplete, what="the config file to be read")
    click(qtbot, wiz.welcome.skip)
    seen = {"welcome, no mail server": page_texts(wiz)}
    await next_page(qtbot, wiz, PageId.SUMMARY)
    seen["summary, no mail server"] = page_texts(wiz) + diff_lines(wiz)
    await next_page(qtbot, wiz, PageId.DONE)
    seen["done, no mail server"] = page_texts(wiz)
    wiz.close()
    return seen


async def test_the_no_server_summary_and_done_in_german_show_no_english_text(
    qtbot: Any, tmp_path: Path, back_to_english: None
) -> None:
    english = await no_server_walk(qtbot, tmp_path / "en", "en")
    german = await no_server_walk(qtbot, tmp_path / "de", "de")
    assert_translated(english, german)


async def relay_without_login(qtbot: Any, folder: Path, lang: str) -> dict[str, Texts]:
    """A local relay that offers no login, tried with a password: the advice and "Retry without a password"."""
    folder.mkdir()
    with local_server("none", auth=False) as server:
        wiz = in_language(open_wizard(qtbot, folder / "config.toml"), lang)
        await walk_to_test_page(qtbot, wiz, server.host, server.port, "none", LOCAL_PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.no_password.isVisible()
        seen = {"test, relay without login": page_texts(wiz)}
    wiz.close()
    return seen


async def test_the_advice_buttons_in_german_show_no_english_text(
    qtbot: Any, tmp_path: Path, back_to_english: None
) -> None:
    english = await relay_without_login(qtbot, tmp_path / "en", "en")
    german = await relay_without_login(qtbot, tmp_path / "de", "de")
    assert_translated(english, german)


@pytest.fixture
def submit_tls(tls_ca: tuple[trustme.CA, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca[0].issue_cert(SUBMIT).configure_cert(context)
    return context


async def discovered(qtbot: Any, folder: Path, lang: str, ca_file: Path, server: Any) -> dict[str, Texts]:
    """The Account page while discovery runs and once it found the server (SRV on a loopback name server)."""
    folder.mkdir()
    zone = Zone()
    zone.add(SRV_NAME, "SRV", f"0 1 465 {SUBMIT}.")
    with DnsResponder(zone) as dns_server:
        verify = loopback_verifier(ca_file, {(SUBMIT, 465): (server.host, server.port)})
        options = {"resolver": dns_server.resolver(), "verify": verify, "stagger": 0, "deadline": 10}
        wiz = open_wizard(qtbot, folder / "config.toml", quick=True, live_discovery=True, discovery_options=options)
        in_language(wiz, lang)
        await until(wiz.welcome.isComplete, what="the config file to be read")
        await Presses(qtbot, wiz).next(PageId.SENDER)
        await type_quickly(qtbot, wiz, LOGIN)
        flow = wiz.flow
        await until(lambda: bool(flow.detect_status), timeout=10, what="discovery to start")
        seen = {"account, discovery status": [("status", flow.detect_status)]}
        await until(lambda: SUBMIT in wiz.sender_page.provider.text(), timeout=20, what="the discovered server")
        seen["account, server discovered"] = page_texts(wiz)
    wiz.close()
    return seen


async def test_the_discovery_status_in_german_shows_no_english_text(
    qtbot: Any, tmp_path: Path, submit_tls: ssl.SSLContext, ca_file: Path, back_to_english: None
) -> None:
    with local_server("smtps", submit_tls) as server:
        english = await discovered(qtbot, tmp_path / "en", "en", ca_file, server)
        german = await discovered(qtbot, tmp_path / "de", "de", ca_file, server)
    assert_translated(english, german)


# One address per kind of email-validator's reason that a typed address can reach (wizard/core/address_reasons.py;
# "non_ascii" needs allow_smtputf8=False and "other" an unknown reason: tests/core/test_address_reasons.py).
REASON_KINDS = {
    "a b@example.com": "validation.reason.characters_named",
    "a,b@example.com": "validation.reason.characters_named",
    ".a@example.com": "validation.reason.dots",
    "a..b@example.com": "validation.reason.dots",
    "x" * 250 + "@example.com": "validation.reason.too_long",
    '"a b"@example.com': "validation.reason.quoted",
    "<a@example.com": "validation.reason.display_name",
    "bomexample.com": "validation.reason.no_at",
    "@example.com": "validation.reason.empty_part",
    "a@[not-an-ip]": "validation.reason.domain",
}


def kind_text(message_id: str, lang: str) -> str:
    """The catalogue's text of a reason kind in `lang`, up to its first placeholder."""
    i18n.set_language(lang)
    try:
        return i18n.tr(message_id, characters="\0").partition("\0")[0]
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(("address", "kind"), REASON_KINDS.items(), ids=lambda v: repr(v)[:24])
async def test_each_kind_of_refused_address_is_explained_in_german(
    qtbot: Any, tmp_path: Path, address: str, kind: str, back_to_english: None
) -> None:
    wiz = in_language(open_wizard(qtbot, tmp_path / "config.toml", quick=True), "de")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, address)
    message = wiz.sender_page.address.error() or ""
    assert "ist keine gültige E-Mail-Adresse" in message, message
    assert kind_text(kind, "de") in message, message
    assert kind_text(kind, "en") not in message
    assert not any(word in message for word in ("@-sign", "email address", "period", "quoting")), message
