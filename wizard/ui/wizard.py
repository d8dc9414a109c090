"""The QWizard that strings the pages together: ids, branching, the settings they add up to, clean closing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from wizard.ui.context import WizardContext
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.pages.welcome import WelcomePage

if TYPE_CHECKING:
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
        self.detailed = not quick
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
        self.welcome = WelcomePage()
        self.setPage(int(PageId.WELCOME), self.welcome)
        self.setStartId(int(PageId.WELCOME))
        self.welcome.path_edit.setText(str(config_path))
        self._focus_request: QWidget | None = None  # a fix link's field, focused when its page shows
        self._going_back = False
        # A timer owned by the wizard (not QTimer.singleShot with a bare callable): it dies with the window,
        # so a focus request can never run on a closed wizard.
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(0)
        self._focus_timer.timeout.connect(self.focus_current_page)
        self.currentIdChanged.connect(self._page_shown)
        if not deferred:
            self.add_remaining_pages()

    def _set_title(self) -> None:
        """The window title in the current language. The application's display name follows it: Qt appends
        the display name to a window title that does not contain it ("SMTP-Einrichtungsassistent — SMTP
        Setup Wizard"), so both must be the same text."""
        from PySide6.QtGui import QGuiApplication

        title = self.tr("SMTP Setup Wizard")
        QGuiApplication.setApplicationDisplayName(title)
        self.setWindowTitle(title)

    def switch_language(self, lang: str) -> None:
        """Switch the whole wizard to `lang`. The Welcome page (where the choice is made) retranslates in
        place; the later pages are rebuilt in the new language with every value they held."""
        from PySide6.QtWidgets import QApplication

        from wizard.ui.translation import switch_language

        app = QApplication.instance()
        assert app is not None
        values = self._values() if self.pages_ready else None
        switch_language(app, lang)
        self._set_title()
        self.welcome.retranslate()
        if values is None:
            return
        for page_id in PageId:
            if page_id is not PageId.WELCOME:
                page = self.page(int(page_id))
                self.removePage(int(page_id))
                page.deleteLater()
        self.pages_ready = False
        self.add_remaining_pages(load=False)
        self._restore(values)

    def _values(self) -> dict[str, Any]:
        """What the later pages hold, as typed (not validated): to carry it over a rebuild."""
        names = ("login_not_address", "user", "host", "port", "relay", "secret_var")
        values: dict[str, Any] = {name: self.field(name) for name in names}
        values["security"] = self.security.choice_state()
        values["secret"] = self.secret_page.choice_state()  # the typed secret stays in memory only
        values["send_to"] = self.test.send_to.text()
        return values

    def _restore(self, values: dict[str, Any]) -> None:
        for name in ("login_not_address", "user", "host", "port", "relay", "secret_var"):
            self.setField(name, values[name])
        self.security.restore_choice_state(values["security"])
        self.secret_page.restore_choice_state(values["secret"])
        self.test.send_to.set_text(values["send_to"])

    def add_remaining_pages(self, *, load: bool = True) -> None:
        """Build the pages after the first one. `run_gui` calls this once the window is on screen: the
        pages import the settings model, its validators and the probe's report types, which take time."""
        from wizard.ui.pages.done import DonePage
        from wizard.ui.pages.secret import SecretPage
        from wizard.ui.pages.security import SecurityPage
        from wizard.ui.pages.sender import SenderPage
        from wizard.ui.pages.server import ServerPage
        from wizard.ui.pages.summary import SummaryPage
        from wizard.ui.pages.test import TestPage

        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.sender_page = SenderPage()
        self.server = ServerPage()
        self.security = SecurityPage()
        self.secret_page = SecretPage()
        self.test = TestPage()
        self.summary = SummaryPage()
        self.done_page = DonePage()
        for page_id, page in (
            (PageId.SENDER, self.sender_page),
            (PageId.SERVER, self.server),
            (PageId.SECURITY, self.security),
            (PageId.SECRET, self.secret_page),
            (PageId.TEST, self.test),
            (PageId.SUMMARY, self.summary),
            (PageId.DONE, self.done_page),
        ):
            self.setPage(int(page_id), page)
        self.pages_ready = True
        if not load:
            return
        if self.ctx.demo is not None:
            self.preset(self.ctx.demo.settings)
        # Read config.toml now that the file layer may load; with the page as context, so a wizard closed
        # before the loop turns never reads on a deleted page.
        QTimer.singleShot(0, self.welcome, self.welcome.load)

    # -- what the pages add up to ------------------------------------------------------------------

    def skipping(self) -> bool:
        return self.welcome.skipping()

    def layout_choice(self) -> str:
        return self.welcome.layout_choice()

    def secret(self) -> Secret | None:
        return self.secret_page.value()

    def settings(self) -> Settings:
        """The settings as entered, validated by the core (the pages already refuse invalid input)."""
        from wizard.core.settings import Settings

        return Settings(
            user=str(self.field("user")),
            host=str(self.field("host")),
            port=int(self.field("port")),
            security=self.security.security(),
            secret_var=str(self.field("secret_var")),
            secret_source=self.secret_page.source(),
            secret=self.secret(),
        ).validated()

    def test_passed(self) -> bool:
        return self.test.passed()

    # -- filling in ---------------------------------------------------------------------------------

    def preset(self, settings: Settings) -> None:
        """Fill every page from `settings` (an existing config, or the demo)."""
        from wizard.core.settings import Security

        # The relay box first (ticking it may fill defaults), then the values the file names, which win.
        self.setField("relay", settings.security is Security.NONE)
        self.setField("login_not_address", not settings.user_is_address)  # first: it decides how `user` is checked
        self.setField("user", settings.user)
        self.setField("host", settings.host)
        self.setField("port", settings.port)
        self.server.mark_prefilled()
        self.setField("secret_var", settings.secret_var)
        self.ctx.security_hint = Security(settings.security)
        self.security.select(Security(settings.security))
        self.secret_page.preset(settings.secret_source)

    def prefill_from_existing(self) -> None:
        """Pre-fill from the chosen config.toml's [smtp], once per file (later edits are the user's)."""
        existing = self.ctx.existing
        if existing is None or self.ctx.prefilled_from == existing.config_path:
            return
        self.ctx.prefilled_from = existing.config_path
        settings = existing.prefill()
        if settings is not None:
            self.preset(settings)

    # -- moving around ------------------------------------------------------------------------------

    def _page_shown(self, _page_id: int) -> None:
        if not self._going_back:  # going back over several pages: focus once, on the last
            self._focus_timer.start()

    # -- the quick path --------------------------------------------------------------------------------

    def on_quick_path(self) -> bool:
        return self.quick and not self.detailed and not self.skipping()

    def route_flow(self) -> Flow | None:
        """The UI-free flow for the chosen config file, past its Welcome page: it recognises the provider and
        decides whether the Account page leads straight to the live test. None if it cannot read the file
        (the full route then asks for everything)."""
        from wizard.flow.flow import Flow, FlowError

        path = self.ctx.config_path
        if self._flow is None or self._flow.config_path != path:
            ctx = self.ctx
            flow = Flow(
                path,
                demo=ctx.demo,
                ca_file=ctx.ca_file,
                connect_to=ctx.connect_to,
                discovery_options=ctx.discovery_options,
            )
            try:
                flow.advance()  # Welcome → Account: pre-fills from the existing setup or the demo
            except FlowError:
                return None
            self._flow = flow
        return self._flow

    def update_next_label(self) -> None:
        """QWizard asks nextId() again (the route may have changed while typing)."""
        self.currentPage().completeChanged.emit()

    def take_account(self, flow: Flow, password: str, *, to_test: bool) -> None:
        """Leaving the Account page: the password goes to the Secret page; on the quick path the flow picks
        the server (the best suggestion, or the existing setup's) and the skipped pages are filled from it."""
        from wizard.core.settings import SecretSource, Security
        from wizard.flow.flow import FlowError
        from wizard.flow.pages import PageId as FlowPage

        secret = self.secret_page
        if password:
            secret.preset(SecretSource.NEW)
            secret.secret.setText(password)
        if not to_test:
            return
        if flow.page is FlowPage.ACCOUNT:
            try:
                flow.advance()
            except FlowError:
                return
        a = flow.answers
        security = Security(a.security)
        self.server.fill_from_flow(a.host, int(a.port), relay=security is Security.NONE)
        self.ctx.security_hint = security
        self.ctx.provider_hint = flow.provider_hint
        self.security.select(security)
        if not password:
            secret.preset(SecretSource(a.secret_source))

    def open_server_settings(self, target: PageId = PageId.SERVER, focus: QWidget | None = None) -> None:
        """ "Change server settings…" and a fix link to a page the quick path skipped: the full route from the
        Account page on, every value kept, up to `target`."""
        self.detailed = True
        self._going_back = True
        try:
            while self.currentId() != int(PageId.SENDER) and len(self.visitedIds()) > 1:
                self.back()
            for _ in range(4):
                if self.currentId() == int(target) or not self.currentPage().isComplete():
                    break
                self.next()
        finally:
            self._going_back = False
        page = self.currentPage()
        if focus is None and isinstance(page, Page):
            focus = page.arrival_focus()
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
            from PySide6.QtWidgets import QLineEdit

            if isinstance(target, QLineEdit) and request is not None:
                target.selectAll()  # the wrong value is typed over

    def go_back_to(self, page_id: PageId, focus: QWidget | None = None) -> None:
        """Back to the page that holds a wrong value, with `focus` (its field) focused; Back keeps every value
        on the way."""
        visited = self.visitedIds()
        if int(page_id) not in visited and page_id in (PageId.SERVER, PageId.SECURITY, PageId.SECRET):
            self.open_server_settings(page_id, focus)  # skipped by the quick path
            return
        target = int(page_id) if int(page_id) in visited else int(PageId.SERVER)
        self._going_back = True
        try:
            while self.currentId() != target and len(self.visitedIds()) > 1:
                self.back()
        finally:
            self._going_back = False
        page = self.currentPage()
        if focus is None and isinstance(page, Page):
            focus = page.arrival_focus()
        self._focus_request = focus  # focused with its text selected: the wrong value is typed over
        self._focus_timer.start()

    def stop_work(self) -> None:
        if self.pages_ready:
            self.test.cancel_probe()
            self.server.cancel_detect()

    def done(self, result: int) -> None:
        self.stop_work()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_work()
        super().closeEvent(event)
