"""Reading autoconfig documents (untrusted XML) and the pieces of the lookup: the hardened parser, the
placeholders, the MX host's base domain, and the HTTPS client's limits against the local server."""

from __future__ import annotations

import ssl

import pytest
import trustme

from tests.discovery.autoconfig_server import DocumentServer, Reply, document, smtp
from tests.discovery.dns_responder import DnsResponder, Zone
from wizard.discovery.autoconfig import base_domain
from wizard.discovery.autoconfig_xml import (
    MAX_SERVERS,
    AutoconfigDocumentError,
    OutgoingServer,
    fill_in,
    outgoing_servers,
)
from wizard.discovery.https_fetch import FetchError, HttpsFetcher

ADDRESS = "alice@example.com"


def test_only_smtp_outgoing_servers_are_read_in_document_order() -> None:
    doc = document(smtp("a.example.com", 465, "SSL"), smtp("b.example.com", 587, "starttls", "%EMAILLOCALPART%"))
    assert outgoing_servers(doc, ADDRESS) == [
        OutgoingServer("a.example.com", 465, "SSL", ADDRESS, "%EMAILADDRESS%", ("password-cleartext",)),
        OutgoingServer("b.example.com", 587, "STARTTLS", "alice", "%EMAILLOCALPART%", ("password-cleartext",)),
    ]


def test_only_the_first_few_servers_of_a_document_count() -> None:
    doc = document(*(smtp(f"s{i}.example.com", 465, "SSL") for i in range(200)))
    assert [s.hostname for s in outgoing_servers(doc, ADDRESS)] == [f"s{i}.example.com" for i in range(MAX_SERVERS)]


def test_placeholders_are_filled_from_the_address() -> None:
    assert fill_in("%EMAILLOCALPART%+x@%EMAILDOMAIN% %EMAILADDRESS%", ADDRESS) == "alice+x@example.com " + ADDRESS


@pytest.mark.parametrize(
    "entry",
    [
        "<hostname>a.example.com</hostname><port>465</port>",  # no socketType
        "<hostname>a.example.com</hostname><port>x</port><socketType>SSL</socketType>",
        "<hostname>a.example.com</hostname><port>70000</port><socketType>SSL</socketType>",
        "<port>465</port><socketType>SSL</socketType>",  # no hostname
        "<hostname>a.example.com</hostname><port>465</port><socketType>TLS1.3</socketType>",
    ],
)
def test_incomplete_entries_are_skipped(entry: str) -> None:
    server = f'<outgoingServer type="smtp">{entry}</outgoingServer>'
    doc = f'<clientConfig><emailProvider id="x">{server}</emailProvider></clientConfig>'
    assert outgoing_servers(doc.encode(), ADDRESS) == []


@pytest.mark.parametrize(
    "doc",
    [
        b'<?xml version="1.0"?><!DOCTYPE clientConfig [<!ENTITY x "y">]><clientConfig>&x;</clientConfig>',
        b'<?xml version="1.0"?><!DOCTYPE clientConfig [<!ENTITY x SYSTEM "file:///etc/passwd">]><clientConfig>&x;</clientConfig>',
        b'<?xml version="1.0"?><!DOCTYPE clientConfig SYSTEM "https://127.0.0.1:1/x.dtd"><clientConfig/>',
        b"<clientConfig><emailProvider>",  # not well-formed
        b"<html><body>Not found</body></html>",  # a web server's error page with status 200
        b"\xff\xfe garbage",
    ],
)
def test_hostile_or_foreign_documents_are_refused(doc: bytes) -> None:
    with pytest.raises(AutoconfigDocumentError):
        outgoing_servers(doc, ADDRESS)


def test_predefined_character_references_are_fine() -> None:
    doc = document(smtp("a.example.com", 465, "SSL", "%EMAILLOCALPART%&amp;co"))
    assert outgoing_servers(doc, ADDRESS)[0].username == "alice&co"


@pytest.mark.parametrize(
    ("host", "base"),
    [
        ("aspmx.l.google.com", "google.com"),
        ("mx01.mail.hoster.co.uk", "hoster.co.uk"),
        ("mx.example.com.au", "example.com.au"),
        ("mx00.ionos.de", "ionos.de"),
        ("MX.Example.COM.", "example.com"),
        ("example.de", "example.de"),
    ],
)
def test_base_domain_of_an_mx_host(host: str, base: str) -> None:
    assert base_domain(host) == base


def _fetcher(ca: trustme.CA, **options: float) -> HttpsFetcher:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return HttpsFetcher(context=context, **options)  # type: ignore[arg-type]


async def test_fetch_returns_the_body_of_a_200(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes["/doc"] = Reply(b"<clientConfig/>")
    assert await _fetcher(ca).get(f"{documents.base}/doc") == b"<clientConfig/>"


async def test_fetch_refuses_plain_http_urls(ca: trustme.CA) -> None:
    with pytest.raises(FetchError, match="not https"):
        await _fetcher(ca).get("http://127.0.0.1:1/doc")


async def test_fetch_reports_not_found(documents: DocumentServer, ca: trustme.CA) -> None:
    with pytest.raises(FetchError, match="status 404"):
        await _fetcher(ca).get(f"{documents.base}/missing")


async def test_fetch_enforces_the_size_limit(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes["/big"] = Reply(b"x" * 2048)
    with pytest.raises(FetchError, match="too large"):
        await _fetcher(ca, max_bytes=1024).get(f"{documents.base}/big")


async def test_fetch_gives_up_at_its_timeout(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes["/slow"] = Reply(b"<clientConfig/>", delay=30)
    with pytest.raises(FetchError, match="timeout"):
        await _fetcher(ca, timeout=0.3).get(f"{documents.base}/slow")


async def test_fetch_refuses_a_redirect_to_plain_http(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes["/r"] = Reply(status=308, headers={"Location": "http://127.0.0.1:1/doc"})
    with pytest.raises(FetchError, match="not https"):
        await _fetcher(ca).get(f"{documents.base}/r")


async def test_fetch_resolves_host_names_with_the_injected_resolver_and_checks_the_name(
    ca: trustme.CA, zone: Zone, dns_server: DnsResponder
) -> None:
    zone.add("autoconfig.example.com", "A", "127.0.0.1")
    zone.add("autoconfig.example.org", "A", "127.0.0.1")
    server = await DocumentServer(ca, names=("autoconfig.example.com",)).start()
    try:
        server.routes["/doc"] = Reply(b"<clientConfig/>")
        context = ssl.create_default_context()
        ca.configure_trust(context)
        fetcher = HttpsFetcher(context=context, resolver=dns_server.resolver())
        assert await fetcher.get(f"https://autoconfig.example.com:{server.port}/doc") == b"<clientConfig/>"
        with pytest.raises(FetchError, match="SSLCertVerificationError"):  # same server, a name it has no cert for
            await fetcher.get(f"https://autoconfig.example.org:{server.port}/doc")
        with pytest.raises(FetchError, match="no address"):
            await fetcher.get(f"https://autoconfig.example.net:{server.port}/doc")
    finally:
        await server.close()
