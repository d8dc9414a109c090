"""`show` speaks the user's language also for the mode, and its values stand in one column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from wizard.core import i18n


@pytest.fixture(autouse=True)
def english_afterwards() -> object:
    yield None
    i18n.set_language("en")


@pytest.mark.parametrize(("lang", "mode"), [("en", "unencrypted"), ("de", "unverschlüsselt")])
def test_show_says_the_mode_in_words_with_the_values_in_one_column(
    cli: Callable[..., Run], tmp_path: Path, lang: str, mode: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.com"\nendpoint = "smtp://localhost:2500"\n')
    run = cli("--config", str(config), "--lang", lang, "show")  # global options first
    assert run.code == 0, run.err
    rows = [line for line in run.out.splitlines() if "   (" in line]
    assert len(rows) == 5, run.out
    assert any(mode in row for row in rows) and not any(": none" in row.replace("  ", " ") for row in rows)
    columns = {
        len(row.split(":", 1)[0]) + 1 + (len(row.split(":", 1)[1]) - len(row.split(":", 1)[1].lstrip())) for row in rows
    }
    assert len(columns) == 1, rows  # every value starts in the same column
