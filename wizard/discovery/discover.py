"""From a mail address to ranked, live-checked submission servers (SPEC §8).

The sources run side by side under one deadline: the provider table (instant), DNS SRV, the domain's own
autoconfig documents and Thunderbird's ISPDB over HTTPS (for the domain and for its MX host's base domain),
DNS MX mapped to a provider, and guessing `smtp.`/`mail.`/the bare domain on 465 and 587. Every usable
suggestion is verified by an injected `verify`; results stream to `on_candidate` as they arrive. The answer
comes when everything is done, at the deadline, or — whichever is first — shortly after nothing still running
could beat the best verified suggestion (a short grace lets fast alternatives report, so the user sees more
than one choice).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any

import dns.asyncresolver

from wizard.core.name_syntax import InvalidName, ascii_name
from wizard.core.providers import provider_for_domain
from wizard.core.settings import Security, validate_address
from wizard.discovery.board import Board, Listener
from wizard.discovery.candidate import Candidate, Source, from_provider
from wizard.discovery.dns_records import (
    DNS_TIMEOUT,
    GENERIC_HINT,
    default_resolver,
    mx_hosts,
    provider_candidates_for_mx,
    srv_candidates,
)
from wizard.discovery.parallel import STAGGER, verify_each
from wizard.discovery.verify import Verify, probe_verifier

if TYPE_CHECKING:  # the HTTPS and XML machinery loads with the first discovery, not with the table
    from wizard.discovery.autoconfig import AutoconfigLookups

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
        return ascii_name(domain) if not domain.isascii() else domain.lower()
    except InvalidName:
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


def https_lookups(
    autoconfig: AutoconfigLookups | None,
    *,
    use_autoconfig: bool = True,
    use_dns: bool = True,
    resolver: dns.asyncresolver.Resolver | None = None,
) -> AutoconfigLookups | None:
    """The autoconfig lookups discovery makes: the injected ones; else the online ones (system trust store,
    Thunderbird's URLs) only when DNS goes to the system's resolver too; None for none at all."""
    if not use_autoconfig:
        return None
    if autoconfig is not None:
        return autoconfig
    if not use_dns or resolver is not None:
        return None  # DNS confined (tests, the demo): HTTPS would escape the confinement
    # lazy: HTTPS and XML only for the online lookups, not the table's instant suggestion
    from wizard.discovery.autoconfig import AutoconfigLookups
    from wizard.discovery.https_fetch import HttpsFetcher

    # Names resolved as the system does (getaddrinfo: /etc/hosts, the name service switch), like browsers and
    # Thunderbird; the fetcher's deadline, size and redirect limits stay.
    return AutoconfigLookups(fetcher=HttpsFetcher())


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
    autoconfig: AutoconfigLookups | None = None,
    use_autoconfig: bool = True,
) -> list[Candidate]:
    """Suggestions for `address`, best first: verified ones, then by source (table > SRV = autoconfig >
    ISPDB > MX > guess), then implicit TLS first; entries the server cannot use come last.

    `resolver`: the DNS resolver to ask (default: the system's); `use_dns=False` skips DNS entirely.
    `autoconfig`: the HTTPS lookups (client and URLs). Without it they go online (the system's trust store)
    only when DNS does too (`use_dns` and no injected `resolver`), so a test that confines DNS to loopback
    never reaches the internet over HTTPS either; `use_autoconfig=False` turns them off.
    `verify`: checks one candidate (default: the probe engine, connection only).
    Raises ValidationError (field "sender") for an address that is not one."""
    # lazy: HTTPS and XML only for the online lookups, not the table's instant suggestion
    from wizard.discovery.autoconfig import base_domain, candidates_from

    address = validate_address(address)
    domain = mail_domain(address)
    check = verify or probe_verifier(address, timeout=deadline)
    board = Board(on_candidate)
    table = suggest_from_table(address)
    for candidate in table:
        board.offer(candidate)
    dns_resolver = (resolver or default_resolver()) if use_dns else None
    lookups = https_lookups(autoconfig, use_autoconfig=use_autoconfig, use_dns=use_dns, resolver=resolver)
    if table:  # a provider's own domain: the table is the checked answer, nobody is asked over HTTPS
        lookups = None

    async def from_srv() -> None:
        try:
            found = await srv_candidates(domain, address, dns_resolver, timeout=dns_timeout) if dns_resolver else []
            fresh = [c for c in found if board.offer(c)]
        finally:
            board.lookup_finished(Source.SRV)  # only after its findings are on the board, to keep the ranking sound
        await verify_each(fresh, check, board.record, stagger=0)

    async def from_document(source: Source, url: str) -> None:
        assert lookups is not None
        try:
            servers = await lookups.document(url, address)
            fresh = [c for c in candidates_from(servers, source, address) if board.offer(c)]
        finally:
            board.lookup_finished(source)
        await verify_each(fresh, check, board.record, stagger=0)

    async def from_mx() -> None:
        # The MX hosts serve twice: mapped to a provider of the table, and (Thunderbird's last step) their base
        # domain asked of the ISPDB. That lookup counts as running from the start, so nothing settles early.
        ispdb_pending = lookups is not None
        if ispdb_pending:
            board.lookup_started(Source.ISPDB)
        try:
            try:
                hosts = await mx_hosts(domain, dns_resolver, timeout=dns_timeout) if dns_resolver else []
                found = provider_candidates_for_mx(hosts, address)
                fresh = [c for c in found if board.offer(c)]
            finally:
                board.lookup_finished(Source.MX)
            base = base_domain(hosts[0]) if hosts else ""
            async with asyncio.TaskGroup() as group:
                group.create_task(verify_each(fresh, check, board.record, stagger=0))
                if lookups is not None and base and base != domain and not found:
                    ispdb_pending = False  # from_document reports the end of this lookup
                    group.create_task(from_document(Source.ISPDB, lookups.urls.ispdb_url(base)))
        finally:
            if ispdb_pending:
                board.lookup_finished(Source.ISPDB)

    async def everything() -> None:
        async with asyncio.TaskGroup() as group:
            group.create_task(verify_each(table, check, board.record, stagger=0))
            board.lookup_started(Source.SRV)
            group.create_task(from_srv())
            board.lookup_started(Source.MX)
            group.create_task(from_mx())
            if lookups is not None:
                for url in lookups.urls.domain_urls(domain, address):
                    board.lookup_started(Source.AUTOCONFIG)
                    group.create_task(from_document(Source.AUTOCONFIG, url))
                board.lookup_started(Source.ISPDB)
                group.create_task(from_document(Source.ISPDB, lookups.urls.ispdb_url(domain)))
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
