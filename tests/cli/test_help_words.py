"""The top-level help says what happens without a command: a window with a display, else the terminal
wizard (SPEC §5 rev 2) — not only "the window opens"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]


@pytest.mark.parametrize(("lang", "terminal"), [("en", "terminal (tui)"), ("de", "Terminal (tui)")])
def test_top_level_help_names_the_terminal_wizard_for_no_display(cli: CLI, lang: str, terminal: str) -> None:
    run = cli("--lang", lang, "--help")
    assert run.code == 0
    assert terminal in " ".join(run.out.split())
