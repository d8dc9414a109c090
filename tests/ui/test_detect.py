"""The Server page's Detect: live discovery with progress, its findings as suggestions, and Cancel."""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dns.asyncresolver
import pytest
import trustme

from tests.discovery.autoconfig_server import DocumentServer, Reply, document, lookups_for, smtp
from tests.discovery.dns_responder import DnsResponder, Zone
from tests.ui.driver import click, next_page, open_wizard, pass_welcome, type_into, until
from tests.ui.servers import local_server
from wizard.core.settings import Security
from wizard.discovery.discover import GUESS_PREFIXES
from wizard.discovery.verify import probe_verifier
from wizard.ui.pages.ids import PageId

ADDRESS = "bom@example.com"
SUBMIT = "submit.example.net"


@pytest.fixture
def submit_tls(tls_ca: tuple[trustme.CA, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca[0].issue_cert(SUBMIT).configure_cert(context)
    return context


@pytest.fixture
def silent_dns() -> Iterator[dns.asyncresolver.Resolver]:
    """A name server on 127.0.0.1 that never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        resolver = dns.asyncresolver.Resolver(configure=False)
        resolver.nameservers = ["127.0.0.1"]
        resolver.port = sock.getsockname()[1]
        yield resolver


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def local_only_verifier(ca_file: Path, known: dict[tuple[str, int], tuple[str, int]]) -> Any:
    """The real probe verifier, with every endpoint discovery may try sent to 127.0.0.1: the known ones to
    test servers, the guesses (smtp./mail./bare domain on 465 and 587) to a closed port."""
    closed = ("127.0.0.1", _closed_port())
    guesses = {(f"{prefix}example.com", port): closed for prefix in GUESS_PREFIXES for port in (465, 587)}
    return probe_verifier(ADDRESS, connect_to={**guesses, **known}, ca_file=ca_file)


async def _to_server_page(qtbot: Any, wiz: Any) -> None:
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, ADDRESS)
    await next_page(qtbot, wiz, PageId.SERVER)


async def test_detect_lists_the_srv_server_as_answered_and_fills_it_in(
    qtbot: Any, tmp_path: Path, submit_tls: ssl.SSLContext, ca_file: Path
) -> None:
    zone = Zone()
    zone.add("_submissions._tcp.example.com", "SRV", f"0 1 465 {SUBMIT}.")
    with local_server("smtps", submit_tls, auth=False) as server, DnsResponder(zone) as dns_server:
        verify = local_only_verifier(ca_file, {(SUBMIT, 465): (server.host, server.port)})
        options = {"resolver": dns_server.resolver(), "verify": verify, "stagger": 0}
        wiz = open_wizard(qtbot, tmp_path / "config.toml", discovery_options=options)
        await _to_server_page(qtbot, wiz)
        click(qtbot, wiz.server.detect)
        assert wiz.server.progress.isVisible() and wiz.server.cancel.isVisible()
        await until(lambda: not wiz.server.progress.isVisible(), timeout=20, what="detection to finish")
    rows = [wiz.server.suggestions.item(i).text() for i in range(wiz.server.suggestions.count())]
    assert any(SUBMIT in row and "465" in row and "answered" in row for row in rows), rows
    wiz.server.suggestions.setCurrentRow(next(i for i, row in enumerate(rows) if SUBMIT in row))
    click(qtbot, wiz.server.use)
    assert (wiz.server.host.text(), wiz.server.port.value()) == (SUBMIT, 465)
    await next_page(qtbot, wiz, PageId.SECURITY)
    assert wiz.security.security() is Security.SMTPS


async def test_cancel_stops_detection_at_once(
    qtbot: Any, tmp_path: Path, silent_dns: dns.asyncresolver.Resolver, ca_file: Path
) -> None:
    options = {"resolver": silent_dns, "verify": local_only_verifier(ca_file, {}), "stagger": 0}
    wiz = open_wizard(qtbot, tmp_path / "config.toml", discovery_options=options)
    await _to_server_page(qtbot, wiz)
    click(qtbot, wiz.server.detect)
    await asyncio.sleep(0.2)
    assert wiz.server.progress.isVisible()
    click(qtbot, wiz.server.cancel)
    await until(lambda: not wiz.server.progress.isVisible(), timeout=5.0, what="detection to stop")
    assert "cancelled" in wiz.server.detect_status.text()
    assert wiz.server.detect.isVisible()


async def test_local_part_login_from_thunderbirds_database_is_filled_in_and_explained(
    qtbot: Any, tmp_path: Path, tls_ca: tuple[trustme.CA, Path], ca_file: Path
) -> None:
    ca = tls_ca[0]
    documents = await DocumentServer(ca).start()
    try:
        documents.routes["/ispdb/v1.1/example.com"] = Reply(
            document(
                smtp("mail.example.com", 587, "STARTTLS", "%EMAILLOCALPART%"),
                smtp("mail.example.com", 2465, "SSL"),
                smtp("smtp.example.com", 465, "SSL"),
            )
        )
        options = {
            "use_dns": False,
            "autoconfig": lookups_for(documents, ca),
            "verify": local_only_verifier(ca_file, {}),
            "stagger": 0,
            "deadline": 3,
        }
        wiz = open_wizard(qtbot, tmp_path / "config.toml", discovery_options=options)
        await _to_server_page(qtbot, wiz)
        click(qtbot, wiz.server.detect)
        await until(lambda: not wiz.server.progress.isVisible(), timeout=20, what="detection to finish")
    finally:
        await documents.close()
    rows = [wiz.server.suggestions.item(i).text() for i in range(wiz.server.suggestions.count())]
    unusable = next(i for i, row in enumerate(rows) if "2465" in row)
    assert "not usable" in rows[unusable]
    assert "only on port 465" in wiz.server.suggestions.item(unusable).toolTip()
    wiz.server.suggestions.setCurrentRow(unusable)
    click(qtbot, wiz.server.use)
    assert wiz.server.host.text() == "" and "only on port 465" in wiz.server.detect_status.text()
    wiz.server.suggestions.setCurrentRow(next(i for i, row in enumerate(rows) if "587" in row))
    click(qtbot, wiz.server.use)
    assert "Thunderbird" in rows[0]
    assert (wiz.server.host.text(), wiz.server.port.value(), wiz.flow.value("user")) == ("mail.example.com", 587, "bom")
    assert wiz.sender_page.not_address.isChecked()  # the Sender page warns: this login is not an address
    assert wiz.server.choice_note.isVisible() and "“bom”" in wiz.server.choice_note.text()
    wiz.grab().save(str(tmp_path / "server-page.png"))
    # Another suggestion whose login is the address undoes what the first one filled in.
    wiz.server.suggestions.setCurrentRow(next(i for i, row in enumerate(rows) if "smtp.example.com" in row))
    click(qtbot, wiz.server.use)
    assert (wiz.flow.value("user"), wiz.sender_page.not_address.isChecked()) == (ADDRESS, False)
    assert not wiz.server.choice_note.isVisible()
