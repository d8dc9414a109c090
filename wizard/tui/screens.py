"""One Textual screen per page of the flow. The chrome (title, Back/Next, key line) is shared; the body shows
the page's questions, messages and actions as the flow describes them, and the Test, Summary and Done pages
their own views."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList, RadioSet, Static
from textual.worker import Worker, WorkerState

from wizard.core.i18n import tr
from wizard.flow.content import describe_suggestion
from wizard.flow.pages import PageId
from wizard.flow.questions import Level, Question
from wizard.tui import button_rows
from wizard.tui.disclosure import CSS as DISCLOSURE_CSS
from wizard.tui.disclosure import disclosure
from wizard.tui.fields import QuestionBlock, safe_id, show_questions

if TYPE_CHECKING:
    from wizard.flow import Flow
    from wizard.flow.deliverability_view import DeliverabilityView
    from wizard.flow.testing import TestRun

# The checklist's mark and style per step status (pending, running, ok, failed, skipped).
STEP_COLUMN, STATUS_COLUMN = 38, 15  # the checklist's narrowest column widths (characters)
DISCOVERY_PAUSE = 1.0  # seconds without typing before the quick path looks the server up
MARKS = {
    "pending": ("·", ""),
    "running": ("…", "bold"),
    "ok": ("✓", "green"),
    "failed": ("✗", "bold red"),
    "skipped": ("-", "dim"),
}


class ScreenHost(Protocol):
    """What a page screen asks of the application that shows it (`WizardApp` in wizard/tui/app.py, which
    builds the screens and is checked there to be one), so no screen imports the application back."""

    def go_next(self) -> None: ...

    def action_go_back(self) -> None: ...

    def show_page(self) -> None: ...


class PageScreen(Screen[None]):
    """The frame every page shares; subclasses fill the body."""

    DEFAULT_CSS = """
    PageScreen { layout: vertical; }
    #title { height: 1; padding: 0 1; background: $primary; color: $text; text-style: bold; }
    #subtitle { height: auto; padding: 0 1; color: $text-muted; }
    #body { height: 1fr; padding: 0 1; }
    #refusal { height: auto; padding: 0 1; color: $error; }
    #buttons { height: 1; padding: 0 1; }
    #next { dock: right; }
    #keys { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    #messages, #questions { height: auto; }
    #messages { margin: 0 0 1 0; }
    #messages .message, #messages .disclosure { margin: 0; }
    #detect-row, #test-buttons { height: 1; margin: 0 0 1 0; }
    #detect-row Button, #test-buttons Button { margin: 0 1 0 0; }
    #suggestions { height: auto; max-height: 5; margin: 0 0 1 0; }
    .message { height: auto; margin: 0 0 1 0; }
    .warning { color: $warning; }
    .error { color: $error; }
    .heading { text-style: bold; height: auto; }
    .mono { height: auto; }
    .help { color: $text-muted; height: auto; }
    """ + button_rows.CSS + DISCLOSURE_CSS
    AUTO_FOCUS = "#questions Input, #questions Checkbox, #questions RadioSet, #next"
    # PageDown/PageUp scroll the page from any field or button (a focused list or text keeps its own).
    BINDINGS: ClassVar[list[BindingType]] = [
        ("pagedown", "page_body(1)", "Page down"),
        ("pageup", "page_body(-1)", "Page up"),
    ]
    OWN_ACTIONS: tuple[str, ...] = ()  # the flow's actions this page shows next to what they act on

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow
        self.page = flow.page

    @property
    def wizard(self) -> ScreenHost:
        return cast("ScreenHost", self.app)

    def compose(self) -> ComposeResult:
        yield Static(f"{tr('tui.title')} — {self.flow.title()}", id="title", markup=False)
        yield Static(self.flow.subtitle(), id="subtitle", markup=False)
        with VerticalScroll(id="body"):
            yield from self.body()
        # Between the body and the buttons come, when there are some, the reasons Next was refused and rows
        # of action buttons; the flow's actions that fit go between Back and Next (show_refusal, show_actions).
        with Horizontal(id="buttons"):
            if self.page is not PageId.DONE:
                yield Button(tr("tui.back"), id="back", compact=True, disabled=not self.flow.history)
            yield Button(self.next_label(), id="next", compact=True, variant="primary")  # docked right
        yield Static(tr("tui.keys_done" if self.page is PageId.DONE else "tui.keys"), id="keys", markup=False)

    def body(self) -> ComposeResult:
        yield from ()

    def next_label(self) -> str:
        return tr("tui.next")

    async def on_mount(self) -> None:
        await self.show_actions()
        wanted, self.flow.focus = self.flow.focus, None
        if wanted:  # a fix-it link: the field holding the value it points at
            found = self.query(f"#{safe_id(wanted)}")
            if found:
                self.call_after_refresh(found.first().focus)

    # -- shared behaviour -----------------------------------------------------------------------------

    def action_page_body(self, direction: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def show_refusal(self, problems: list[str]) -> None:
        """The first two reasons under the body; made on the first refusal (most pages are never refused, and
        each widget adds to the time the page takes to come up)."""
        text = "\n".join(problems[:2])
        shown = self.query("#refusal")
        if shown:
            refusal = shown.first(Static)
            refusal.update(text)
            refusal.display = bool(problems)
        elif problems and self.is_attached:  # not on a page already taken down
            self.mount(Static(text, id="refusal", markup=False), after="#body")

    async def show_actions(self) -> None:
        """The flow's actions as buttons: beside Back and Next when they fit, else on rows above them."""
        actions = [a for a in self.flow.actions() if a.id not in self.OWN_ACTIONS]
        wanted = [(f"action-{a.id}", a.label) for a in actions]
        beside = ([] if self.page is PageId.DONE else [tr("tui.back")]) + [self.next_label()]
        rows = button_rows.arrange([label for _, label in wanted], beside, self.app.size.width)
        if (wanted, rows) == getattr(self, "_actions_shown", ([], None)):  # a page starts without any
            return
        self._actions_shown = (wanted, rows)
        for shown in self.query("#buttons > .action, #action-rows"):
            await shown.remove()
        buttons = [Button(label, id=ident, compact=True, classes="action") for ident, label in wanted]
        if rows is None:
            await self.query_one("#buttons", Horizontal).mount_all(buttons, before="#next")
        else:
            lines = [Horizontal(*[buttons[i] for i in row], classes="action-row") for row in rows]
            await self.mount(Vertical(*lines, id="action-rows"), before="#buttons")

    async def on_resize(self) -> None:
        await self.show_actions()  # a narrower terminal may need more rows for the actions

    async def refresh_state(self) -> None:
        """After any change: problems, messages and actions as the flow now has them."""
        self.show_refusal([])
        await self.show_actions()

    def before_leaving(self) -> None:
        """Stop this page's work (a probe, discovery) before the wizard moves away."""

    @on(Button.Pressed)
    async def button(self, event: Button.Pressed) -> None:
        ident = event.button.id or ""
        if ident == "next":
            self.wizard.go_next()
        elif ident == "back":
            self.wizard.action_go_back()
        elif ident.startswith("action-"):
            await self.act(ident.removeprefix("action-"))

    async def refused(self, problems: list[str]) -> None:
        """Next was refused: the reasons, and the actions that may help (e.g. "Read the files again")."""
        await self.refresh_state()
        self.show_refusal(problems)

    async def act(self, action_id: str) -> None:
        self.flow.act(action_id)
        if self.flow.page is not self.page or action_id == "reread":  # reread: the whole page anew
            self.before_leaving()
            self.wizard.show_page()
        else:
            await self.refresh_state()


class QuestionScreen(PageScreen):
    """Welcome, Account, Server, Security, Secret: questions and messages (Server: also suggestions)."""

    def body(self) -> ComposeResult:
        yield Vertical(*self.message_widgets(), id="messages")
        yield Vertical(*[QuestionBlock(q) for q in self.flow.questions()], id="questions")
        if self.page is PageId.SERVER:
            yield Static(tr("flow.server.suggestions"), classes="heading", markup=False)
            yield OptionList(*self.suggestion_texts(), id="suggestions", compact=True)
            yield Static(tr("flow.server.no_suggestions"), id="no-suggestions", classes="message", markup=False)
            with Horizontal(id="detect-row", classes="mono"):
                yield Button(tr("tui.detect"), id="detect", compact=True)
                yield Button(tr("tui.cancel_detect"), id="cancel-detect", compact=True)

    def questions_here(self) -> list[Question]:
        return self.flow.questions()

    def message_widgets(self) -> list[Widget]:
        """Each message as a line; one with details gets a collapsed "More…" under it."""
        found: list[Widget] = []
        for m in self.flow.messages():
            classes = f"message {m.level}" if m.level is not Level.INFO else "message"
            found.append(Static(m.text, classes=classes, markup=False))
            if m.details:
                title = m.details_title or tr("words_rev3.more")
                found.append(disclosure(title, Static(m.details, classes="help", markup=False)))
        return found

    def suggestion_texts(self) -> list[str]:
        return [describe_suggestion(c) for c in self.flow.suggestions]

    async def on_mount(self) -> None:
        await super().on_mount()
        self._detect: Worker[Any] | None = None
        self._shown_messages = [(m.text, m.level, m.details) for m in self.flow.messages()]
        self._shown_suggestions = self.suggestion_texts()
        self.show_detect_state()
        if self.page is PageId.SECRET and self.flow.keyring.needs_asking(self.flow):
            self.run_worker(self._ask_keyring(), group="keyring", exit_on_error=False)

    async def _ask_keyring(self) -> None:
        """Whether the keyring option can be offered (a keyring may block: a worker, the page stays usable)."""
        try:
            await self.flow.ask_keyring()
        finally:
            if self.is_attached:
                await self.refresh_state()

    def show_detect_state(self) -> None:
        if self.page is not PageId.SERVER:
            return
        running = self._detect is not None and self._detect.state in (WorkerState.PENDING, WorkerState.RUNNING)
        self.query_one("#detect", Button).display = not running
        self.query_one("#detect", Button).disabled = "@" not in self.flow.answers.user
        self.query_one("#cancel-detect", Button).display = running
        has = bool(self.flow.suggestions)
        self.query_one("#suggestions", OptionList).display = has
        # one sentence about an empty list: the discovery's own ("nothing found", "cancelled") once it ran
        self.query_one("#no-suggestions", Static).display = not has and not self.flow.detect_status

    async def refresh_state(self) -> None:
        await super().refresh_state()
        body = self.query_one("#body", VerticalScroll)
        scrolled = body.scroll_y
        if await show_questions(self.query_one("#questions", Vertical), self.questions_here()):
            # the view stays where it was (a question appearing must not scroll the page's top away)
            self.call_after_refresh(body.scroll_to, y=scrolled, animate=False)
        messages = [(m.text, m.level, m.details) for m in self.flow.messages()]
        if messages != self._shown_messages:
            self._shown_messages = messages
            holder = self.query_one("#messages", Vertical)
            await holder.remove_children()
            await holder.mount_all(self.message_widgets())
        if self.page is PageId.SERVER:
            texts = self.suggestion_texts()
            if texts != self._shown_suggestions:
                self._shown_suggestions = texts
                options = self.query_one("#suggestions", OptionList)
                highlighted = options.highlighted
                options.clear_options()
                options.add_options(texts)
                if texts:
                    options.highlighted = min(highlighted or 0, len(texts) - 1)
            self.show_detect_state()

    # -- edits ----------------------------------------------------------------------------------------

    @on(Input.Changed)
    async def typed(self, event: Input.Changed) -> None:
        ident = event.input.id or ""
        name = ident.removeprefix("q-")
        # A field put up with the flow's value reports it back (Textual posts Changed when a field gets its
        # first value): the flow already holds it, so there is nothing to refresh (on the first screen that
        # refresh cost a second layout pass before the page was shown).
        if ident.startswith("q-") and event.value != self.flow.value(name):
            self.flow.set(name, event.value)
            for block in self.query(f"#block-{name}").results(QuestionBlock):
                block.typed(self.flow.value(name))  # the flow's value came from this field: no echo back
            await self.refresh_state()
        if ident == "q-user" and self.page is PageId.ACCOUNT:
            self.discover_after_a_pause()

    def discover_after_a_pause(self) -> None:
        """The quick path looks the server up once the user stops typing the address (SPEC §6 rev 2)."""
        timer = getattr(self, "_discover_timer", None)
        if timer is not None:
            timer.stop()
        self.cancel_detect()
        if self.flow.wants_discovery():
            self._discover_timer = self.set_timer(DISCOVERY_PAUSE, self.detect)

    @on(Checkbox.Changed)
    async def ticked(self, event: Checkbox.Changed) -> None:
        ident = event.checkbox.id or ""
        if ident.startswith("show-"):
            self.query_one(f"#{safe_id(ident.removeprefix('show-'))}", Input).password = not event.value
        elif ident.startswith("q-"):
            self.flow.set(ident.removeprefix("q-"), event.value)
            await self.refresh_state()

    @on(RadioSet.Changed)
    async def chosen(self, event: RadioSet.Changed) -> None:
        ident = event.radio_set.id or ""
        if ident.startswith("q-") and event.pressed.name:
            name = ident.removeprefix("q-")
            self.flow.set(name, event.pressed.name)
            if name == "language":
                self.wizard.show_page()  # every text again, in the chosen language
                return
            await self.refresh_state()

    @on(OptionList.OptionSelected, "#suggestions")
    async def suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        await self.use_suggestion(event.option_index)

    async def use_suggestion(self, index: int) -> None:
        self.flow.use_suggestion(index)
        await self.refresh_state()
        self.query_one(f"#{safe_id('host')}", Input).focus()

    @on(Button.Pressed, "#detect")
    def detect(self) -> None:
        self._detect = self.run_worker(self._discover(), group="detect", exclusive=True, exit_on_error=False)
        self.show_detect_state()

    async def _discover(self) -> None:
        def changed() -> None:
            self.call_later(self.refresh_state)

        try:
            await self.flow.discover(on_change=changed)
        finally:
            self.call_later(self.refresh_state)

    @on(Button.Pressed, "#cancel-detect")
    def cancel_detect(self) -> None:
        if getattr(self, "_detect", None) is not None:
            self._detect.cancel()  # type: ignore[union-attr]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self.page is PageId.SERVER:
            self.show_detect_state()

    def before_leaving(self) -> None:
        timer = getattr(self, "_discover_timer", None)
        if timer is not None:
            timer.stop()
        if getattr(self, "_detect", None) is not None:
            self.cancel_detect()


class TestScreen(QuestionScreen):
    """The live test: the checklist with elapsed time, Cancel, the verdict, the fix-it link, Details."""

    # asked under the verdict they are about: at 80×24 the checklist and the verdict stay in view on arrival
    LATE = ("hostname", "save_untested")
    OWN_ACTIONS = ("save_report",)  # next to "Copy report", under the verdict

    def questions_here(self) -> list[Question]:
        return [q for q in self.flow.questions() if q.name not in self.LATE]

    def body(self) -> ComposeResult:
        yield Vertical(*[QuestionBlock(q) for q in self.questions_here()], id="questions")
        yield Static("", id="checklist", classes="mono")
        # The buttons that act on the whole test under its steps, then the diagnosis's title and its text
        # together (the row between them split a title from its text); at 80×24 buttons and title stay in view.
        with Horizontal(id="test-buttons", classes="mono"):
            yield Button(tr("tui.retry"), id="retry", compact=True)
            yield Button(tr("tui.cancel_test"), id="cancel-test", compact=True)
            yield Button(tr("tui.details"), id="details", compact=True)
            yield Button(tr("tui_parity.report.copy"), id="copy-report", compact=True)
            yield Button(tr("tui_parity.report.save"), id="save-report", compact=True)
        # what became of the report (saved where, copied), right under its buttons
        yield Static("", id="report-note", classes="message", markup=False)
        yield Static("", id="verdict", classes="heading")
        yield Static("", id="explanation", classes="message", markup=False)
        yield Static("", id="deliverability", classes="message", markup=False)  # SPEC §11, after a pass
        yield Vertical(*self.message_widgets(), id="messages")
        yield Static("", id="transcript", classes="mono", markup=False)
        yield Vertical(id="late")

    async def refresh_state(self) -> None:
        await super().refresh_state()
        late = [q for q in self.flow.questions() if q.name in self.LATE]
        await show_questions(self.query_one("#late", Vertical), late)

    async def on_mount(self) -> None:
        await super().on_mount()
        self._probe: Worker[Any] | None = None
        self.query_one("#transcript", Static).display = False
        self.query_one("#report-note", Static).display = False
        self.set_interval(0.1, self.tick)
        if self.flow.test is None or not self.flow.test.finished:
            self.start_test()
        else:
            self.show_test()

    def running(self) -> bool:
        return self._probe is not None and self._probe.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def start_test(self) -> None:
        if self.running():
            return
        self._probe = self.run_worker(self._run(), group="probe", exclusive=True, exit_on_error=False)
        self.show_test()

    async def _run(self) -> None:
        await self.flow.run_test(lambda run: self.show_test())

    def tick(self) -> None:
        if self.running():
            self.show_test()

    def show_test(self) -> None:
        run = self.flow.test
        running = self.running()
        self.query_one("#keys", Static).update(tr("tui_fixes.keys_testing" if running else "tui.keys"))
        self.query_one("#retry", Button).display = not running
        self.query_one("#cancel-test", Button).display = running
        has_report = run is not None and run.report is not None
        for ident in ("#details", "#copy-report", "#save-report"):
            self.query_one(ident, Button).display = has_report
        if run is None:
            return
        self.query_one("#checklist", Static).update(checklist(run))
        verdict = self.query_one("#verdict", Static)
        verdict.update(Text(run.verdict(), style="" if not run.finished else ("green" if run.passed else "red")))
        explanation = self.query_one("#explanation", Static)
        explanation.update("\n".join(run.explanation()))
        explanation.display = bool(run.explanation())  # no empty line between a pass and its buttons
        records = self.flow.deliverability()
        deliverability = self.query_one("#deliverability", Static)
        deliverability.display = records is not None
        deliverability.update(deliverability_text(records) if records is not None else "")
        transcript = self.query_one("#transcript", Static)
        if transcript.display:
            transcript.update(run.details(self.flow.answers.secret))

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:  # type: ignore[override]
        ended = (WorkerState.SUCCESS, WorkerState.CANCELLED, WorkerState.ERROR)
        if event.worker is self._probe and event.state in ended:
            self.show_test()
            await self.refresh_state()
            # once the verdict, the advice and the actions are laid out: scrolled before that, the body still had
            # the running test's size and stayed at its top, the server's words below the view (at 80×24)
            self.call_after_refresh(self._verdict_in_view)

    def _verdict_in_view(self) -> None:
        """The advice's end, then the buttons and the verdict under them: as much of both in view as fits."""
        if not self.is_attached:  # the page was left meanwhile
            return
        self.query_one("#explanation", Static).scroll_visible(animate=False)
        self.query_one("#verdict", Static).scroll_visible(animate=False)
        self.query_one("#test-buttons", Horizontal).scroll_visible(animate=False)

    @on(Button.Pressed, "#retry")
    async def retry(self) -> None:
        self.show_report_note("")
        self.start_test()
        await self.refresh_state()

    @on(Button.Pressed, "#copy-report")
    def copy_report(self) -> None:
        """To the clipboard through the terminal (OSC 52); not every terminal takes it, so the note says
        that saving to a file is the way that always works."""
        text = self.flow.shareable_report()
        if text is not None:
            self.app.copy_to_clipboard(text)
            self.show_report_note(tr("tui_parity.report.copied"))

    @on(Button.Pressed, "#save-report")
    async def save_report(self) -> None:
        self.show_report_note("")
        await self.act("save_report")

    def show_report_note(self, text: str) -> None:
        note = self.query_one("#report-note", Static)
        note.update(text)
        note.display = bool(text)

    @on(Button.Pressed, "#cancel-test")
    def cancel_test(self) -> None:
        if self._probe is not None:
            self._probe.cancel()

    @on(Button.Pressed, "#details")
    def toggle_details(self) -> None:
        transcript = self.query_one("#transcript", Static)
        transcript.display = not transcript.display
        self.query_one("#details", Button).label = tr("tui.hide_details" if transcript.display else "tui.details")
        self.show_test()
        if transcript.display:  # once it is laid out: just shown, it has no size yet to scroll to
            self.call_after_refresh(transcript.scroll_visible)

    async def act(self, action_id: str) -> None:
        fix = self.flow.test.fix if self.flow.test is not None else None
        if action_id == "fix" and fix is not None and fix[0] is PageId.TEST:  # the recipient is on this page
            self.query_one(f"#{safe_id('send_to')}", Input).focus()
            return
        await super().act(action_id)
        if self.flow.page is self.page and self.flow.test is None:  # e.g. "Retry without a password"
            self.start_test()
            await self.refresh_state()
            # The pressed button is gone: Enter then means Next, not the Retry that Textual focused instead.
            self.query_one("#next", Button).focus()

    def before_leaving(self) -> None:
        self.cancel_test()


def deliverability_text(view: DeliverabilityView) -> Text:
    """The heading in bold, then a bullet per record (SPEC §11)."""
    text = Text(view.heading, style="bold")
    for line in view.lines:
        text.append("\n• " + line)
    return text


def checklist(run: TestRun) -> Text:
    """The steps as aligned lines: mark, name, status word, time (the running step's time counts up)."""
    text = Text()
    now = time.monotonic()
    rows = run.rows(now)
    skipped = [row for row in rows if str(row[1]) == "skipped"]
    if run.finished and len(skipped) > 1:  # one line for the steps after a failure: the advice stays in view
        rows = [row for row in rows if str(row[1]) != "skipped"]
    else:
        skipped = []
    # Columns as wide as their longest text plus a gap: a German step name ("…(STARTTLS)") never runs into
    # its status word, whatever the language.
    name_width = max([STEP_COLUMN, *(len(str(row[0])) + 2 for row in rows)])
    word_width = max([STATUS_COLUMN, *(len(str(row[2])) + 2 for row in rows)])
    for label, status, word, shown in rows:
        mark, style = MARKS[str(status)]
        text.append(f"{mark} ", style=style)
        text.append(f"{label:<{name_width}}")
        text.append(f"{word:<{word_width}}", style=style)
        text.append(f"{shown:>7}\n")
    if skipped:
        mark, style = MARKS["skipped"]
        text.append(f"{mark} {tr('tui.steps_skipped', count=len(skipped))}\n", style=style)
    return text


class SummaryScreen(PageScreen):
    AUTO_FOCUS = "#next"

    def next_label(self) -> str:
        return tr("tui.write")

    def body(self) -> ComposeResult:
        summary = self.flow.summary()
        if summary is None:
            yield Static(self.flow.plan_problem or "", classes="message error", markup=False)
            return
        yield Static(tr("flow.summary.file", path=str(summary.config_path)), classes="message", markup=False)
        if summary.deployment:
            yield Static(summary.deployment, id="deployment", classes="message", markup=False)
        if summary.smtp_section:
            yield Static(tr("flow.summary.section"), classes="heading", markup=False)
            yield Static(summary.smtp_section.rstrip(), classes="message mono", markup=False)
        config = summary.config_path.name
        # "Changes to config.toml" heads the config's diff; the compose file's diff names its file itself
        if summary.compose_diff:  # first, as the GUI: it decides what the container gets
            yield Static(diff_text(summary.compose_diff), id="compose-diff", classes="message mono")
        yield Static(tr("flow.summary.changes", config=config), classes="heading", markup=False)
        changes = diff_text(summary.diff) if summary.diff else tr("flow.summary.unchanged", config=config)
        yield Static(changes, classes="message mono")
        if summary.env_text:
            yield Static(summary.env_text, classes="message", markup=False)
        if summary.notes:
            yield Static("\n".join(f"• {note}" for note in summary.notes), classes="message warning", markup=False)
        if summary.tips:
            yield Static(tr("flow.summary.tips"), classes="heading", markup=False)
            yield Static("\n".join(f"• {tip}" for tip in summary.tips), classes="message", markup=False)
        if summary.deliverability is not None:
            yield Static(deliverability_text(summary.deliverability), id="deliverability", classes="message")

    async def on_mount(self) -> None:
        await super().on_mount()
        if self.flow.plan is None and self.flow.plan_problem:
            self.show_refusal([self.flow.plan_problem])


def diff_text(diff: str) -> Text:
    """The diff with removed lines red and added lines green (the +/- signs stay for NO_COLOR)."""
    text = Text()
    for line in diff.splitlines():
        style = "bold" if line.startswith(("+++", "---")) else {"+": "green", "-": "red", "@": "cyan"}.get(line[:1], "")
        text.append(line + "\n", style=style)
    return text


class DoneScreen(PageScreen):
    AUTO_FOCUS = "#next"

    def next_label(self) -> str:
        return tr("tui.close")

    def body(self) -> ComposeResult:
        done = self.flow.done()
        if done.untested:  # saved without a passing test: how it ended and how to test later, first
            yield Static("\n".join(done.untested), id="untested", classes="message error", markup=False)
        if done.deployment:
            yield Static(done.deployment, id="deployment", classes="message", markup=False)
        if done.written:
            yield Static(tr("flow.done.written"), classes="heading", markup=False)
            yield Static("\n".join(f"• {path}" for path in done.written), classes="message", markup=False)
            if done.temporary:
                yield Static(done.temporary, id="temporary", classes="message warning", markup=False)
        else:
            yield Static(tr("flow.done.nothing"), classes="message", markup=False)
        if done.backups:
            yield Static(tr("flow.done.backups"), classes="heading", markup=False)
            yield Static("\n".join(f"• {path}" for path in done.backups), classes="message", markup=False)
        steps = done.notes + done.next_steps
        if steps:
            yield Static(tr("flow.done.next"), classes="heading", markup=False)
            yield Static("\n".join(f"• {step}" for step in steps), classes="message", markup=False)
        if self.flow.keyring.wanted(self.flow):
            yield Static(tr("tui_parity.keyring.heading"), classes="heading", markup=False)
            yield Static(tr("tui_parity.keyring.saving"), id="keyring-note", classes="message", markup=False)
        if done.demo_mail:
            yield Static(tr("flow.done.demo_mail"), classes="heading", markup=False)
            yield Static(done.demo_mail.rstrip(), classes="message mono", markup=False)


    async def on_mount(self) -> None:
        await super().on_mount()
        if self.flow.keyring.wanted(self.flow) and not self.flow.keyring.outcome:
            self.run_worker(self._remember(), group="keyring", exit_on_error=False)
        elif self.flow.keyring.outcome and self.query("#keyring-note"):
            self.query_one("#keyring-note", Static).update(self.flow.keyring.outcome)

    async def _remember(self) -> None:
        """After writing: the secret into the keyring, and where it went (a failure changes nothing written)."""
        outcome = await self.flow.remember_in_keyring()
        if self.is_attached:
            self.query_one("#keyring-note", Static).update(outcome)


def screen_for(flow: Flow) -> PageScreen:
    if flow.page is PageId.TEST:
        return TestScreen(flow)
    if flow.page is PageId.SUMMARY:
        return SummaryScreen(flow)
    if flow.page is PageId.DONE:
        return DoneScreen(flow)
    return QuestionScreen(flow)
