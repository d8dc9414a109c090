"""Page ids: `setPage(id, page)` and `nextId()` use these, never the order pages were added in."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    WELCOME = 1
    SENDER = 2
    SERVER = 3
    SECURITY = 4
    SECRET = 5
    TEST = 6
    SUMMARY = 7
    DONE = 8
