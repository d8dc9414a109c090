"""A page does not greet with errors: an empty field's "required" problem shows only after the user typed
in it or tried to go on (`problems()` always knows it, so Next is still refused)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core import i18n
from wizard.flow import Flow, FlowError, PageId


def account_flow(tmp_path: Path) -> Flow:
    config = tmp_path / "config.toml"
    config.write_text('domain = "x"\n')
    flow = Flow(config, quick=False)
    assert flow.advance() is PageId.ACCOUNT
    return flow


def shown_problem(flow: Flow, name: str) -> str | None:
    return next(q.problem for q in flow.questions() if q.name == name)


def test_an_empty_address_is_not_an_error_on_arrival_but_blocks_next(tmp_path: Path) -> None:
    flow = account_flow(tmp_path)
    assert shown_problem(flow, "user") is None
    assert flow.problems()


def test_trying_to_go_on_shows_the_empty_fields_problem(tmp_path: Path) -> None:
    flow = account_flow(tmp_path)
    with pytest.raises(FlowError):
        flow.advance()
    assert shown_problem(flow, "user")


def test_typing_then_clearing_the_field_shows_its_problem(tmp_path: Path) -> None:
    flow = account_flow(tmp_path)
    flow.set("user", "a")
    assert shown_problem(flow, "user")  # not an address yet
    flow.set("user", "")
    assert shown_problem(flow, "user")


def test_german_account_page_does_not_ask_for_the_address_before_typing(tmp_path: Path) -> None:
    i18n.set_language("de")
    try:
        flow = account_flow(tmp_path)
        assert all(q.problem is None for q in flow.questions())
    finally:
        i18n.set_language("en")
