"""The running tally of one discovery: every suggestion once, ranked, streamed to a listener, and the
moment when nothing still running could beat the best verified answer."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from wizard.core.settings import Security
from wizard.discovery.candidate import SECURITY_RANK, SOURCE_RANK, Candidate, Rank, Source

Key = tuple[str, int, Security]
Listener = Callable[[Candidate], None]


class Board:
    def __init__(self, on_candidate: Listener | None = None) -> None:
        self._entries: dict[Key, Candidate] = {}  # insertion order breaks ties in the ranking
        self._visible: set[Key] = set()
        self._checking: set[Key] = set()
        self._lookups: Counter[Source] = Counter()  # lookups still running (DNS, autoconfig), by source
        self._listener = on_candidate
        self.settled = asyncio.Event()  # set when the best verified answer can no longer be beaten

    def offer(self, candidate: Candidate, *, visible: bool = True) -> bool:
        """Add a suggestion. True when it is new and should be verified; a known one only gains a better
        source (its check, already running or done, counts for both). An unusable entry is shown, never
        checked; a usable one with the same key takes its place."""
        known = self._entries.get(candidate.key)
        if known is None or (not known.usable and candidate.usable):
            self._entries[candidate.key] = candidate
            if candidate.usable:
                self._checking.add(candidate.key)
            if visible or not candidate.usable or (known is not None and candidate.key in self._visible):
                self._show(candidate.key)
            return candidate.usable
        if not candidate.usable:
            if candidate.key not in self._visible:  # only a hidden guess so far: the published word wins
                self._entries[candidate.key] = candidate
                self._show(candidate.key)
            return False
        if SOURCE_RANK[candidate.source] < SOURCE_RANK[known.source]:
            self._entries[candidate.key] = replace(candidate, verified=known.verified, checked=known.checked)
            if visible or known.verified:
                self._show(candidate.key)
        return False

    def record(self, result: Candidate) -> None:
        """A verification finished. Guesses that did not answer stay hidden: they would only be noise."""
        entry = self._entries[result.key]
        if entry.usable:  # a check of a guess that a published "not usable" entry replaced meanwhile counts not
            entry = entry.with_result(result.verified)
            self._entries[result.key] = entry
        self._checking.discard(result.key)
        if result.key in self._visible or entry.verified:
            self._show(result.key)
        self._check_settled()

    def lookup_started(self, source: Source) -> None:
        self._lookups[source] += 1

    def lookup_finished(self, source: Source) -> None:
        self._lookups[source] -= 1
        self._lookups += Counter()  # drops sources with nothing left running
        self._check_settled()

    def results(self) -> list[Candidate]:
        """Every visible suggestion, best first: verified ones, then by source, then implicit TLS first."""
        shown = [c for key, c in self._entries.items() if key in self._visible]
        return sorted(shown, key=lambda c: c.rank())

    def _show(self, key: Key) -> None:
        self._visible.add(key)
        if self._listener is not None:
            self._listener(self._entries[key])

    def _check_settled(self) -> None:
        verified = [c.rank() for key, c in self._entries.items() if key in self._visible and c.verified]
        if not verified:
            return
        best: Rank = min(verified)
        still_possible = [self._entries[key].rank(assume_verified=True) for key in self._checking]
        still_possible += [(0, SOURCE_RANK[source], SECURITY_RANK[Security.SMTPS]) for source in self._lookups]
        if not still_possible or best <= min(still_possible):
            self.settled.set()
