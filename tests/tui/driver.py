"""Driving the real terminal wizard through Textual's pilot, the way a person does: keys, and clicks."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from wizard.flow import Flow, PageId
from wizard.tui.app import WizardApp
from wizard.tui.fields import safe_id

SIZE = (80, 24)


@asynccontextmanager
async def wizard(
    config: Path, size: tuple[int, int] = SIZE, **options: Any
) -> AsyncIterator[tuple[WizardApp, Pilot[int]]]:
    demo = options.pop("demo", None)
    if "keyring_backend" not in options:  # never the machine's own keyring: one that stores nothing
        from keyring.backends.fail import Keyring

        options["keyring_backend"] = Keyring()
    flow = Flow(config, demo=demo, **options)
    app = WizardApp(flow, demo=demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


async def until(pilot: Pilot[int], predicate: Callable[[], object], timeout: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await pilot.pause(0.05)


async def until_shown(app: WizardApp, pilot: Pilot[int], *words: str, timeout: float = 20.0) -> str:
    """Wait until every one of `words` is on the terminal screen (a repaint can lag under load); the screen."""
    await until(pilot, lambda: all(w in screen_text(app) for w in words), timeout, f"{words} on screen")
    return screen_text(app)


async def type_into(app: WizardApp, pilot: Pilot[int], name: str, text: str) -> None:
    """Focus the question's field, clear it as a user would (select all, delete) and type `text`."""
    box = app.screen.query_one(f"#{safe_id(name)}", Input)
    box.focus()
    await pilot.pause()
    await pilot.press("end", *(["backspace"] * len(box.value)))
    await pilot.press(*text)
    await pilot.pause()


async def enter(app: WizardApp, pilot: Pilot[int], expect: PageId) -> None:
    """Press Enter once and check where the wizard went."""
    await pilot.press("enter")
    await until(
        pilot,
        lambda: app.flow.page is expect and getattr(app.screen, "page", None) is expect,
        timeout=20,
        what=f"page {expect} (on {app.flow.page}; refused: {app.flow.problems()})",
    )
    await pilot.pause()


async def probe_finished(app: WizardApp, pilot: Pilot[int]) -> None:
    await until(pilot, lambda: app.flow.test is not None and app.flow.test.finished, timeout=30, what="the test")
    await pilot.pause(0.2)


def screen_text(app: WizardApp) -> str:
    """Everything the terminal shows now, as lines of text (from the SVG screenshot's text runs)."""
    import html
    import re

    svg = app.export_screenshot()
    lines: dict[float, list[str]] = {}
    for y, run in re.findall(r'<text[^>]*\by="([0-9.]+)"[^>]*>(.*?)</text>', svg, flags=re.S):
        lines.setdefault(float(y), []).append(html.unescape(re.sub(r"<[^>]+>", "", run)))
    return "\n".join("".join(runs) for _, runs in sorted(lines.items())).replace("\xa0", " ")


def page_text(app: WizardApp) -> str:
    """Every text the current page holds, including what is scrolled out of view (one line per widget)."""
    from rich.text import Text
    from textual.widgets import Static

    texts = []
    for widget in app.screen.query(Static):
        if not widget.display:
            continue
        content = widget.content
        texts.append(content.plain if isinstance(content, Text) else str(content))
    return "\n".join(texts)
