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


def following(page: PageId, *, skip: bool = False, relay: bool = False) -> int:
    """Where Next leads from `page`: the flow's one route table (wizard/flow/pages.py), in this wizard's ids
    (the full route; the Sender page is the flow's Account page)."""
    from wizard.flow.pages import PageId as FlowPage
    from wizard.flow.pages import next_page

    to_flow = {PageId.SENDER: FlowPage.ACCOUNT} | {
        p: FlowPage[p.name] for p in PageId if p.name in FlowPage.__members__
    }
    target = next_page(to_flow[page], skip=skip, relay=relay)
    if target is None:
        return -1
    return int(PageId.SENDER if target is FlowPage.ACCOUNT else PageId[target.name])
