"""From a mail address to ranked, live-checked submission servers (SPEC §8).

Four sources run side by side under one deadline: the provider table (instant), DNS SRV, DNS MX mapped to a
provider, and guessing `smtp.`/`mail.`/the bare domain on 465 and 587. Every suggestion is verified by an
injected `verify`; results stream to `on_candidate` as they arrive. The answer comes when everything is done,
at the deadline, or — whichever is first — shortly after nothing still running could beat the best verified
suggestion (a short grace lets fast alternatives report, so the user sees more than one choice).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import dns.asyncresolver
import idna

from wizard.core.settings import Security, validate_address
from wizard.discovery.board import Board, Listener
from wizard.discovery.candidate import Candidate, Source, from_provider
from wizard.discovery.dns_records import DNS_TIMEOUT, GENERIC_HINT, default_resolver, mx_candidates, srv_candidates
from wizard.discovery.parallel import STAGGER, verify_each
from wizard.discovery.providers import provider_for_domain
from wizard.discovery.verify import Verify, probe_verifier

DEADLINE = 8.0  # seconds for the whole discovery
CANCEL_GRACE = 0.25  # how long the answer may wait for cancelled checks to wind down
SETTLED_GRACE = 0.5  # once the best answer is certain, fast alternatives still get this long to report

GUESS_PREFIXES = ("smtp.", "mail.", "")
GUESS_PORTS = ((465, Security.SMTPS), (587, Security.STARTTLS))


def mail_domain(address: str) -> str:
    """The ASCII (IDNA) form of the address's domain, lower case; "" when there is none yet."""
    domain = address.strip().rpartition("@")[2].strip().rstrip(".")
    if not domain or "@" not in address:
        return ""
    try:
        return idna.encode(domain, uts46=True).decode("ascii") if not domain.isascii() else domain.lower()
    except idna.IDNAError:
        return ""


def suggest_from_table(address: str) -> list[Candidate]:
    """The provider table's suggestion for this address, instantly and offline (unverified).

    Lenient on purpose: the GUI calls it while the address is still being typed; [] means "no idea yet"."""
    provider = provider_for_domain(mail_domain(address))
    if provider is None:
        return []
    return [from_provider(provider, Source.PROVIDER_TABLE, address.strip())]


def guess_candidates(domain: str, address: str) -> list[Candidate]:
    """`smtp.<domain>`, `mail.<domain>`, `<domain>`, each on 465 (implicit TLS) and 587 (STARTTLS)."""
    return [
        Candidate(
            host=f"{prefix}{domain}",
            port=port,
            security=security,
            source=Source.GUESS,
            login=address,
            hint_id=GENERIC_HINT,
        )
        for prefix in GUESS_PREFIXES
        for port, security in GUESS_PORTS
    ]


async def discover(
    address: str,
    *,
    resolver: dns.asyncresolver.Resolver | None = None,
    verify: Verify | None = None,
    deadline: float = DEADLINE,
    on_candidate: Listener | None = None,
    use_dns: bool = True,
    stagger: float = STAGGER,
    dns_timeout: float = DNS_TIMEOUT,
) -> list[Candidate]:
    """Suggestions for `address`, best first (verified, then table > SRV > MX > guess, then implicit TLS).

    `resolver`: the DNS resolver to ask (default: the system's); `use_dns=False` skips DNS entirely.
    `verify`: checks one candidate (default: the probe engine, connection only).
    Raises ValidationError (field "sender") for an address that is not one."""
    address = validate_address(address)
    domain = mail_domain(address)
    check = verify or probe_verifier(address, timeout=deadline)
    board = Board(on_candidate)
    table = suggest_from_table(address)
    for candidate in table:
        board.offer(candidate)

    async def from_dns(source: Source) -> None:
        lookup = srv_candidates if source is Source.SRV else mx_candidates
        try:
            found = await lookup(domain, address, dns_resolver, timeout=dns_timeout) if dns_resolver else []
            fresh = [c for c in found if board.offer(c)]
        finally:
            board.lookup_finished(source)  # only after its findings are on the board, to keep the ranking sound
        await verify_each(fresh, check, board.record, stagger=0)

    dns_resolver = (resolver or default_resolver()) if use_dns else None

    async def everything() -> None:
        async with asyncio.TaskGroup() as group:
            group.create_task(verify_each(table, check, board.record, stagger=0))
            for source in (Source.SRV, Source.MX):
                board.lookup_started(source)
                group.create_task(from_dns(source))
            if not table:  # a provider's own domain: guessing could only find its server again
                guesses = [c for c in guess_candidates(domain, address) if board.offer(c, visible=False)]
                group.create_task(verify_each(guesses, check, board.record, stagger=stagger))

    await _run_until(everything(), board.settled, deadline)
    return board.results()


async def _run_until(job: Coroutine[Any, Any, None], settled: asyncio.Event, deadline: float) -> None:
    """Run `job` until it is done, `settled` is set, or the deadline passes; then stop what is left.

    Also when the caller is cancelled (the GUI's Cancel): every check still running is cancelled too."""
    work = asyncio.create_task(job)
    waiter = asyncio.create_task(settled.wait())
    loop = asyncio.get_running_loop()
    ends = loop.time() + deadline
    try:
        await asyncio.wait({work, waiter}, timeout=deadline, return_when=asyncio.FIRST_COMPLETED)
        if not work.done() and settled.is_set():
            await asyncio.wait({work}, timeout=max(0.0, min(SETTLED_GRACE, ends - loop.time())))
    finally:
        waiter.cancel()
        work.cancel()
        # Checks honour cancellation promptly; a stubborn one is left to finish cancelling on its own.
        await asyncio.wait({work, waiter}, timeout=CANCEL_GRACE)
    if work.done() and not work.cancelled() and (error := work.exception()) is not None:
        while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
            error = error.exceptions[0]
        raise error
