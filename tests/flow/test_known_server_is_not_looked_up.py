"""A server the existing setup names is not "not found": the quick path's Account page says it will test it,
and nothing is looked up (the test goes there anyway)."""

from __future__ import annotations

from pathlib import Path

from wizard.core.i18n import tr
from wizard.flow.flow import Flow
from wizard.flow.pages import PageId

EXISTING = """\
domain = "https://bom.example.org"

[smtp]
user = "bom@example.org"
endpoint = "smtp://127.0.0.1:2525"
"""


def at_account(tmp_path: Path) -> Flow:
    config = tmp_path / "config.toml"
    config.write_text(EXISTING)
    flow = Flow(config, auto_discover=True)
    flow.advance()
    assert flow.page is PageId.ACCOUNT
    return flow


def test_a_server_from_the_existing_setup_is_named_on_the_account_page_and_not_looked_up(tmp_path: Path) -> None:
    flow = at_account(tmp_path)
    texts = [m.text for m in flow.messages()]
    assert tr("flow.account.known_server", host="127.0.0.1", port="2525") in texts
    assert tr("flow.server.detect_none") not in texts
    assert not flow.wants_discovery()
    assert flow.account_target() is PageId.TEST


def test_typing_another_address_keeps_the_known_server(tmp_path: Path) -> None:
    flow = at_account(tmp_path)
    flow.set("user", "someone@example.net")
    assert not flow.wants_discovery()
    assert flow.account_target() is PageId.TEST


def test_a_server_the_user_changed_is_no_longer_the_setups(tmp_path: Path) -> None:
    flow = at_account(tmp_path)
    flow.set("host", "mail.example.net")
    assert not flow.server_from_setup()
    texts = [m.text for m in flow.messages()]
    assert tr("flow.account.known_server", host="mail.example.net", port="2525") not in texts
