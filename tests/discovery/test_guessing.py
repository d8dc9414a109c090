"""Guessing smtp./mail./bare domain on 465/587 against real local servers: ranking, deadline, cancellation."""

from __future__ import annotations

import asyncio
import time

import pytest
import trustme

from tests.discovery.local_smtp import LocalChecker, LocalServers
from wizard.core.errors import ValidationError
from wizard.core.settings import Security
from wizard.discovery import Candidate, Source, discover

ADDRESS = "alice@example.com"


async def test_verified_guesses_rank_implicit_tls_before_starttls(servers: LocalServers, ca: trustme.CA) -> None:
    routes = {
        ("mail.example.com", 587): await servers.starttls(),
        ("smtp.example.com", 587): await servers.starttls(),
        ("smtp.example.com", 465): await servers.implicit_tls(),
    }
    found = await discover(ADDRESS, use_dns=False, verify=LocalChecker(routes, ca), deadline=5)
    assert [(c.host, c.port, c.security) for c in found] == [
        ("smtp.example.com", 465, Security.SMTPS),
        ("smtp.example.com", 587, Security.STARTTLS),
        ("mail.example.com", 587, Security.STARTTLS),
    ]
    assert all(c.verified and c.source is Source.GUESS and c.login == ADDRESS for c in found)


async def test_guesses_that_do_not_answer_are_not_suggested(servers: LocalServers, ca: trustme.CA) -> None:
    routes = {("mail.example.com", 465): await servers.implicit_tls()}
    checker = LocalChecker(routes, ca)
    found = await discover(ADDRESS, use_dns=False, verify=checker, deadline=5)
    assert [(c.host, c.port) for c in found] == [("mail.example.com", 465)]
    assert len(checker.calls) == 6  # every guess was tried


async def test_wrong_mode_port_is_not_verified(servers: LocalServers, ca: trustme.CA) -> None:
    # A plaintext server on "465": the implicit-TLS handshake must fail, so it is no suggestion.
    routes = {("smtp.example.com", 465): await servers.plaintext()}
    found = await discover(ADDRESS, use_dns=False, verify=LocalChecker(routes, ca, timeout=2), deadline=5)
    assert found == []


async def test_silent_candidate_does_not_delay_answer_beyond_deadline(servers: LocalServers, ca: trustme.CA) -> None:
    deadline = 1.0
    routes = {
        ("smtp.example.com", 465): await servers.silent(),  # the best-ranked guess never answers
        ("mail.example.com", 587): await servers.starttls(),
    }
    started = time.monotonic()
    found = await discover(ADDRESS, use_dns=False, verify=LocalChecker(routes, ca, timeout=60), deadline=deadline)
    elapsed = time.monotonic() - started
    assert elapsed <= deadline + 3.0  # the silent candidate would take 60 s
    assert [(c.host, c.port, c.verified) for c in found] == [("mail.example.com", 587, True)]


async def test_answer_comes_early_when_nothing_pending_can_beat_the_best(servers: LocalServers, ca: trustme.CA) -> None:
    routes = {
        ("smtp.example.com", 465): await servers.implicit_tls(),
        ("mail.example.com", 587): await servers.silent(),  # ranks lower: not worth waiting for
    }
    started = time.monotonic()
    found = await discover(ADDRESS, use_dns=False, verify=LocalChecker(routes, ca, timeout=60), deadline=10)
    assert time.monotonic() - started < 5
    assert found[0].key == ("smtp.example.com", 465, Security.SMTPS)


async def test_cancelling_discovery_stops_every_check_promptly(servers: LocalServers, ca: trustme.CA) -> None:
    silent = await servers.silent()
    routes = {(f"{prefix}example.com", port): silent for prefix in ("smtp.", "mail.", "") for port in (465, 587)}
    task = asyncio.create_task(
        discover(ADDRESS, use_dns=False, verify=LocalChecker(routes, ca, timeout=60), deadline=30)
    )
    while servers.silent_accepted < 6:
        await asyncio.sleep(0.01)
    cancelled_at = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    while servers.silent_connections and time.monotonic() - cancelled_at < 2:
        await asyncio.sleep(0.01)
    assert time.monotonic() - cancelled_at < 1.0
    assert not servers.silent_connections  # every client connection was closed


async def test_results_stream_to_listener_before_the_answer(servers: LocalServers, ca: trustme.CA) -> None:
    routes = {
        ("smtp.example.com", 587): await servers.starttls(),
        ("smtp.example.com", 465): await servers.silent(),
    }
    started = time.monotonic()
    seen: list[tuple[float, Candidate]] = []
    found = await discover(
        ADDRESS,
        use_dns=False,
        verify=LocalChecker(routes, ca, timeout=60),
        deadline=1.0,
        on_candidate=lambda c: seen.append((time.monotonic() - started, c)),
    )
    assert [c.key for _, c in seen] == [("smtp.example.com", 587, Security.STARTTLS)]
    assert seen[0][0] < 0.8  # well before the deadline ended the run
    assert found == [seen[0][1]]


async def test_provider_domain_is_not_guessed(servers: LocalServers, ca: trustme.CA) -> None:
    checker = LocalChecker({("smtp.gmail.com", 465): await servers.implicit_tls()}, ca)
    found = await discover("bob@gmail.com", use_dns=False, verify=checker, deadline=5)
    assert checker.calls == [("smtp.gmail.com", 465)]
    assert [(c.host, c.source, c.verified, c.provider_id) for c in found] == [
        ("smtp.gmail.com", Source.PROVIDER_TABLE, True, "google")
    ]


async def test_unreachable_table_suggestion_is_still_offered(ca: trustme.CA) -> None:
    found = await discover("bob@gmail.com", use_dns=False, verify=LocalChecker({}, ca), deadline=5)
    assert [(c.host, c.verified, c.checked) for c in found] == [("smtp.gmail.com", False, True)]


async def test_a_failing_verifier_counts_as_no_answer() -> None:
    async def broken(candidate: Candidate) -> bool:
        raise RuntimeError("verifier bug")

    found = await discover("bob@gmail.com", use_dns=False, verify=broken, deadline=5)
    assert [(c.host, c.verified) for c in found] == [("smtp.gmail.com", False)]


async def test_not_an_address_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        await discover("no-at-sign.example", use_dns=False, deadline=1)
    assert caught.value.field == "sender"
