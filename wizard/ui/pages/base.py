"""What every page needs from the wizard: the one flow it presents, the shared context, typed access to the
other pages, and the moves (Next, Back) done through the flow so the two cannot disagree.

The pages know their wizard only as `PageHost`, the few things they use of it; `wizard/ui/wizard.py` builds
the pages and is a `PageHost` (checked there), so no page imports the wizard back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtWidgets import QAbstractButton, QWidget, QWizard, QWizardPage

from wizard.flow.errors import FlowError
from wizard.flow.pages import PageId as FlowPage
from wizard.ui.pages.ids import PageId, from_flow, to_flow

if TYPE_CHECKING:
    from wizard.core.secret import Secret
    from wizard.flow.flow import Flow
    from wizard.flow.questions import Question
    from wizard.ui.context import WizardContext


class PageHost(Protocol):
    """What a page uses of the QWizard that holds it (`SetupWizard` in wizard/ui/wizard.py)."""

    @property
    def flow(self) -> Flow: ...

    @property
    def flow_if_made(self) -> Flow | None: ...

    @property
    def ctx(self) -> WizardContext: ...

    @property
    def pages_ready(self) -> bool: ...

    @property
    def sender_page(self) -> Page: ...

    def secret(self) -> Secret | None: ...

    def switch_language(self, lang: str) -> None: ...

    def update_next_label(self) -> None: ...

    def following_flow(self) -> bool: ...

    def follow_next(self, page: PageId) -> int | None: ...

    def act(self, action_id: str) -> None: ...

    def open_server_settings(self) -> None: ...


class Page(QWizardPage):
    """Base of the wizard's pages. A page holds no answers of its own: its widgets show `flow.questions()`
    and every edit goes to `flow.set()`. Next is `flow.advance()` (refused with the flow's problems), Back
    is `flow.back()`, and where Next leads is the flow's route. QWizard's default `cleanupPage` would reset
    registered fields; there are none, and Back keeps every value because the flow does."""

    page_id: PageId = PageId.WELCOME

    def flow_page(self) -> FlowPage:
        return to_flow(self.page_id)

    @property
    def flow(self) -> Flow:
        return self.wiz().flow

    def cleanupPage(self) -> None:
        """Back: the flow returns to the page before (every value kept)."""
        if self.wizard() is not None and not self.wiz().following_flow() and self.flow.page is self.flow_page():
            self.flow.back()

    def validatePage(self) -> bool:
        """Next: the flow moves on when the page is complete (on the Summary page it writes)."""
        flow = self.flow
        if self.wiz().following_flow() or flow.page is not self.flow_page():
            return True  # the flow is elsewhere already (the wizard follows one of its jumps)
        try:
            flow.advance()
        except FlowError as exc:
            self.refused(exc.problems)
            return False
        return True

    def refused(self, problems: list[str]) -> None:
        """The flow refused Next with these reasons: show them (pages with their own place override this)."""
        self.show_flow()

    def nextId(self) -> int:
        """Where Next leads: the flow's route from this page (after Next: where the flow went)."""
        if self.wizard() is None:
            return -1
        following = self.wiz().follow_next(self.page_id) if self.wiz().following_flow() else None
        if following is not None:
            return following
        flow, mine = self.flow, self.flow_page()
        if flow.page is not mine and flow.history and flow.history[-1] is mine:
            target: FlowPage | None = flow.page
        elif mine is FlowPage.ACCOUNT:
            target = flow.account_target()
        else:
            target = flow.next_of(mine)
        return -1 if target is None else int(from_flow(target))

    def isComplete(self) -> bool:
        if self.wizard() is None:
            return False
        return not self.flow.problems(self.flow_page())

    def show_flow(self) -> None:
        """Show the flow's state for this page (values, problems, messages) in the current language."""

    def show_heading(self) -> None:
        """The page's title and subtitle, the flow's words in the current language."""
        self.setTitle(self.flow.title(self.flow_page()))
        self.setSubTitle(self.flow.subtitle(self.flow_page()))

    def questions_by_name(self) -> dict[str, Question]:
        """This page's questions as the flow has them now, by the answer each edits."""
        return {q.name: q for q in self.flow.questions(self.flow_page())}

    def field_widget(self, name: str) -> QWidget | None:
        """The input that shows the flow's question `name` (a fix link focuses it), if on this page."""
        return None

    def choice_widgets(self, name: str) -> dict[str, QAbstractButton]:
        """The buttons that show the options of the flow's choice `name`, by option value (empty if none)."""
        return {}

    def first_field(self) -> QWidget | None:
        """Where typing goes on arrival (SPEC §6 rev 2: the first field focused); None: the wizard's Next."""
        return None

    def arrival_focus(self) -> QWidget | None:
        """The widget focused when the page is shown: the first field, else the checked choice, else the
        wizard's Next (or commit/Finish) button, so Enter and Space do what the page is for."""
        field = self.first_field()
        if field is not None and field.isVisibleTo(self) and field.isEnabled():
            return field
        wizard = self.wizard()
        if wizard is None:
            return None
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            button: QAbstractButton = wizard.button(which)
            if button.isVisible() and button.isEnabled():
                return button
        return None

    def wiz(self) -> PageHost:
        wizard = self.wizard()
        assert wizard is not None
        return cast("PageHost", wizard)

    @property
    def ctx(self) -> WizardContext:
        return self.wiz().ctx
