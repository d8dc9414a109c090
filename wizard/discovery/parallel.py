"""Checking many candidates at once: started a few milliseconds apart, each reported as soon as it is done,
so the total time is that of the slowest one (plus the stagger), not the sum."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from wizard.discovery.candidate import Candidate
from wizard.discovery.verify import Verify, checked

STAGGER = 0.025  # seconds between starts: spreads the connections a little
MAX_SPREAD = 0.1  # seconds from the first start to the last, however many candidates: the answer never waits


async def verify_each(
    candidates: Sequence[Candidate],
    verify: Verify,
    on_result: Callable[[Candidate], None],
    *,
    stagger: float = STAGGER,
) -> None:
    """Verify every candidate concurrently; `on_result` gets each one with its result as it arrives.

    Cancelling the caller cancels every check still running (the task group waits for them to stop)."""

    step = min(stagger, MAX_SPREAD / max(1, len(candidates) - 1))

    async def one(position: int, candidate: Candidate) -> None:
        if position and step > 0:
            await asyncio.sleep(position * step)
        on_result(candidate.with_result(await checked(verify, candidate)))

    async with asyncio.TaskGroup() as group:
        for position, candidate in enumerate(candidates):
            group.create_task(one(position, candidate))
