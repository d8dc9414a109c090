"""The Qt wizard presents the flow's compose `hostname:` offer on the Test page (SPEC §12 rev 3): the field
pre-filled with a fully-qualified name, "Set hostname: … and test again" retesting with that EHLO name, the
Summary's compose diff, the written file — offscreen, against a loopback relay that refuses bare EHLO names,
with the real Docker Compose binary on PATH; in English and German, one mnemonic per letter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.deployment.engine import put_engine_on_path
from tests.deployment.layouts import COMPOSE_PASSED_HOST_NET, make_project
from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer
from tests.ui.driver import click, next_page, open_wizard, probe_finished, type_into, until, walk_to_test_page
from tests.ui.mnemonics import duplicates
from wizard.core import i18n
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators


@pytest.fixture
def strict_relay(server_loop: LoopThread) -> Iterator[ScriptedServer]:
    server = ScriptedServer(server_loop, Script(helo_fqdn_required=True))
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")
    monkeypatch.delenv("SMTP_SECRET", raising=False)


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


async def _failed_test_page(qtbot: Any, tmp_path: Path, relay: ScriptedServer, lang: str = "en") -> Any:
    project = make_project(tmp_path, COMPOSE_PASSED_HOST_NET)
    wiz = open_wizard(qtbot, project.config)
    if lang != "en":
        wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    await walk_to_test_page(qtbot, wiz, "127.0.0.1", relay.port, "none", None)
    await probe_finished(wiz)
    assert not wiz.test.passed()
    return wiz


async def test_the_test_page_shows_the_prefilled_field_and_the_set_button(
    qtbot: Any, tmp_path: Path, strict_relay: ScriptedServer
) -> None:
    wiz = await _failed_test_page(qtbot, tmp_path, strict_relay)
    page = wiz.test
    assert page.hostname.isVisible() and "bomnipotent_server" in page.hostname_label.text().replace("&", "")
    assert page.hostname.text() == wiz.flow.answers.hostname and "." in page.hostname.text()
    assert page.set_hostname.isVisible() and not page.unset_hostname.isVisible()
    assert "Set hostname: " in page.set_hostname.text().replace("&", "")
    assert not duplicates(wiz)


async def test_typing_a_name_and_setting_it_retests_passes_and_shows_it_in_the_summary_diff(
    qtbot: Any, tmp_path: Path, strict_relay: ScriptedServer
) -> None:
    wiz = await _failed_test_page(qtbot, tmp_path, strict_relay)
    page = wiz.test
    type_into(qtbot, page.hostname.line, "mail.example.com")
    assert "mail.example.com" in page.set_hostname.text().replace("&", "")
    click(qtbot, page.set_hostname)
    await until(lambda: not page.running() and page.passed(), timeout=30, what="the test with the new name")
    assert "EHLO mail.example.com" in strict_relay.lines
    assert page.unset_hostname.isVisible() and not page.set_hostname.isVisible()
    assert "hostname: mail.example.com" in page.report_note.text()
    assert not duplicates(wiz)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    assert "+    hostname: mail.example.com" in wiz.summary.diff.toPlainText()
    await next_page(qtbot, wiz, PageId.DONE)
    assert "    hostname: mail.example.com\n" in (tmp_path / "stack" / "compose.yaml").read_text()


async def test_a_name_without_a_dot_is_refused_at_the_field_and_offers_no_button(
    qtbot: Any, tmp_path: Path, strict_relay: ScriptedServer
) -> None:
    wiz = await _failed_test_page(qtbot, tmp_path, strict_relay)
    type_into(qtbot, wiz.test.hostname.line, "mail")
    assert wiz.test.hostname.message.isVisible() and "fully-qualified" in wiz.test.hostname.message.text()
    assert not wiz.test.set_hostname.isVisible()


async def test_the_offer_in_german(
    qtbot: Any, tmp_path: Path, strict_relay: ScriptedServer, back_to_english: None
) -> None:
    wiz = await _failed_test_page(qtbot, tmp_path, strict_relay, "de")
    page = wiz.test
    assert "Rechnername für den Dienst „bomnipotent_server“" in page.hostname_label.text().replace("&", "")
    assert "setzen und erneut testen" in page.set_hostname.text().replace("&", "")
    assert not duplicates(wiz)
    click(qtbot, page.set_hostname)
    await until(lambda: not page.running() and page.passed(), timeout=30, what="the test with the new name")
    assert "unverändert lassen" in page.unset_hostname.text().replace("&", "")
    assert not duplicates(wiz)
