"""The terminal wizard's application: keys, moving between pages, start and end (SPEC §10).

Keyboard first: Tab moves between fields, Enter moves on when the page is valid (on the Summary it writes;
on a focused button it presses that button), Esc goes back (on the first page it asks whether to quit), Space
ticks and chooses, Ctrl+Q quits (asking first once answers were given), Ctrl+C cancels a running test or else
quits as Ctrl+Q does. Quitting before the Done page is "cancelled" (exit 1, as the command
line's cancelled run and the GUI's closed window), with nothing written. The
mouse works as well. Textual honours NO_COLOR by itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Button, Collapsible, Input, OptionList, RadioButton, RadioSet

from wizard.core import i18n
from wizard.core.i18n import tr
from wizard.flow import Flow, FlowError, PageId
from wizard.startup import pause_collection
from wizard.tui.key_order import KeyDone, KeyGate, KeysSettled, after_pending_keys
from wizard.tui.quit_screen import QuitScreen
from wizard.tui.screens import PageScreen, QuestionScreen, ScreenHost, TestScreen, screen_for

if TYPE_CHECKING:
    from wizard.demo.environment import DemoEnvironment

EXIT_FINISHED, EXIT_CANCELLED = 0, 1
QUIT_AFTER_ENV = "SMTP_WIZARD_QUIT_AFTER_MS"  # the same switch as the GUI's (wizard/ui/app.py)
HEADLESS_SIZE = (80, 24)  # columns, lines: a terminal's customary size, for headless runs (smoke tests, bench)


class WizardApp(App[int]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", priority=True, show=False),
        Binding("escape", "escape_back", priority=True, show=False),
        Binding("ctrl+q", "quit_wizard", show=False, priority=True),
        # as in any terminal program: Ctrl+C stops what runs (the live test), else quits (Textual's own
        # Ctrl+C only says to press Ctrl+Q)
        Binding("ctrl+c", "interrupt", show=False, priority=True),
    ]
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        flow: Flow,
        *,
        demo: DemoEnvironment | None = None,
        on_shown: Callable[[], None] | None = None,
        quit_after_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.flow = flow
        self.demo = demo
        self._on_shown = on_shown  # called once the first page is on screen (bench, smoke tests)
        self._quit_after_ms = quit_after_ms
        self._keys = KeyGate(self._hand_on, self.set_timer)  # one key on its way at a time (key_order.py)
        self._changing: Awaitable[object] | None = None  # the page (or question) being put on screen

    async def on_mount(self) -> None:
        self.title = tr("tui.title")
        if self.demo is not None:
            await self.demo.start()
        await self.push_screen(screen_for(self.flow))
        self.call_after_refresh(self._shown)

    async def _shown(self) -> None:
        if self._on_shown is not None:
            self._on_shown()
        if not self.flow.loaded:  # read the files now that the first page is on screen
            self.flow.load()
            screen = self.page_screen
            if screen is not None:
                await screen.refresh_state()
        if self._quit_after_ms is not None:  # Textual's timers refuse a delay of 0
            self.set_timer(max(self._quit_after_ms, 1) / 1000, lambda: self.exit(EXIT_FINISHED))

    @property
    def page_screen(self) -> PageScreen | None:
        """The page on screen; also while the question whether to quit is asked over it."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, PageScreen):
                return screen
        return None

    def show_page(self) -> None:
        """Show the flow's current page (after Next, Back, a link, or a change of language)."""
        self.title = tr("tui.title")
        self._changing = self.switch_screen(screen_for(self.flow))

    # -- keys -----------------------------------------------------------------------------------------

    def action_next(self) -> None:
        """Enter: once the keys typed before it have reached the page (key_order.py), press the focused
        button, take the highlighted suggestion or option, or go to the next page."""
        focused = self.focused
        self._keys.hold()  # the keys after Enter go to where Enter leads (released in on_keys_settled)
        if isinstance(focused, Button):
            focused.press()
            after_pending_keys(focused, _nothing)  # behind the press: the page it leads to is known by then
            return
        after_pending_keys(focused or self.screen, self._next_now)

    def action_escape_back(self) -> None:
        """Esc: Back, once the keys typed before it have reached the page; on the first page, ask to quit."""
        self._keys.hold()
        after_pending_keys(self.focused or self.screen, self.action_go_back)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self._keys.arrived(event)
            return
        await super().on_event(event)

    async def _hand_on(self, key: events.Key) -> Widget | None:
        """Textual's own handling of a key read from the terminal; the widget it was queued at when the key
        may travel back up (None: handled here, or a character an input field takes itself, in order)."""
        target = self.focused or self.screen
        await super().on_event(key)
        if not key.is_forwarded or (key.is_printable and isinstance(target, Input)):
            return None
        return target

    async def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        await self._keys.done()

    async def on_keys_settled(self, message: KeysSettled) -> None:
        message.stop()
        try:
            if message.screen is self.screen:  # else the page the key was typed on has gone meanwhile
                result = message.then()
                if result is not None:
                    await result
        finally:
            # the next key goes to the page this one led to, once it is up and has put its focus
            changing, self._changing = self._changing, None
            if changing is not None:
                await changing
            self.call_after_refresh(self._keys.done)

    async def _next_now(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
            return
        if focused is not None and isinstance(focused.parent, Collapsible):  # "More…", "Advanced": open, close
            focused.parent.collapsed = not focused.parent.collapsed
            return
        screen = self.page_screen
        if isinstance(focused, OptionList) and isinstance(screen, QuestionScreen) and focused.id == "suggestions":
            if focused.highlighted is not None:
                await screen.use_suggestion(focused.highlighted)
            return
        if isinstance(focused, RadioSet):
            _choose_highlighted(focused)
            await self._settle()
        self.go_next()

    async def _settle(self) -> None:
        """Let the choice just made reach the flow before moving on."""
        screen = self.page_screen
        if screen is not None:
            await screen.refresh_state()

    def go_next(self) -> None:
        screen = self.page_screen
        if screen is None or isinstance(self.screen, QuitScreen):
            return
        if self.flow.page is PageId.DONE:
            self.exit(EXIT_FINISHED)
            return
        self.flow.tried_to_leave()
        problems = self.flow.problems()
        if problems:
            self.call_later(screen.refused, problems)  # the reasons, also under each empty field now
            return
        screen.before_leaving()
        try:
            self.flow.advance()
        except FlowError as exc:  # nothing written; the page stays with every value
            self.call_later(screen.refused, exc.problems)
            return
        self.show_page()

    def action_go_back(self) -> None:
        """Back, every value kept; on the first page, the question whether to quit; in that question, stay."""
        if isinstance(self.screen, QuitScreen):
            self._changing = self.screen.dismiss(False)
            return
        screen = self.page_screen
        if screen is None or self.flow.page is PageId.DONE:
            return
        if not self.flow.history:
            self.ask_to_quit()
            return
        screen.before_leaving()
        self.flow.back()
        self.show_page()

    def action_interrupt(self) -> None:
        """Ctrl+C: cancel a running live test (the page stays, with Retry); with nothing running, quit."""
        screen = self.page_screen
        if isinstance(screen, TestScreen) and screen.running():
            screen.cancel_test()
            return
        self.action_quit_wizard()

    def action_quit_wizard(self) -> None:
        """Ctrl+Q: quit at once on the Done page or before any answer was given, else ask first; pressed
        again while asking, quit. The keys after it answer the question (once it is up)."""
        self._keys.hold()
        after_pending_keys(self.focused or self.screen, self._quit_wizard_now)

    def _quit_wizard_now(self) -> None:
        if isinstance(self.screen, QuitScreen) or self.flow.page is PageId.DONE or not self.flow.answers_given():
            self.quit_now()
            return
        self.ask_to_quit()

    def ask_to_quit(self) -> None:
        if isinstance(self.screen, QuitScreen):
            return

        def answered(quit: bool | None) -> None:
            if quit:
                self.quit_now()

        self._changing = self.push_screen(QuitScreen(), answered)

    def quit_now(self) -> None:
        screen = self.page_screen
        if screen is not None:
            screen.before_leaving()
        self.exit(EXIT_FINISHED if self.flow.page is PageId.DONE else EXIT_CANCELLED)


def _nothing() -> None:
    """What Enter does after pressing a focused button: the press did it all."""


def _choose_highlighted(radio_set: RadioSet) -> None:
    """Enter on a choice takes the highlighted option (as Space would) before moving on."""
    index = radio_set._selected  # the highlighted button (Textual keeps no public name for it)
    buttons = list(radio_set.query(RadioButton))
    if index is not None and 0 <= index < len(buttons) and not buttons[index].value:
        buttons[index].value = True


def run_tui(
    config: Path | None,
    demo: bool,
    lang: str | None,
    *,
    on_shown: Callable[[], None] | None = None,
    **flow_options: Any,
) -> int:
    """Run the terminal wizard until it ends: 0 finished (Done page), 1 cancelled. With QUIT_AFTER_ENV set
    (smoke tests, bench) it quits that many ms after the first page is shown, headless without a terminal."""
    # No collection until the first page is up (wizard/startup.py): what the imports made is frozen out of
    # the collector's sight (tests/tui/test_first_screen_collection.py), and building the page makes ~100 000
    # objects that all stay. Collection resumes once it is shown, or when the app ends before.
    resume_collection = pause_collection()

    def shown() -> None:
        if on_shown is not None:
            on_shown()
        resume_collection()

    i18n.set_language(lang or i18n.language_from_environment())
    environment = None
    if demo:
        from wizard.demo.environment import DemoEnvironment  # lazy: the demo's server and files, only with --demo

        environment = DemoEnvironment()
        config_path = environment.config_path
        environment.close_on_hangup(EXIT_CANCELLED)
    else:
        config_path = (config or Path.cwd() / "config.toml").expanduser().absolute()
    try:
        flow_options.setdefault("auto_discover", not demo)
        flow = Flow(config_path, demo=environment, load=False, **flow_options)
        quit_after = os.environ.get(QUIT_AFTER_ENV, "").strip()
        app = WizardApp(flow, demo=environment, on_shown=shown, quit_after_ms=int(quit_after) if quit_after else None)
        headless = bool(quit_after) and not sys.stdout.isatty()
        # Headless there is no terminal to ask: Textual's console then guesses 80×25 and its driver 80×24,
        # and the first page was laid out at one size and again at the other. One size for both.
        result = app.run(headless=headless, size=HEADLESS_SIZE if headless else None)
    finally:
        resume_collection()  # also when the first page never came up
        if environment is not None:
            environment.close()
    return EXIT_CANCELLED if result is None else int(result)


if TYPE_CHECKING:

    def _is_a_screen_host(app: WizardApp) -> ScreenHost:
        """mypy checks here that the application offers its screens everything `ScreenHost` names."""
        return app
