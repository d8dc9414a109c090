"""Autoconfig as Thunderbird does it, against a real HTTPS server on 127.0.0.1 with injected base URLs: the
domain's own documents, the ISPDB by domain and by the MX host's base domain, what each entry becomes, and
every way a lookup must fail quietly (plain-HTTP redirects, huge documents, entities, slow servers)."""

from __future__ import annotations

import ssl
import time

import trustme

from tests.discovery.autoconfig_server import DocumentServer, Reply, document, lookups_for, smtp
from tests.discovery.dns_responder import DnsResponder, Zone
from tests.discovery.local_smtp import LocalChecker, LocalServers
from wizard.core.settings import Security
from wizard.discovery import Source, discover
from wizard.discovery.autoconfig import AutoconfigLookups, AutoconfigUrls
from wizard.discovery.candidate import Unusable
from wizard.discovery.discover import https_lookups
from wizard.discovery.https_fetch import HttpsFetcher

ADDRESS = "alice@example.com"
DOMAIN_DOC = "/autoconfig/example.com/mail/config-v1.1.xml?emailaddress=alice@example.com"
WELL_KNOWN = "/wellknown/example.com/.well-known/autoconfig/mail/config-v1.1.xml"
ISPDB = "/ispdb/v1.1/example.com"


async def _discover(documents: DocumentServer, ca: trustme.CA, checker: LocalChecker, **options: object) -> list:
    options.setdefault("deadline", 5)
    return await discover(
        ADDRESS,
        use_dns=False,
        verify=checker,
        autoconfig=lookups_for(documents, ca),
        **options,  # type: ignore[arg-type]
    )


def _rows(found: list) -> list[tuple[object, ...]]:
    return [(c.host, c.port, c.security, c.source, c.verified) for c in found]


# -- what the domain publishes -------------------------------------------------------------------------------


async def test_domain_document_entries_are_verified_and_marked_published_by_the_domain(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("smtp.example.com", 465, "SSL")))
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    found = await _discover(documents, ca, checker)
    assert _rows(found) == [("smtp.example.com", 465, Security.SMTPS, Source.AUTOCONFIG, True)]
    assert found[0].login == ADDRESS and found[0].login_form == "address"
    assert documents.requests[0] == DOMAIN_DOC  # the address is sent to the domain's own server only


async def test_ssl_and_starttls_entries_become_implicit_tls_and_starttls_in_document_order(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(
        document(smtp("mail.example.com", 587, "STARTTLS"), smtp("mail.example.com", 465, "SSL"))
    )
    routes = {
        ("mail.example.com", 587): await servers.starttls(),
        ("mail.example.com", 465): await servers.implicit_tls(),
    }
    found = await _discover(documents, ca, LocalChecker(routes, ca))
    assert _rows(found) == [
        ("mail.example.com", 465, Security.SMTPS, Source.AUTOCONFIG, True),  # RFC 8314: implicit TLS first
        ("mail.example.com", 587, Security.STARTTLS, Source.AUTOCONFIG, True),
    ]


async def test_several_outgoing_servers_are_all_offered(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(
        document(smtp("smtp.example.com", 465, "SSL"), smtp("submit.example.net", 587, "STARTTLS"))
    )
    routes = {("submit.example.net", 587): await servers.starttls()}
    found = await _discover(documents, ca, LocalChecker(routes, ca), deadline=3)
    assert _rows(found) == [
        ("submit.example.net", 587, Security.STARTTLS, Source.AUTOCONFIG, True),
        ("smtp.example.com", 465, Security.SMTPS, Source.AUTOCONFIG, False),  # shown, did not answer
    ]


async def test_well_known_document_is_asked_too(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[WELL_KNOWN] = Reply(document(smtp("mail.example.com", 465, "SSL")))
    checker = LocalChecker({("mail.example.com", 465): await servers.implicit_tls()}, ca)
    found = await _discover(documents, ca, checker)
    assert _rows(found) == [("mail.example.com", 465, Security.SMTPS, Source.AUTOCONFIG, True)]


async def test_local_part_login_is_filled_in(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("smtp.example.com", 465, "SSL", "%EMAILLOCALPART%")))
    [candidate] = await _discover(documents, ca, LocalChecker({}, ca), deadline=2)
    assert (candidate.login, candidate.login_form) == ("alice", "local-part")


async def test_literal_username_from_the_domain_is_kept(documents: DocumentServer, ca: trustme.CA) -> None:
    # A domain's own server may map an alias to its real login (the ISPDB how-to's "hero" -> "fred").
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("smtp.example.com", 465, "SSL", "xyz00-alice")))
    [candidate] = await _discover(documents, ca, LocalChecker({}, ca), deadline=2)
    assert (candidate.login, candidate.login_form) == ("xyz00-alice", "literal")


async def test_emaildomain_in_the_host_name_is_filled_in(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(
        document(smtp("smtp.%EMAILDOMAIN%", 465, "SSL", "%EMAILLOCALPART%@%EMAILDOMAIN%"))
    )
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    [candidate] = await _discover(documents, ca, checker)
    assert (candidate.host, candidate.verified, candidate.login_form) == ("smtp.example.com", True, "address")


async def test_plain_entry_without_login_is_a_relay_suggestion(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("relay.example.com", 25, "plain", "", "none")))
    [candidate] = await _discover(documents, ca, LocalChecker({}, ca), deadline=2)
    assert (candidate.security, candidate.login, candidate.login_form, candidate.usable) == (
        Security.NONE,
        "",
        "none",
        True,
    )


async def test_plain_entry_with_password_to_a_remote_host_is_not_usable(
    documents: DocumentServer, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("mail.example.com", 25, "plain")))
    checker = LocalChecker({}, ca)
    [candidate] = await _discover(documents, ca, checker, deadline=2)
    assert (candidate.usable, candidate.unusable) == (False, Unusable.CLEARTEXT_PASSWORD)
    assert ("mail.example.com", 25) not in checker.calls  # never contacted, let alone with a password


async def test_implicit_tls_on_another_port_is_shown_as_not_usable_with_the_reason(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(
        document(smtp("smtp.example.com", 2465, "SSL"), smtp("smtp.example.com", 587, "STARTTLS"))
    )
    checker = LocalChecker({("smtp.example.com", 587): await servers.starttls()}, ca)
    found = await _discover(documents, ca, checker)
    assert [(c.port, c.verified, c.unusable) for c in found] == [
        (587, True, None),
        (2465, False, Unusable.SMTPS_PORT),  # listed last, never verified
    ]
    assert ("smtp.example.com", 2465) not in checker.calls
    assert found[1].to_json()["usable"] is False and found[1].to_json()["unusable_reason"] == "smtps-port"


async def test_oauth_only_entry_is_not_usable(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("smtp.example.com", 465, "SSL", "%EMAILADDRESS%", "OAuth2")))
    [candidate] = await _discover(documents, ca, LocalChecker({}, ca), deadline=2)
    assert candidate.unusable is Unusable.AUTH_METHOD


# -- Thunderbird's database ----------------------------------------------------------------------------------


async def test_ispdb_entry_for_the_domain_is_marked_from_thunderbirds_database(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[ISPDB] = Reply(document(smtp("smtp.example.com", 465, "SSL", "%EMAILLOCALPART%")))
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    found = await _discover(documents, ca, checker)
    assert _rows(found) == [("smtp.example.com", 465, Security.SMTPS, Source.ISPDB, True)]
    assert found[0].login == "alice"
    assert found[0].to_json()["source"] == "ispdb"


async def test_the_domains_own_document_outranks_the_ispdb_for_the_same_server(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("smtp.example.com", 465, "SSL")))
    documents.routes[ISPDB] = Reply(document(smtp("smtp.example.com", 465, "SSL")), delay=0.2)
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    found = await _discover(documents, ca, checker)
    assert _rows(found) == [("smtp.example.com", 465, Security.SMTPS, Source.AUTOCONFIG, True)]
    assert checker.calls.count(("smtp.example.com", 465)) == 1


async def test_ispdb_is_asked_for_the_base_domain_of_the_mx_host(
    zone: Zone, dns_server: DnsResponder, documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    zone.add("example.com", "MX", "10 mx01.mail.hoster.co.uk.")
    documents.routes["/ispdb/v1.1/hoster.co.uk"] = Reply(
        document(smtp("smtp.example.com", 465, "SSL"), domain="hoster.co.uk")
    )
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    found = await discover(
        ADDRESS, resolver=dns_server.resolver(), verify=checker, deadline=5, autoconfig=lookups_for(documents, ca)
    )
    assert _rows(found) == [("smtp.example.com", 465, Security.SMTPS, Source.ISPDB, True)]
    assert "/ispdb/v1.1/hoster.co.uk" in documents.requests


async def test_mx_of_a_known_provider_is_not_asked_of_the_ispdb(
    zone: Zone, dns_server: DnsResponder, documents: DocumentServer, ca: trustme.CA
) -> None:
    zone.add("example.com", "MX", "10 aspmx.l.google.com.")
    await discover(
        ADDRESS,
        resolver=dns_server.resolver(),
        verify=LocalChecker({}, ca),
        deadline=3,
        autoconfig=lookups_for(documents, ca),
    )
    assert "/ispdb/v1.1/google.com" not in documents.requests


async def test_a_providers_own_domain_asks_no_one_over_https(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    checker = LocalChecker({("smtp.gmail.com", 465): await servers.implicit_tls()}, ca)
    found = await discover("bob@gmail.com", use_dns=False, verify=checker, autoconfig=lookups_for(documents, ca))
    assert [(c.host, c.source) for c in found] == [("smtp.gmail.com", Source.PROVIDER_TABLE)]
    assert documents.requests == []


# -- lookups that must fail, quietly ---------------------------------------------------------------------------


async def test_redirect_to_https_is_followed(documents: DocumentServer, servers: LocalServers, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(status=301, headers={"Location": f"{documents.base}/moved.xml"})
    documents.routes["/moved.xml"] = Reply(document(smtp("smtp.example.com", 465, "SSL")))
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    found = await _discover(documents, ca, checker)
    assert _rows(found) == [("smtp.example.com", 465, Security.SMTPS, Source.AUTOCONFIG, True)]


async def test_redirect_to_plain_http_is_refused(documents: DocumentServer, ca: trustme.CA) -> None:
    plain = await DocumentServer(ca, tls=False).start()
    try:
        plain.routes["/doc.xml"] = Reply(document(smtp("smtp.example.com", 465, "SSL")))
        documents.routes[DOMAIN_DOC] = Reply(status=302, headers={"Location": f"{plain.base}/doc.xml"})
        found = await _discover(documents, ca, LocalChecker({}, ca), deadline=2)
        assert found == []
        assert plain.requests == []  # not even asked
    finally:
        await plain.close()


async def test_redirect_loop_ends(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(status=307, headers={"Location": DOMAIN_DOC})
    started = time.monotonic()
    assert await _discover(documents, ca, LocalChecker({}, ca), deadline=30) == []
    assert documents.requests.count(DOMAIN_DOC) == 4  # the first request and three redirects, no more
    assert time.monotonic() - started < 10  # ended by itself, long before the deadline


async def test_ten_megabyte_document_is_refused_by_its_length(documents: DocumentServer, ca: trustme.CA) -> None:
    big = document(smtp("smtp.example.com", 465, "SSL")) + b"<!-- " + b"x" * (10 * 1024 * 1024) + b" -->"
    documents.routes[DOMAIN_DOC] = Reply(big)
    assert await _discover(documents, ca, LocalChecker({}, ca), deadline=3) == []


async def test_ten_megabyte_document_without_length_is_cut_off(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(stream_bytes=10 * 1024 * 1024)
    started = time.monotonic()
    assert await _discover(documents, ca, LocalChecker({}, ca), deadline=30) == []
    assert time.monotonic() - started < 10  # cut off by its size, long before the deadline


async def test_xml_with_entities_is_refused(documents: DocumentServer, ca: trustme.CA) -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE clientConfig [<!ENTITY a "submit.example.net">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        b'<clientConfig version="1.1"><emailProvider id="x"><outgoingServer type="smtp">'
        b"<hostname>&a;</hostname><port>465</port><socketType>SSL</socketType>"
        b"</outgoingServer></emailProvider></clientConfig>"
    )
    documents.routes[DOMAIN_DOC] = Reply(laughs)
    checker = LocalChecker({}, ca)
    assert await _discover(documents, ca, checker, deadline=2) == []
    assert ("submit.example.net", 465) not in checker.calls


async def test_certificate_from_another_ca_is_refused(documents: DocumentServer, ca: trustme.CA) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("submit.example.net", 465, "SSL")))
    stranger = ssl.create_default_context()
    trustme.CA().configure_trust(stranger)
    lookups = lookups_for(documents, ca)
    lookups = AutoconfigLookups(fetcher=HttpsFetcher(context=stranger), urls=lookups.urls)
    checker = LocalChecker({}, ca)
    found = await discover(ADDRESS, use_dns=False, verify=checker, deadline=2, autoconfig=lookups)
    assert found == [] and ("submit.example.net", 465) not in checker.calls


async def test_slow_server_does_not_delay_the_answer_beyond_the_deadline(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[DOMAIN_DOC] = Reply(document(smtp("smtp.example.com", 465, "SSL")), delay=30)
    checker = LocalChecker({("mail.example.com", 587): await servers.starttls()}, ca)
    deadline = 1.0
    started = time.monotonic()
    found = await discover(
        ADDRESS, use_dns=False, verify=checker, deadline=deadline, autoconfig=lookups_for(documents, ca, timeout=30)
    )
    assert time.monotonic() - started <= deadline + 3.0  # the slow document takes 30 s
    assert _rows(found) == [("mail.example.com", 587, Security.STARTTLS, Source.GUESS, True)]


async def test_unreachable_lookups_fail_fast_and_quietly(servers: LocalServers, ca: trustme.CA) -> None:
    # Offline: nothing listens at any base URL (port 1 on loopback refuses at once).
    refused = "https://127.0.0.1:1"
    urls = AutoconfigUrls(
        domain_config=refused + "/a?{address}", well_known=refused + "/b/{domain}", ispdb=refused + "/{domain}"
    )
    checker = LocalChecker({("smtp.example.com", 465): await servers.implicit_tls()}, ca)
    started = time.monotonic()
    found = await discover(
        ADDRESS, use_dns=False, verify=checker, deadline=30, autoconfig=AutoconfigLookups(urls=urls)
    )
    assert time.monotonic() - started < 10  # failed by itself, long before the deadline
    assert _rows(found) == [("smtp.example.com", 465, Security.SMTPS, Source.GUESS, True)]


async def test_table_answers_at_once_while_lookups_hang(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA
) -> None:
    documents.routes[ISPDB] = Reply(document(smtp("smtp.example.com", 465, "SSL")), delay=30)
    checker = LocalChecker({("smtp.gmail.com", 465): await servers.implicit_tls()}, ca)
    seen: list[float] = []
    started = time.monotonic()
    await discover(
        "bob@gmail.com",
        use_dns=False,
        verify=checker,
        deadline=5,
        autoconfig=lookups_for(documents, ca),
        on_candidate=lambda c: seen.append(time.monotonic() - started),
    )
    assert seen and seen[0] < 2.0  # no network answer awaited: the lookups hang for 30 s


def test_without_injected_lookups_a_confined_resolver_means_no_https_at_all(dns_server: DnsResponder) -> None:
    # Tests that confine DNS to loopback (or switch it off) must never reach the internet over HTTPS either.
    assert https_lookups(None, resolver=dns_server.resolver()) is None
    assert https_lookups(None, use_dns=False) is None
    injected = AutoconfigLookups(urls=AutoconfigUrls(ispdb="https://127.0.0.1:1/{domain}"))
    assert https_lookups(injected, use_dns=False) is injected
    assert https_lookups(injected, use_autoconfig=False) is None


def test_online_lookups_use_thunderbirds_urls_in_its_order() -> None:
    lookups = https_lookups(None)
    assert lookups is not None
    assert lookups.urls.domain_urls("example.com", "a+b@example.com") == [
        "https://autoconfig.example.com/mail/config-v1.1.xml?emailaddress=a%2Bb@example.com",
        "https://example.com/.well-known/autoconfig/mail/config-v1.1.xml",
    ]
    assert lookups.urls.ispdb_url("example.com") == "https://autoconfig.thunderbird.net/v1.1/example.com"
    assert lookups.fetcher.context.verify_mode is ssl.CERT_REQUIRED and lookups.fetcher.context.check_hostname
