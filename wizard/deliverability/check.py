"""The deliverability check beside the live test (SPEC §11): lookups start with the test, the verdict comes
at most `GRACE_SECONDS` after it ended; what has not finished by then is reported as not finished.

Nothing here blocks writing or changes the test's outcome: a face shows the result next to the verdict.
The DNS work runs in worker threads (dnspython's and pyspf's lookups are synchronous); each query is bounded
by `dns_lookup.LOOKUP_SECONDS`, so a thread left behind after the grace ends soon after."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import dns.resolver

from wizard.core.warnings import address_warnings
from wizard.deliverability.dkim import DkimLookup, dkim_lookup, judge_dkim
from wizard.deliverability.dmarc import DmarcLookup, dmarc_lookup, judge_dmarc
from wizard.deliverability.dns_lookup import (
    BadDnsServer,
    DnsUnavailable,
    NoResolver,
    announced_server,
    system_resolver,
)
from wizard.deliverability.spf import judge_spf, spf_records
from wizard.deliverability.verdicts import (
    Advice,
    Deliverability,
    DkimStatus,
    DkimVerdict,
    DmarcStatus,
    DmarcVerdict,
    SpfStatus,
    SpfVerdict,
    sender_domain,
)
from wizard.discovery.providers import Provider, provider_for_host
from wizard.probe.report import ProbeReport

GRACE_SECONDS = 2.0  # after the test ends (SPEC §11)


class DeliverabilityRun:
    """One check: created when the test starts (the record lookups begin), `finish`ed with its report.

    `resolver`: None for the system's (`dns_lookup.system_resolver`); tests pass one on loopback."""

    def __init__(
        self,
        user: str,
        relay_host: str,
        *,
        resolver: dns.resolver.Resolver | None = None,
        system: Callable[[], dns.resolver.Resolver] = system_resolver,
    ) -> None:
        """`system`: where the resolver comes from when none is given (raises NoResolver when there is none)."""
        self.domain = sender_domain(user)
        self.user = user
        self.provider: Provider | None = provider_for_host(relay_host)
        self._reason: Advice | None = None
        self._tasks: dict[str, asyncio.Future[Any]] = {}
        self.dns_server = ""  # the injected, non-loopback server asked (said in every face), else ""
        if not self.domain:
            self._reason = Advice("not_checked.no_domain", (("user", user),))
        elif self.domain.startswith("["):  # an address literal (RFC 5321 §4.1.3): no name to look up
            self._reason = Advice("not_checked.ip_literal", (("domain", self.domain),))
        elif address_warnings(user):
            self._reason = Advice("not_checked.not_public", (("domain", self.domain),))
        else:
            try:
                self.resolver = resolver if resolver is not None else system()
            except BadDnsServer as exc:
                self._reason = Advice("not_checked.bad_dns_server", (("value", exc.value),))
            except NoResolver:
                self._reason = Advice("not_checked.no_dns")
            else:
                self.dns_server = announced_server() if resolver is None else ""
        if self._reason is None:
            self._start()

    def _start(self) -> None:
        resolver, domain = self.resolver, self.domain
        provider = self.provider
        own = provider is not None and domain in provider.domains  # its keys are the provider's business
        selectors = provider.dkim_selectors if provider is not None and not own else ()
        self._tasks["spf"] = _in_thread(spf_records, resolver, domain)
        self._tasks["dmarc"] = _in_thread(dmarc_lookup, resolver, domain)
        if selectors:
            self._tasks["dkim"] = _in_thread(dkim_lookup, resolver, domain, selectors)

    def cancel(self) -> None:
        for task in self._tasks.values():
            task.cancel()

    def unfinished(self) -> Deliverability:
        """The verdicts when the lookups were stopped before they ended (a cancelled check)."""
        return Deliverability.not_checked(self.domain, self._reason or Advice("not_checked.unfinished"))

    async def finish(self, report: ProbeReport, *, grace: float = GRACE_SECONDS) -> Deliverability:
        """The verdicts for `report`'s relay; not_checked when the test did not pass."""
        if self._reason is not None:
            return Deliverability.not_checked(self.domain, self._reason)
        if not report.ok:
            self.cancel()
            return Deliverability.not_checked(self.domain, Advice("not_checked.no_pass"))
        ended = time.monotonic()
        deadline = ended + grace
        # Every address the probe resolved the relay's name to (SPEC §11), the one it reached first if none.
        addresses = list(report.server.addresses) or ([report.server.address] if report.server.address else [])
        spf = await self._spf(addresses, deadline)
        passes = spf.status is SpfStatus.PASS if spf.status is not SpfStatus.NOT_CHECKED else None
        dmarc = await self._dmarc(passes, deadline)
        dkim = await self._dkim(deadline)
        elapsed = (time.monotonic() - ended) * 1000
        return Deliverability(self.domain, spf, dmarc, dkim, lookups_ms=elapsed, dns_server=self.dns_server)

    async def _result(self, name: str, deadline: float) -> Any:
        """The lookup's value; raises TimeoutError when it has not finished by `deadline`, DnsUnavailable."""
        task = self._tasks[name]
        return await asyncio.wait_for(asyncio.shield(task), max(0.0, deadline - time.monotonic()))

    async def _spf(self, addresses: list[str], deadline: float) -> SpfVerdict:
        try:
            records: list[str] = await self._result("spf", deadline)
            evaluation = _in_thread(judge_spf, self.resolver, records, self.user, addresses, self.provider)
            verdict: SpfVerdict = await asyncio.wait_for(evaluation, max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            return SpfVerdict(SpfStatus.NOT_CHECKED, Advice("not_checked.unfinished"))
        except DnsUnavailable:
            return SpfVerdict(SpfStatus.TEMPERROR, Advice("spf.temperror"))
        return verdict

    async def _dmarc(self, spf_passes: bool | None, deadline: float) -> DmarcVerdict:
        try:
            found: DmarcLookup = await self._result("dmarc", deadline)
        except TimeoutError:
            return DmarcVerdict(DmarcStatus.NOT_CHECKED, Advice("not_checked.unfinished"))
        except DnsUnavailable:
            return DmarcVerdict(DmarcStatus.ERROR, Advice("dmarc.temperror"))
        return judge_dmarc(found, spf_passes)

    async def _dkim(self, deadline: float) -> DkimVerdict:
        if "dkim" not in self._tasks:
            return judge_dkim(None, self.provider, self.domain)
        try:
            found: DkimLookup = await self._result("dkim", deadline)
        except TimeoutError:
            return DkimVerdict(DkimStatus.NOT_CHECKED, Advice("not_checked.unfinished"))
        return judge_dkim(found, self.provider, self.domain)


def _in_thread(function: Any, *args: Any) -> asyncio.Future[Any]:
    return asyncio.ensure_future(asyncio.to_thread(function, *args))


async def probe_with_deliverability(
    probe: Awaitable[ProbeReport],
    user: str,
    relay_host: str,
    *,
    resolver: dns.resolver.Resolver | None = None,
    grace: float = GRACE_SECONDS,
) -> tuple[ProbeReport, Deliverability]:
    """Await the test `probe` with the deliverability lookups running beside it; the report and the verdicts.

    Cancelling it cancels both (the lookups' threads end by their own time limit)."""
    run = DeliverabilityRun(user, relay_host, resolver=resolver)
    try:
        report = await probe
    except BaseException:
        run.cancel()
        raise
    return report, await run.finish(report, grace=grace)
