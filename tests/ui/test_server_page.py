"""The Server page: an empty suggestion list says what it is for; Detect in demo mode names the demo server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, type_into, until
from wizard.demo.environment import DemoEnvironment
from wizard.ui.pages.ids import PageId


@pytest.fixture
def demo() -> Iterator[DemoEnvironment]:
    environment = DemoEnvironment()
    yield environment
    environment.close()


async def test_an_empty_suggestion_list_says_what_it_is_for(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@nowhere.invalid")
    await next_page(qtbot, wiz, PageId.SERVER)
    page = wiz.server
    assert page.suggestions.count() == 0 and not page.suggestions.isVisible()
    assert page.suggestions_empty.isVisible() and "Detect" in page.suggestions_empty.text()


async def test_a_table_provider_fills_the_list_and_the_empty_text_goes(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@gmail.com")
    await next_page(qtbot, wiz, PageId.SERVER)
    assert wiz.server.suggestions.isVisible() and not wiz.server.suggestions_empty.isVisible()


async def test_detect_in_demo_mode_names_the_demo_server(qtbot: Any, demo: DemoEnvironment) -> None:
    await demo.start()
    wiz = open_wizard(qtbot, demo.config_path, demo=demo)
    await pass_welcome(qtbot, wiz)
    await next_page(qtbot, wiz, PageId.SERVER)
    click(qtbot, wiz.server.detect)
    await until(lambda: not wiz.server.progress.isVisible(), what="detection to end")
    status = wiz.server.detect_status.text()
    assert "Demo" in status and str(demo.server.port) in status and "No server" not in status
