"""The pages after Welcome, built in one go once the first window is on screen: the GUI's seam after the first
frame. `SetupWizard.add_remaining_pages` imports this module (the one page import inside a function); the
pages import the flow, the settings model and the probe's views, which the first frame does without."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.ui.pages.base import Page
from wizard.ui.pages.done import DonePage
from wizard.ui.pages.ids import PageId
from wizard.ui.pages.secret import SecretPage
from wizard.ui.pages.security import SecurityPage
from wizard.ui.pages.sender import SenderPage
from wizard.ui.pages.server import ServerPage
from wizard.ui.pages.summary import SummaryPage
from wizard.ui.pages.test import TestPage


@dataclass(frozen=True)
class LaterPages:
    """One of each page after Welcome, in the wizard's order."""

    sender: SenderPage
    server: ServerPage
    security: SecurityPage
    secret: SecretPage
    test: TestPage
    summary: SummaryPage
    done: DonePage

    def in_order(self) -> tuple[tuple[PageId, Page], ...]:
        """(page id, page) in the order the wizard adds them."""
        return (
            (PageId.SENDER, self.sender),
            (PageId.SERVER, self.server),
            (PageId.SECURITY, self.security),
            (PageId.SECRET, self.secret),
            (PageId.TEST, self.test),
            (PageId.SUMMARY, self.summary),
            (PageId.DONE, self.done),
        )


def build() -> LaterPages:
    """New pages after Welcome, without a wizard yet (`QWizard.setPage` gives them one)."""
    return LaterPages(
        sender=SenderPage(),
        server=ServerPage(),
        security=SecurityPage(),
        secret=SecretPage(),
        test=TestPage(),
        summary=SummaryPage(),
        done=DonePage(),
    )
