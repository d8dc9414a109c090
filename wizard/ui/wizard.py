"""The QWizard that strings the pages together: ids, branching, the settings they add up to, clean closing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtGui
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget, QWizard

from wizard.ui.context import WizardContext
from wizard.ui.leaving import ask_to_quit
from wizard.ui.pages.base import Page, PageHost
from wizard.ui.pages.ids import PageId, from_flow
from wizard.ui.pages.welcome import WelcomePage
from wizard.ui.style import app_icon, dress, no_tab_stop, scrollable

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeyEvent

    from wizard.core.secret import Secret
    from wizard.core.settings import Settings
    from wizard.demo.environment import DemoEnvironment
    from wizard.flow.flow import Flow


class SetupWizard(QWizard):
    def __init__(
        self,
        config_path: Path,
        *,
        demo: DemoEnvironment | None = None,
        ca_file: Path | None = None,
        connect_to: tuple[str, int] | None = None,
        keyring_backend: Any = None,
        keyring_allow_insecure: bool = False,
        discovery_options: dict[str, Any] | None = None,
        deferred: bool = False,
        quick: bool = True,
        live_discovery: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # The quick path (SPEC §6 rev 2): Welcome → Account → Test → Summary → Done when the flow knows the
        # server; "Change server settings…" and the fix links switch to the full route (`detailed`).
        self.quick = quick
        self.live_discovery = live_discovery  # discovery while the address is typed (tests confine it)
        self._flow: Flow | None = None
        self.ctx = WizardContext(
            config_path=config_path,
            demo=demo,
            ca_file=ca_file,
            connect_to=connect_to,
            keyring_backend=keyring_backend,
            keyring_allow_insecure=keyring_allow_insecure,
            discovery_options=discovery_options,
        )
        self.pages_ready = False
        self._set_title()
        self._header_fit = dress(self)  # icon, header logo, header fitted to its subtitles (wizard/ui/style.py)
        self.welcome = WelcomePage()
        scrollable(self.welcome)
        self.setPage(int(PageId.WELCOME), self.welcome)
        self.setStartId(int(PageId.WELCOME))
        self.welcome.path_edit.setText(str(config_path))
        self._focus_request: QWidget | None = None  # a fix link's field, focused when its page shows
        self._going_back = False
        self._follow_path: list[PageId] | None = None  # set while the wizard moves to where the flow jumped
        # A timer owned by the wizard (not QTimer.singleShot with a bare callable): it dies with the window,
        # so a focus request can never run on a closed wizard.
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(0)
        self._focus_timer.timeout.connect(self.focus_current_page)
        self.currentIdChanged.connect(self._page_shown)
        if not deferred:
            self.add_remaining_pages()

    def fit_header(self) -> None:
        """Give the header's title and subtitle the height their text needs at their width now (the window
        calls it once shown, before its first frame; from `add_remaining_pages` on it follows every resize)."""
        self._header_fit.fit()

    def _set_title(self) -> None:
        """The window title in the current language. The application's display name follows it: Qt appends
        the display name to a window title that does not contain it ("SMTP-Einrichtungsassistent — SMTP
        Setup Wizard"), so both must be the same text."""
        title = self.tr("SMTP Setup Wizard")
        QGuiApplication.setApplicationDisplayName(title)
        self.setWindowTitle(title)

    def switch_language(self, lang: str) -> None:
        """Switch the whole wizard to `lang`. The Welcome page (where the choice is made) retranslates in
        place; the later pages are rebuilt in the new language and show the flow's answers, which the
        switch does not touch."""
        from wizard.ui.translation import switch_language  # lazy: Qt's translators, only when switching

        app = QApplication.instance()
        assert app is not None
        switch_language(app, lang)
        if self._flow is not None:
            self._flow.set("language", lang)
        self._set_title()
        self.welcome.retranslate()
        if not self.pages_ready:
            return
        for page_id in PageId:
            if page_id is not PageId.WELCOME:
                page = self.page(int(page_id))
                self.removePage(int(page_id))
                page.deleteLater()
        self.pages_ready = False
        self.add_remaining_pages(load=False)

    @property
    def flow(self) -> Flow:
        """The one flow of this session: it owns every answer on every route; the pages only present it.
        Made on first use (not before the first window is on screen: it imports the settings model)."""
        if self._flow is None:
            # lazy: the flow (~45 ms: the settings model, the questions) after the first frame
            from wizard.flow.flow import Flow

            ctx = self.ctx
            self._flow = Flow(
                ctx.config_path,
                demo=ctx.demo,
                quick=self.quick,
                ca_file=ctx.ca_file,
                keyring_backend=ctx.keyring_backend,
                keyring_allow_insecure=ctx.keyring_allow_insecure,
                connect_to=ctx.connect_to,
                discovery_options=ctx.discovery_options,
                load=False,
                auto_discover=self.live_discovery,
            )
        return self._flow

    @property
    def flow_if_made(self) -> Flow | None:
        """The flow if it exists already (texts shown before it is needed must not make it)."""
        return self._flow

    def add_remaining_pages(self, *, load: bool = True) -> None:
        """Build the pages after the first one. `run_gui` calls this once the window is on screen: the
        pages import the settings model, its validators and the probe's report types, which take time."""
        # lazy: the later pages after the first frame (they import the flow, the settings model, the probe's views)
        from wizard.ui import later_pages

        pages = later_pages.build()
        self.sender_page = pages.sender
        self.server = pages.server
        self.security = pages.security
        self.secret_page = pages.secret
        self.test = pages.test
        self.summary = pages.summary
        self.done_page = pages.done
        for page_id, page in pages.in_order():
            scrollable(page)
            self.setPage(int(page_id), page)
        for number in self.pageIds():  # the first page's too, now that the window is on screen
            no_tab_stop(self.page(number))
        self._header_fit.watch()
        self.setWindowIcon(app_icon())  # in the title bar and task bar a moment after the first frame
        self.pages_ready = True
        if not load:
            return
        # Read config.toml now that the file layer may load; with the page as context, so a wizard closed
        # before the loop turns never reads on a deleted page.
        QTimer.singleShot(0, self.welcome, self.welcome.load)

    # -- what the pages add up to (the flow's) ---------------------------------------------------------

    def skipping(self) -> bool:
        return bool(self.flow.answers.skip)

    def secret(self) -> Secret | None:
        return self.flow.secret()

    def settings(self) -> Settings:
        """The settings the flow's answers add up to, validated by the core."""
        return self.flow.settings()

    def test_passed(self) -> bool:
        return self.flow.test_passed()

    # -- moving around ------------------------------------------------------------------------------

    def _page_shown(self, _page_id: int) -> None:
        page = self.currentPage()
        if isinstance(page, Page) and self.pages_ready and self._follow_path is None:
            page.show_flow()  # also after Back: the flow may have changed an answer shown here
        if not self._going_back:  # going back over several pages: focus once, on the last
            self._focus_timer.start()

    def update_next_label(self) -> None:
        """QWizard asks nextId() again (the route may have changed while typing). Before the wizard has
        started (a demo or an existing setup fills the pages as they are built) there is no page to ask."""
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()

    def following_flow(self) -> bool:
        """Whether the wizard is moving to where the flow jumped (its pages then leave the flow alone)."""
        return self._follow_path is not None

    def follow_next(self, page: PageId) -> int | None:
        """During `follow_flow`: the page after `page` on the flow's path (None: `page` is where it ends)."""
        path = self._follow_path or []
        return int(path[path.index(page) + 1]) if page in path and page is not path[-1] else None

    def act(self, action_id: str) -> None:
        """Do one of the flow's actions (a fix link, "Change server settings…", …) and show where it leads,
        with the field it is about focused and its text selected (the wrong value is typed over)."""
        self.flow.act(action_id)
        self.follow_flow()

    def open_server_settings(self) -> None:
        """ "Change server settings…": the full route from the Account page on, every value kept."""
        self.act("change_server")

    def follow_flow(self) -> None:
        """Bring the QWizard to the flow's page along the flow's path (Back over pages not on it, Next along
        it): after a jump of the flow (a fix link, "Change server settings…")."""
        flow = self.flow
        path = [from_flow(p) for p in [*flow.history, flow.page]]
        self._follow_path = path
        self._going_back = True
        try:
            while True:
                visited = [PageId(i) for i in self.visitedIds()]
                if visited == path[: len(visited)] or len(visited) <= 1:
                    break
                self.back()
            while self.currentId() != int(path[-1]) and self.currentId() in [int(p) for p in path]:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
        finally:
            self._going_back = False
            self._follow_path = None
        page = self.currentPage()
        if isinstance(page, Page):
            page.show_flow()
        self.update_next_label()  # the buttons as the flow's route says from here
        focus = page.field_widget(flow.focus) if isinstance(page, Page) and flow.focus else None
        flow.focus = None
        self._focus_request = focus
        self.focus_current_page()  # at once (the page may not have changed) and once more when shown
        self._focus_request = focus
        self._focus_timer.start()

    def focus_current_page(self) -> None:
        """Put the keyboard focus where the user continues on the page just shown (a fix link's field first)."""
        page = self.currentPage()
        request, self._focus_request = self._focus_request, None
        target = request if request is not None and page is not None and page.isAncestorOf(request) else None
        if target is None and isinstance(page, Page):
            target = page.arrival_focus()
        if target is not None:
            target.setFocus()
            if isinstance(target, QLineEdit) and request is not None:
                target.selectAll()  # the wrong value is typed over

    def stop_work(self) -> None:
        if self.pages_ready:
            self.test.cancel_probe()
            self.server.cancel_detect()

    def done(self, result: int) -> None:
        self.stop_work()
        super().done(result)

    # -- leaving (SPEC §12 rev 3, §6/§10) ------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc is Back, as in the terminal wizard (QDialog's Esc would close the wizard at once); on the first
        page it asks whether to quit; on the last page it closes, as Finish does."""
        # StandardKey.Cancel is Esc alone; naming Qt.Key at import would build Qt's namespace before the first
        # frame (tests/ui/test_first_frame_cost.py), and QKeySequence is looked up on the first key, not at import
        if event.matches(QtGui.QKeySequence.StandardKey.Cancel):
            event.accept()
            if self.currentId() == int(PageId.DONE):
                self.accept()
            elif len(self.visitedIds()) > 1 and self.button(QWizard.WizardButton.BackButton).isEnabled():
                self.back()
            elif len(self.visitedIds()) <= 1:
                ask_to_quit(self, self.quit_now)
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Cancel or closing the window: with answers given (and nothing written yet), ask first."""
        flow = self.flow_if_made
        if flow is not None and flow.answers_given() and self.currentId() != int(PageId.DONE):
            ask_to_quit(self, self.quit_now)
            return
        self.quit_now()

    def quit_now(self) -> None:
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)  # QDialog asks reject(), which may keep the window open (the question)
        if event.isAccepted():
            self.stop_work()


if TYPE_CHECKING:

    def _is_a_page_host(wizard: SetupWizard) -> PageHost:
        """mypy checks here that the wizard offers its pages everything `PageHost` names."""
        return wizard
