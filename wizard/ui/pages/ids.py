"""Page ids: `setPage(id, page)` and `nextId()` use these, never the order pages were added in. Each is one
of the flow's pages (wizard/flow/pages.py); the Sender page is the flow's Account page."""

from __future__ import annotations

from enum import IntEnum

from wizard.flow.pages import PageId as FlowPage


class PageId(IntEnum):
    WELCOME = 1
    SENDER = 2
    SERVER = 3
    SECURITY = 4
    SECRET = 5
    TEST = 6
    SUMMARY = 7
    DONE = 8


def to_flow(page: PageId) -> FlowPage:
    return FlowPage.ACCOUNT if page is PageId.SENDER else FlowPage[page.name]


def from_flow(page: FlowPage) -> PageId:
    return PageId.SENDER if page.name == "ACCOUNT" else PageId[page.name]
