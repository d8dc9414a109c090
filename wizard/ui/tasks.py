"""Running the core's coroutines from Qt slots on the qasync loop, so the window never waits on the network."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def start(coro: Coroutine[Any, Any, T], name: str) -> asyncio.Task[T]:
    """Schedule `coro` on the loop Qt is running; an unexpected crash is logged (by type, never its text)."""
    task = asyncio.ensure_future(coro)
    task.set_name(name)
    task.add_done_callback(_log_crash)
    return task


def _log_crash(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        # Only the type: an exception's text could quote a value the user typed.
        log.error("background task %s failed: %s", task.get_name(), type(exc).__name__)


def stop(task: asyncio.Task[Any] | None) -> None:
    if task is not None and not task.done():
        task.cancel()
