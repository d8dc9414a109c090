"""Where Next will lead from the Account page, asked while the user types (the GUI labels its route by it)."""

from __future__ import annotations

from pathlib import Path

from wizard.flow.flow import Flow
from wizard.flow.pages import PageId


def at_account(tmp_path: Path, *, quick: bool = True) -> Flow:
    flow = Flow(tmp_path / "config.toml", quick=quick)
    flow.advance()
    assert flow.page is PageId.ACCOUNT
    return flow


def test_a_table_provider_leads_to_the_test(tmp_path: Path) -> None:
    flow = at_account(tmp_path)
    flow.set("user", "bom@gmail.com")
    assert flow.account_target() is PageId.TEST
    assert flow.answers.host == ""  # asking changes nothing: the server is picked when the page is left


def test_an_unknown_domain_leads_to_the_server_page(tmp_path: Path) -> None:
    flow = at_account(tmp_path)
    flow.set("user", "bom@nowhere.invalid")
    assert flow.account_target() is PageId.SERVER


def test_the_full_route_and_change_server_settings_lead_to_the_server_page(tmp_path: Path) -> None:
    flow = at_account(tmp_path, quick=False)
    flow.set("user", "bom@gmail.com")
    assert flow.account_target() is PageId.SERVER
    quick = at_account(tmp_path)
    quick.set("user", "bom@gmail.com")
    quick.detailed = True  # after "Change server settings…"
    assert quick.account_target() is PageId.SERVER


def test_the_answer_agrees_with_where_next_goes(tmp_path: Path) -> None:
    for address in ("bom@gmail.com", "bom@nowhere.invalid"):
        flow = at_account(tmp_path)
        flow.set("user", address)
        flow.set("secret", "x")
        expected = flow.account_target()
        assert flow.advance() is expected
