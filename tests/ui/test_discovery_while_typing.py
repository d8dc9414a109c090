"""Discovery while typing on the quick path's Account page (SPEC §6 rev 2): an address whose domain is not in the
provider table is looked up once the user pauses — one lookup however fast they type — and the best verified
suggestion becomes the server of the live test; leaving the page stops the lookup. DNS is a responder on
127.0.0.1; every server discovery may try is on loopback or refused without a connection."""

from __future__ import annotations

import asyncio
import ssl
import tomllib
from pathlib import Path
from typing import Any

import pytest
import trustme
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.discovery.dns_responder import DnsResponder, Zone
from tests.ui.driver import click, open_wizard, probe_finished, type_into, until
from tests.ui.quick import Presses
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core import i18n
from wizard.discovery.candidate import Candidate
from wizard.discovery.verify import Verify, probe_verifier
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard

DOMAIN = LOGIN.partition("@")[2]  # example.com: not in the provider table
SUBMIT = "submit.example.net"
SRV_NAME = f"_submissions._tcp.{DOMAIN}."


@pytest.fixture
def submit_tls(tls_ca: tuple[trustme.CA, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca[0].issue_cert(SUBMIT).configure_cert(context)
    return context


def loopback_verifier(ca_file: Path, known: dict[tuple[str, int], tuple[str, int]]) -> Verify:
    """The real probe verifier for the `known` endpoints (sent to their loopback servers); any other
    candidate (the usual names discovery guesses) counts as not answering, without a connection."""
    real = probe_verifier(LOGIN, connect_to=known, ca_file=ca_file)

    async def verify(candidate: Candidate) -> bool:
        return (candidate.host, candidate.port) in known and await real(candidate)

    return verify


def srv_lookups(dns_server: DnsResponder) -> list[str]:
    """The domains whose submission SRV record was asked for: one per discovery run."""
    return [name for name, rdtype in dns_server.queries if rdtype == "SRV" and name.startswith("_submissions.")]


def typing_wizard(qtbot: Any, config: Path, dns_server: DnsResponder, verify: Verify, **options: Any) -> SetupWizard:
    discovery = {"resolver": dns_server.resolver(), "verify": verify, "stagger": 0, "deadline": 10}
    return open_wizard(qtbot, config, quick=True, live_discovery=True, discovery_options=discovery, **options)


async def type_quickly(qtbot: Any, wiz: SetupWizard, text: str) -> None:
    """Types `text` key by key, 20 ms apart (far below the pause that starts discovery), letting the loop run."""
    line = wiz.sender_page.address.line
    line.setFocus()
    for char in text:
        qtbot.keyClick(line, char)
        await asyncio.sleep(0.02)


async def test_a_pause_after_typing_discovers_the_server_and_the_live_test_uses_it(
    qtbot: Any, tmp_path: Path, submit_tls: ssl.SSLContext, ca_file: Path
) -> None:
    zone = Zone()
    zone.add(SRV_NAME, "SRV", f"0 1 465 {SUBMIT}.")
    config = tmp_path / "config.toml"
    with local_server("smtps", submit_tls) as server, DnsResponder(zone) as dns_server:
        verify = loopback_verifier(ca_file, {(SUBMIT, 465): (server.host, server.port)})
        wiz = typing_wizard(qtbot, config, dns_server, verify, ca_file=ca_file, connect_to=(server.host, server.port))
        presses = Presses(qtbot, wiz)
        await until(wiz.welcome.isComplete, what="the config file to be read")
        await presses.next(PageId.SENDER)
        await type_quickly(qtbot, wiz, LOGIN)
        type_into(qtbot, wiz.sender_page.password, PASSWORD)
        assert not srv_lookups(dns_server)  # nothing looked up while typing
        await until(lambda: SUBMIT in wiz.sender_page.provider.text(), timeout=20, what="the discovered server")
        assert wiz.sender_page.provider.isVisible()
        assert srv_lookups(dns_server) == [SRV_NAME]  # one lookup, for the whole address
        await presses.next(PageId.TEST)  # the discovered server: straight to the live test
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.report.to_json() if wiz.test.report else "no report"
        assert (wiz.flow.answers.host, str(wiz.flow.answers.port)) == (SUBMIT, "465")  # what was tested
        await presses.next(PageId.SUMMARY)
        await presses.next(PageId.DONE)
    assert presses.count == 4
    smtp = tomllib.loads(config.read_text())["smtp"]
    assert (smtp["user"], smtp["endpoint"]) == (LOGIN, SUBMIT)


async def test_typing_fast_starts_no_lookup_per_keystroke_only_one_after_the_pause(
    qtbot: Any, tmp_path: Path, ca_file: Path
) -> None:
    zone = Zone()
    with DnsResponder(zone) as dns_server:
        wiz = typing_wizard(qtbot, tmp_path / "config.toml", dns_server, loopback_verifier(ca_file, {}))
        await until(wiz.welcome.isComplete, what="the config file to be read")
        await Presses(qtbot, wiz).next(PageId.SENDER)
        await type_quickly(qtbot, wiz, LOGIN)
        qtbot.keyClick(wiz.sender_page.address.line, Qt.Key.Key_Backspace)  # and corrects the last letter
        await type_quickly(qtbot, wiz, LOGIN[-1])
        finished = i18n.tr("flow.server.detect_none", count=0)
        await until(lambda: wiz.sender_page.provider.text() == finished, timeout=20, what="discovery to finish")
        assert srv_lookups(dns_server) == [SRV_NAME]


async def test_leaving_the_account_page_stops_a_running_lookup(qtbot: Any, tmp_path: Path, ca_file: Path) -> None:
    zone = Zone()
    zone.silent.add(SRV_NAME)  # the name server never answers: the lookup runs until it is stopped
    with DnsResponder(zone) as dns_server:
        wiz = typing_wizard(qtbot, tmp_path / "config.toml", dns_server, loopback_verifier(ca_file, {}))
        await until(wiz.welcome.isComplete, what="the config file to be read")
        await Presses(qtbot, wiz).next(PageId.SENDER)
        flow = wiz.flow
        await type_quickly(qtbot, wiz, LOGIN)
        running = i18n.tr("flow.server.detecting", address=LOGIN)
        await until(lambda: flow.detect_status == running, timeout=10, what="the lookup to start")
        click(qtbot, wiz.button(QWizard.WizardButton.BackButton))
        assert wiz.currentId() == PageId.WELCOME
        cancelled = i18n.tr("flow.server.detect_cancelled")
        await until(lambda: flow.detect_status == cancelled, timeout=5, what="the lookup to stop")
