"""Widgets for the flow's questions: one small block per question (label, input, help line, problem line).

A face only: the question says what to ask and what is wrong; these widgets show it and report edits.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Collapsible, Input, RadioButton, RadioSet, Static

from wizard.core.i18n import tr
from wizard.flow.questions import Kind, Question
from wizard.tui.disclosure import disclosure


def safe_id(name: str) -> str:
    return f"q-{name}"


# Textual draws a ticked and an unticked box (and a chosen and an unchosen option) with the same glyph and
# tells them apart by colour only — invisible with NO_COLOR or on a monochrome terminal. These draw the
# mark only when on, so the state reads without colour.
class TickBox(Checkbox):
    """A checkbox showing ▐X▌ when ticked and ▐ ▌ when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's name for the glyph
        return "X" if self.value else " "


class ChoiceButton(RadioButton):
    """A radio button showing ▐●▌ when chosen and ▐ ▌ when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual's name for the glyph
        return "●" if self.value else " "


class QuestionBlock(Vertical):
    """One question: its input widget, the help line under it, and its problem (red) while invalid."""

    DEFAULT_CSS = """
    QuestionBlock { height: auto; margin: 0 0 1 0; }
    QuestionBlock .label { height: 1; text-style: bold; }
    QuestionBlock .help { color: $text-muted; height: auto; }
    QuestionBlock .problem { color: $error; height: auto; }
    QuestionBlock Input { width: 1fr; }
    QuestionBlock .secret-row { height: auto; }
    QuestionBlock .secret-row Checkbox { width: auto; }
    QuestionBlock RadioSet { width: 1fr; height: auto; }
    QuestionBlock #q-language, QuestionBlock #q-deployment { layout: horizontal; }
    QuestionBlock RadioButton:disabled { color: $text-disabled; text-style: dim italic; }
    QuestionBlock #q-language RadioButton, QuestionBlock #q-deployment RadioButton { width: auto; margin: 0 2 0 0; }
    """  # an "Advanced" part is drawn by the page's rules for every disclosure (PageScreen in screens.py)

    def __init__(self, question: Question) -> None:
        super().__init__(id=f"block-{question.name}")
        self.question = question
        # The flow's value this field last showed or reported. Only a change of the flow's own (a suggestion,
        # the pre-fill) is put into the field: the field's text is the user's, and keys typed ahead of the
        # flow (still queued) must never be overwritten by the flow's older value.
        self.flow_value = question.value

    def typed(self, value: str | bool) -> None:
        """The flow's value is now `value`, taken from this field."""
        self.flow_value = value

    def compose(self) -> ComposeResult:
        q = self.question
        if q.advanced:  # for experts: under a collapsed "Advanced" line, open while it has a problem
            yield disclosure(tr("words_rev3.advanced"), *self.parts(), collapsed=not q.problem)
        else:
            yield from self.parts()

    def parts(self) -> list[Widget]:
        """The label, input, help line and problem line of the question."""
        q = self.question
        found: list[Widget] = []
        if q.kind is Kind.CHECK:
            found.append(TickBox(q.label, bool(q.value), id=safe_id(q.name), compact=True, disabled=not q.enabled))
        elif q.kind is Kind.CHOICE:
            found.append(Static(q.label, classes="label", markup=False))  # no Label stylesheet to parse first
            buttons = [
                ChoiceButton(
                    option.label, value=option.value == q.value, disabled=not option.enabled, name=option.value
                )
                for option in q.options
            ]
            found.append(RadioSet(*buttons, id=safe_id(q.name), compact=True))
        else:
            found.append(Static(q.label, classes="label", markup=False))
            box = Input(
                value=str(q.value),
                placeholder=q.placeholder,
                password=q.kind is Kind.SECRET,
                id=safe_id(q.name),
                compact=True,
                disabled=not q.enabled,
            )
            if q.kind is Kind.SECRET:
                show = TickBox(tr("tui.show_secret"), False, id=f"show-{q.name}", compact=True)
                found.append(Horizontal(box, show, classes="secret-row"))
            else:
                found.append(box)
        explanation = self.explanation()
        found.append(Static(explanation or q.help, classes="help", id=f"help-{q.name}", markup=False))
        if q.problem:  # made when there is one: fewer widgets for the first screen to lay out
            found.append(self.problem_line(q.problem))
        return found

    def problem_line(self, text: str) -> Static:
        return Static(text, classes="problem", id=f"problem-{self.question.name}", markup=False)

    def explanation(self) -> str:
        """For a choice: the chosen option's one-sentence explanation, else the help line."""
        q = self.question
        chosen = next((o for o in q.options if o.value == q.value), None)
        return chosen.explanation if chosen is not None else ""

    def show(self, question: Question) -> None:
        """Show the question's new state (a value set by the flow, a new problem) without rebuilding."""
        self.question = question
        shown = self.query(f"#problem-{question.name}")
        if shown:
            line = shown.first(Static)
            line.update(question.problem or "")
            line.display = bool(question.problem)
        elif question.problem:  # under the help line, so inside "Advanced" for an advanced question
            help_line = self.query_one(f"#help-{question.name}", Static)
            if isinstance(help_line.parent, Widget):
                help_line.parent.mount(self.problem_line(question.problem), after=help_line)
        if question.problem:  # a problem under "Advanced" is not hidden
            for part in self.query(Collapsible):
                part.collapsed = False
        self.query_one(f"#help-{question.name}", Static).update(self.explanation() or question.help)
        for label in self.query(".label").results(Static):  # the flow may relabel (e.g. the login field)
            label.update(question.label)
        widget = self.query_one(f"#{safe_id(question.name)}")
        widget.disabled = not question.enabled
        if isinstance(widget, Input):
            widget.placeholder = question.placeholder
        elif isinstance(widget, Checkbox) and str(widget.label) != question.label:
            widget.label = question.label
        flow_changed, self.flow_value = question.value != self.flow_value, question.value
        if isinstance(widget, Input) and flow_changed and widget.value != str(question.value):
            widget.value = str(question.value)
        elif isinstance(widget, Checkbox) and widget.value != bool(question.value):
            with widget.prevent(Checkbox.Changed):
                widget.value = bool(question.value)
        elif isinstance(widget, RadioSet):
            options = {option.value: option for option in question.options}
            for button in widget.query(RadioButton):
                option = options.get(button.name or "")
                if option is not None:  # an option may become available, or be renamed (what is stored)
                    button.disabled = not option.enabled
                    if str(button.label) != option.label:
                        button.label = option.label
                wanted = button.name == question.value
                if button.value != wanted:
                    with button.prevent(RadioButton.Changed), widget.prevent(RadioSet.Changed):
                        button.value = wanted
            highlight_chosen(widget)

    def on_mount(self) -> None:
        for radio in self.query(RadioSet):
            highlight_chosen(radio)


async def show_questions(box: Vertical, questions: list[Question]) -> bool:
    """Show `questions` in `box`, keeping the block (and so the widget, its text, cursor and focus) of every
    question still asked: only blocks of questions gone are removed and only new ones mounted, so a refresh
    never takes focus or queued keys from the field the user is typing in. True when blocks came or went.
    A box no longer on screen (the wizard quit while a refresh was on its way) is left as it is."""
    blocks = {block.question.name: block for block in box.query_children(QuestionBlock)}
    wanted = {q.name for q in questions}
    gone = [block for name, block in blocks.items() if name not in wanted]
    if gone:
        await box.remove_children(gone)
    changed = bool(gone)
    previous: QuestionBlock | None = None
    for question in questions:
        block = blocks.get(question.name)
        if block is None:
            if not box.is_attached:  # its screen was taken down meanwhile (Ctrl+C as the files were read)
                return changed
            block = QuestionBlock(question)
            if previous is not None:
                await box.mount(block, after=previous)
            elif box.children:
                await box.mount(block, before=0)
            else:
                await box.mount(block)
            changed = True
        else:
            block.show(question)
            children = list(box.children)
            wanted_at = 0 if previous is None else children.index(previous) + 1
            if children.index(block) != wanted_at:  # the flow reordered its questions: move, never rebuild
                box.move_child(block, before=wanted_at)
                changed = True
        previous = block
    return changed


def highlight_chosen(radio: RadioSet) -> None:
    """Put the keyboard highlight on the chosen option (Textual starts it on the first one), so that Enter,
    which takes the highlighted option, keeps the choice unless the user moved on purpose."""
    if radio.pressed_index >= 0:
        radio._selected = radio.pressed_index  # Textual keeps no public name for the highlight
