"""`smtp-wizard detect`: JSON and human output, exit codes; discovery confined to local servers."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

import pytest
import trustme

from tests.discovery.autoconfig_server import DocumentServer, Reply, document, lookups_for, smtp
from tests.discovery.dns_responder import DnsResponder, Zone
from tests.discovery.local_smtp import LocalChecker, LocalServers
from wizard.cli import detect_cmd, main
from wizard.core import i18n


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="smtp-wizard detect")
    detect_cmd.add_arguments(parser)
    return parser.parse_args(list(argv))


async def _run(args: argparse.Namespace, checker: LocalChecker) -> int:
    # The command runs its own event loop (asyncio.run), so it goes to a worker thread while this loop
    # keeps serving the local SMTP servers.
    return await asyncio.to_thread(detect_cmd.run, args, verify=checker, use_dns=False)


def _json(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


async def test_json_lists_table_candidate_with_source_and_verified(
    servers: LocalServers, ca: trustme.CA, capsys: pytest.CaptureFixture[str]
) -> None:
    checker = LocalChecker({("smtp.gmail.com", 465): await servers.implicit_tls()}, ca)
    assert await _run(_args("bob@gmail.com", "--json", "--timeout", "5"), checker) == 0
    [candidate] = _json(capsys)["candidates"]
    assert {k: candidate[k] for k in ("host", "port", "security", "login", "source", "verified")} == {
        "host": "smtp.gmail.com",
        "port": 465,
        "security": "smtps",
        "login": "bob@gmail.com",
        "source": "provider-table",
        "verified": True,
    }


async def test_json_lists_verified_guesses_best_first(
    servers: LocalServers, ca: trustme.CA, capsys: pytest.CaptureFixture[str]
) -> None:
    routes = {
        ("mail.example.com", 587): await servers.starttls(),
        ("mail.example.com", 465): await servers.implicit_tls(),
    }
    assert await _run(_args("alice@example.com", "--json"), LocalChecker(routes, ca)) == 0
    found = [(c["host"], c["port"], c["source"], c["verified"]) for c in _json(capsys)["candidates"]]
    assert found == [("mail.example.com", 465, "guess", True), ("mail.example.com", 587, "guess", True)]


async def test_nothing_found_exits_1_with_advice(ca: trustme.CA, capsys: pytest.CaptureFixture[str]) -> None:
    assert await _run(_args("alice@example.com", "--timeout", "3"), LocalChecker({}, ca)) == 1
    assert "No outgoing mail server (SMTP) found for example.com" in capsys.readouterr().out


async def test_nothing_found_json_is_an_empty_list(ca: trustme.CA, capsys: pytest.CaptureFixture[str]) -> None:
    assert await _run(_args("alice@example.com", "--json", "--timeout", "3"), LocalChecker({}, ca)) == 1
    assert _json(capsys) == {"candidates": []}


def test_bad_address_exits_2_through_the_dispatcher(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detect", "not-an-address"]) == 2
    assert "not-an-address" in capsys.readouterr().err


async def test_human_output_is_localized_and_names_source_login_and_hint(
    ca: trustme.CA, capsys: pytest.CaptureFixture[str]
) -> None:
    i18n.set_language("de")
    assert await _run(_args("bob@gmx.de", "--timeout", "3"), LocalChecker({}, ca)) == 0
    out = capsys.readouterr().out
    assert "Vorschläge für bob@gmx.de" in out
    assert "mail.gmx.net:465 · implizites TLS · GMX" in out
    assert "aus der Anbieterliste · hat nicht geantwortet" in out
    assert "Anmeldename: bob@gmx.de" in out
    assert i18n.tr("discovery.hint.enable_external_access", "de") in out


async def test_login_issued_by_the_provider_is_described_not_invented(
    zone: Zone, dns_server: DnsResponder, ca: trustme.CA, capsys: pytest.CaptureFixture[str]
) -> None:
    zone.add("example.com", "MX", "10 inbound-smtp.eu-central-1.amazonaws.com.")
    args = _args("alice@example.com", "--timeout", "3")
    code = await asyncio.to_thread(detect_cmd.run, args, resolver=dns_server.resolver(), verify=LocalChecker({}, ca))
    out = capsys.readouterr().out
    assert code == 0
    assert "email-smtp.eu-central-1.amazonaws.com:465 · implicit TLS · Amazon SES (EU, Frankfurt)" in out
    assert "Login: the SMTP user name generated for an IAM user" in out


async def test_json_names_autoconfig_and_ispdb_sources_and_unusable_entries(
    documents: DocumentServer, servers: LocalServers, ca: trustme.CA, capsys: pytest.CaptureFixture[str]
) -> None:
    own = "/autoconfig/example.com/mail/config-v1.1.xml?emailaddress=alice@example.com"
    documents.routes[own] = Reply(document(smtp("smtp.example.com", 465, "SSL"), smtp("smtp.example.com", 2465, "SSL")))
    documents.routes["/ispdb/v1.1/example.com"] = Reply(
        document(smtp("mail.example.com", 587, "STARTTLS", "%EMAILLOCALPART%"))
    )
    checker = LocalChecker(
        {("smtp.example.com", 465): await servers.implicit_tls(), ("mail.example.com", 587): await servers.starttls()},
        ca,
    )
    args = _args("alice@example.com", "--json", "--timeout", "5")
    code = await asyncio.to_thread(
        detect_cmd.run, args, verify=checker, use_dns=False, autoconfig=lookups_for(documents, ca)
    )
    assert code == 0
    rows = [
        (c["host"], c["port"], c["source"], c["login"], c["verified"], c["usable"]) for c in _json(capsys)["candidates"]
    ]
    assert rows == [
        ("smtp.example.com", 465, "autoconfig", "alice@example.com", True, True),
        ("mail.example.com", 587, "ispdb", "alice", True, True),
        ("smtp.example.com", 2465, "autoconfig", "alice@example.com", False, False),
    ]


async def test_human_output_says_where_from_and_why_not_usable(
    documents: DocumentServer, ca: trustme.CA, capsys: pytest.CaptureFixture[str]
) -> None:
    i18n.set_language("en")
    own = "/autoconfig/example.com/mail/config-v1.1.xml?emailaddress=alice@example.com"
    documents.routes[own] = Reply(document(smtp("smtp.example.com", 2465, "SSL")))
    documents.routes["/ispdb/v1.1/example.com"] = Reply(
        document(smtp("mail.example.com", 587, "STARTTLS", "%EMAILLOCALPART%"))
    )
    args = _args("alice@example.com", "--timeout", "3")
    code = await asyncio.to_thread(
        detect_cmd.run, args, verify=LocalChecker({}, ca), use_dns=False, autoconfig=lookups_for(documents, ca)
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "from Thunderbird's database · did not answer" in out
    assert "Login: alice\n" in out
    assert "published by the domain (autoconfig) · not usable: implicit TLS on port 2465" in out
