"""A page refresh keeps the widgets of the questions still asked (their text, cursor and focus), adds and
removes only what changed, and follows the flow's order — real Textual widgets in a running app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from wizard.flow.questions import Kind, Question
from wizard.tui.fields import QuestionBlock, safe_id, show_questions


def question(name: str) -> Question:
    return Question(name=name, kind=Kind.TEXT, label=name, help="", value="")


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="box")


async def test_blocks_follow_the_flows_questions_and_order_keeping_the_focused_field() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        box = app.query_one("#box", Vertical)
        await show_questions(box, [question("a"), question("b"), question("c")])
        await pilot.pause()
        field = app.query_one(f"#{safe_id('b')}", Input)
        field.focus()
        await pilot.press(*"typed")
        for order in (["c", "a", "b"], ["b", "c"], ["a", "b", "c", "d"], ["d", "c", "b", "a"]):
            await show_questions(box, [question(name) for name in order])
            await pilot.pause()
            assert [block.question.name for block in box.query_children(QuestionBlock)] == order
            assert app.query_one(f"#{safe_id('b')}", Input) is field  # the same widget, never rebuilt
            assert app.focused is field and field.value == "typed"
