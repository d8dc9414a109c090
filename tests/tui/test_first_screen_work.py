"""The terminal wizard's first page is put up with no work it does not show (bench/startup.py times it, issue
26): laid out at one size only, not refreshed before it is shown, no garbage collection while it is built,
and no widget that shows nothing. Each runs the real `run_tui` headless in its own process, as the bench and
the smoke tests do."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.child import run_probe

CHILD = """
import gc
import json
import sys
from pathlib import Path

from textual import events
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from wizard.tui import app as tui_app
from wizard.tui.screens import PageScreen

sizes = []
pages = []
refreshes = []
collections = []
on_event = PageScreen.on_event
refresh_state = PageScreen.refresh_state


async def recording_event(self, event):
    pages.append(self)
    if isinstance(event, events.Resize):
        sizes.append(list(event.size))
    await on_event(self, event)


async def recording_refresh(self):
    refreshes.append(type(self).__name__)
    await refresh_state(self)


PageScreen.on_event = recording_event
PageScreen.refresh_state = recording_refresh
gc.callbacks.append(lambda phase, info: collections.append(info["generation"]) if phase == "start" else None)


def silent(app):
    \"\"\"Widgets of the page (Textual's own tooltip and toast rack aside) that show nothing.\"\"\"
    found = []
    for widget in app.screen.walk_children():
        if (widget.id or "").startswith("textual-"):
            continue
        if not widget.display:
            found.append(f"hidden {widget!r}")
        elif isinstance(widget, (Horizontal, Vertical)) and not widget.children:
            found.append(f"empty box {widget!r}")
        elif isinstance(widget, Static) and not str(widget.render()).strip():
            found.append(f"empty text {widget!r}")
    return found


def shown():
    collected = list(collections)
    app = pages[-1].app
    print("SHOWN " + json.dumps({
        "sizes": sizes, "refreshes": list(refreshes), "collections": collected,
        "collecting": gc.isenabled(), "silent": silent(app),
    }), flush=True)


collections.clear()
tui_app.run_tui(Path(sys.argv[1]), False, "en", on_shown=shown)
print("ENDED " + json.dumps({"collecting": gc.isenabled(), "collections": len(collections)}), flush=True)
"""


def first_screen(config: Path) -> tuple[dict[str, object], dict[str, object]]:
    """What the child saw when the first page was shown, and after the wizard ended."""
    config.write_text('domain = "https://bom.example.org"\n')
    lines = run_probe(CHILD, config)
    shown = next(line for line in lines if line.startswith("SHOWN "))
    ended = next(line for line in lines if line.startswith("ENDED "))
    return json.loads(shown.removeprefix("SHOWN ")), json.loads(ended.removeprefix("ENDED "))


def test_first_page_is_laid_out_at_one_size_only(tmp_path: Path) -> None:
    """Headless, Textual's console guessed 80×25 and its driver 80×24: the page was laid out at both."""
    shown, _ = first_screen(tmp_path / "config.toml")
    assert shown["sizes"] and {tuple(size) for size in shown["sizes"]} == {(80, 24)}, shown["sizes"]


def test_first_page_is_not_refreshed_before_it_is_shown(tmp_path: Path) -> None:
    """The path field reports the flow's own value back when it is put up; that is nothing to refresh."""
    shown, _ = first_screen(tmp_path / "config.toml")
    assert shown["refreshes"] == []


def test_no_garbage_collection_runs_while_the_first_page_is_built(tmp_path: Path) -> None:
    shown, ended = first_screen(tmp_path / "config.toml")
    assert shown["collections"] == [] and shown["collecting"] is False
    # resumed once the page is up: it ran before the wizard ended, and is on after it
    assert ended["collecting"] is True and ended["collections"] > 0


def test_every_widget_of_the_first_page_shows_something(tmp_path: Path) -> None:
    """A hidden line, an empty box or an empty text still costs its share of putting the page up."""
    shown, _ = first_screen(tmp_path / "config.toml")
    assert shown["silent"] == []
