"""With NO_COLOR (or on a monochrome terminal) a ticked box and a chosen option read differently from an
unticked and an unchosen one: the mark is drawn only when on, not told apart by colour alone."""

from __future__ import annotations

import pytest

from tests.tui.driver import enter, screen_text, wizard
from wizard.demo.environment import DemoEnvironment
from wizard.flow import PageId
from wizard.tui.app import WizardApp
from wizard.tui.fields import ChoiceButton, TickBox


def drawn_states(app: WizardApp) -> list[tuple[str, bool, str]]:
    """(label, value, the glyphs drawn for the button) for every checkbox and radio button on the screen."""
    found = []
    for toggle in [*app.screen.query(TickBox), *app.screen.query(ChoiceButton)]:
        found.append((str(toggle.label), toggle.value, str(toggle.render())[:3]))
    return found


def shown_line(app: WizardApp, label: str) -> str:
    """The cells the widget labelled `label` draws on the screen (its first line, as text)."""
    toggle = next(t for t in [*app.screen.query(TickBox), *app.screen.query(ChoiceButton)] if str(t.label) == label)
    return toggle.render_line(0).text


async def test_ticked_and_unticked_boxes_and_chosen_options_differ_without_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    demo = DemoEnvironment()
    try:
        async with wizard(demo.config_path, demo=demo) as (app, pilot):
            assert app.no_color
            await enter(app, pilot, PageId.ACCOUNT)
            app.flow.go_to(PageId.SECURITY)
            app.show_page()
            await pilot.pause(0.2)
            states = drawn_states(app)
            assert any(on for _, on, _ in states) and any(not on for _, on, _ in states), states
            for label, on, glyphs in states:
                assert glyphs == ("▐●▌" if on else "▐ ▌"), (label, on, glyphs)
                assert glyphs in shown_line(app, label), (label, screen_text(app))
    finally:
        demo.close()


async def test_ticking_the_show_box_draws_its_mark_and_unticking_clears_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    demo = DemoEnvironment()
    try:
        async with wizard(demo.config_path, demo=demo) as (app, pilot):
            await enter(app, pilot, PageId.ACCOUNT)
            box = app.screen.query_one("#show-secret", TickBox)
            label = str(box.label)
            assert "▐ ▌" in shown_line(app, label)
            await pilot.click("#show-secret")
            await pilot.pause(0.1)
            assert box.value and "▐X▌" in shown_line(app, label)
            await pilot.click("#show-secret")
            await pilot.pause(0.1)
            assert not box.value and "▐ ▌" in shown_line(app, label)
    finally:
        demo.close()
