"""The Test page offers the compose `hostname:` fix when the server's container would send a name without a
dot (SPEC §12 rev 3): a field pre-filled with a fully-qualified name, "Set hostname: NAME … and test again",
the test sending that name, and the edit written through the same transaction (in the Summary's compose
diff). Real files, the real Docker Compose binary, a loopback relay that refuses bare EHLO names."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deployment.engine import put_engine_on_path
from tests.deployment.layouts import COMPOSE_PASSED_HOST_NET, make_project, make_standalone
from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer
from wizard.core import i18n
from wizard.flow import PageId
from wizard.flow.flow import Flow
from wizard.flow.hostname_offer import suggested_hostname, usable_machine_name

USER = "bom@example.org"


@pytest.fixture
def strict_relay(server_loop: LoopThread) -> Iterator[ScriptedServer]:
    server = ScriptedServer(server_loop, Script(helo_fqdn_required=True))
    yield server
    server.stop()


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put_engine_on_path(monkeypatch, tmp_path / "bin")


def _to_test_page(config: Path, port: int) -> Flow:
    """The full route typed in as a person would: a relay on loopback, no password, a recipient."""
    flow = Flow(config, quick=False)
    flow.advance()
    flow.set("user", USER)
    flow.advance()
    for name, value in (("relay", True), ("host", "127.0.0.1"), ("port", str(port))):
        flow.set(name, value)
    flow.advance()
    flow.set("secret_source", "none")
    assert flow.advance() is PageId.TEST
    return flow


def _compose_flow(tmp_path: Path, port: int, compose_text: str = COMPOSE_PASSED_HOST_NET) -> Flow:
    return _to_test_page(make_project(tmp_path, compose_text).config, port)


def _question(flow: Flow, name: str) -> object:
    return next((q for q in flow.questions() if q.name == name), None)


def _action(flow: Flow, action_id: str) -> str | None:
    return next((a.label for a in flow.actions() if a.id == action_id), None)


def _expected_default() -> str:
    return suggested_hostname(socket.getfqdn(), USER)


async def test_without_hostname_the_test_page_offers_a_prefilled_fully_qualified_name(
    tmp_path: Path, engine: None, strict_relay: ScriptedServer
) -> None:
    flow = _compose_flow(tmp_path, strict_relay.port)
    question = _question(flow, "hostname")
    assert question is not None and question.value == _expected_default()  # type: ignore[attr-defined]
    assert "." in flow.answers.hostname
    label = _action(flow, "set_hostname")
    assert label == f"Set hostname: {flow.answers.hostname} and test again"
    assert _action(flow, "unset_hostname") is None


async def test_setting_the_hostname_retests_with_it_passes_and_writes_it_with_the_settings(
    tmp_path: Path, engine: None, strict_relay: ScriptedServer
) -> None:
    flow = _compose_flow(tmp_path, strict_relay.port)
    report = await flow.run_test()
    assert report is not None and not report.ok
    assert report.diagnosis.advice_id == "helo_rejected_container_id"
    flow.set("hostname", "mail.example.com")
    flow.act("set_hostname")
    assert flow.test is None  # the face starts the test anew: the name the server sends changed
    assert any("gets “hostname: mail.example.com”" in m.text for m in flow.messages())
    report = await flow.run_test()
    assert report is not None and report.ok and report.ehlo_name == "mail.example.com"
    assert "EHLO mail.example.com" in strict_relay.lines
    assert flow.advance() is PageId.SUMMARY
    assert flow.plan is not None and "+    hostname: mail.example.com" in flow.plan.compose_diff()
    flow.advance()  # writes config.toml and the compose file in one transaction, checked by Compose
    assert flow.page is PageId.DONE
    written = (tmp_path / "stack" / "compose.yaml").read_text()
    assert "  bomnipotent_server:\n    hostname: mail.example.com\n    image:" in written
    config = (tmp_path / "stack" / "bomnipotent_config" / "config.toml").read_text()
    assert f"127.0.0.1:{strict_relay.port}" in config and 'user = "bom@example.org"' in config


async def test_leaving_hostname_as_it_is_takes_the_edit_back_and_retests_with_the_container_id(
    tmp_path: Path, engine: None, strict_relay: ScriptedServer
) -> None:
    flow = _compose_flow(tmp_path, strict_relay.port)
    flow.set("hostname", "mail.example.com")
    flow.act("set_hostname")
    assert _action(flow, "set_hostname") is None and _action(flow, "unset_hostname") is not None
    flow.act("unset_hostname")
    assert flow.compose_hostname is None and flow.test is None
    report = await flow.run_test()
    assert report is not None and not report.ok and "." not in report.ehlo_name
    flow.set("save_untested", True)
    flow.advance()
    assert flow.plan is not None and "hostname:" not in flow.plan.compose_diff()


async def test_a_name_without_a_dot_is_refused_at_the_field_and_never_holds_next(
    tmp_path: Path, engine: None, strict_relay: ScriptedServer
) -> None:
    flow = _compose_flow(tmp_path, strict_relay.port)
    flow.set("hostname", "mail")
    question = _question(flow, "hostname")
    assert question is not None and "no fully-qualified host name" in str(question.problem)  # type: ignore[attr-defined]
    assert _action(flow, "set_hostname") is None
    flow.act("set_hostname")  # a stale button: nothing set
    assert flow.compose_hostname is None
    await flow.run_test()
    flow.set("save_untested", True)
    assert flow.problems() == []  # the field's words stand at the field; Next is the test's business


async def test_a_fully_qualified_hostname_in_the_compose_file_is_not_offered_again(
    tmp_path: Path, engine: None, strict_relay: ScriptedServer
) -> None:
    text = COMPOSE_PASSED_HOST_NET.replace(
        "    image: wwhsoft/bomnipotent_server:latest\n",
        "    image: wwhsoft/bomnipotent_server:latest\n    hostname: bom.example.org\n",
    )
    flow = _compose_flow(tmp_path, strict_relay.port, text)
    assert _question(flow, "hostname") is None and _action(flow, "set_hostname") is None
    report = await flow.run_test()
    assert report is not None and report.ok and "EHLO bom.example.org" in strict_relay.lines


async def test_a_bare_hostname_in_the_compose_file_is_replaced_on_its_line(
    tmp_path: Path, engine: None, strict_relay: ScriptedServer
) -> None:
    text = COMPOSE_PASSED_HOST_NET.replace(
        "    image: wwhsoft/bomnipotent_server:latest\n",
        "    image: wwhsoft/bomnipotent_server:latest\n    hostname: bom   # the box's name\n",
    )
    flow = _compose_flow(tmp_path, strict_relay.port, text)
    assert "“bom”" in str(_question(flow, "hostname").help)  # type: ignore[union-attr]
    flow.set("hostname", "bom.example.org")
    flow.act("set_hostname")
    report = await flow.run_test()
    assert report is not None and report.ok
    flow.advance()
    flow.advance()
    written = (tmp_path / "stack" / "compose.yaml").read_text()
    assert "    hostname: bom.example.org   # the box's name\n" in written and "hostname: bom " not in written


def test_the_standalone_layout_offers_no_compose_edit(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    flow = _to_test_page(project.config, 25)
    assert _question(flow, "hostname") is None
    assert _action(flow, "set_hostname") is None


def test_choosing_another_config_forgets_the_chosen_hostname(tmp_path: Path, engine: None) -> None:
    flow = _compose_flow(tmp_path, 25)
    flow.act("set_hostname")
    assert flow.compose_hostname == _expected_default()
    (tmp_path / "other").mkdir()
    other = make_standalone(tmp_path / "other")
    flow.set("config_path", str(other.config))
    assert flow.compose_hostname is None and flow.answers.hostname == ""


def test_the_offer_speaks_german(tmp_path: Path, engine: None) -> None:
    i18n.set_language("de")
    try:
        flow = _compose_flow(tmp_path, 25)
        question = _question(flow, "hostname")
        assert question is not None and question.label == "Rechnername für den Dienst „bomnipotent_server“"  # type: ignore[attr-defined]
        name = flow.answers.hostname
        expected = f"hostname: {name} setzen und erneut testen"
        assert _action(flow, "set_hostname") == expected
        flow.act("set_hostname")
        assert _action(flow, "unset_hostname") == "hostname: unverändert lassen und erneut testen"
        assert any(f"erhält mit den Einstellungen „hostname: {name}“" in m.text for m in flow.messages())
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    ("fqdn", "user", "expected"),
    [
        ("build7.corp.example.com", USER, "build7.corp.example.com"),  # the machine's own name first
        ("localhost", USER, "bomnipotent.example.org"),
        ("vm", USER, "bomnipotent.example.org"),
        ("vm.localdomain", USER, "bomnipotent.example.org"),
        ("box.local", USER, "bomnipotent.example.org"),
        ("127.0.1.1", USER, "bomnipotent.example.org"),
        ("vm", "apikey", ""),  # no mail domain, no usable machine name: the user types one
    ],
)
def test_the_suggested_name_is_the_machines_fqdn_else_one_in_the_mail_domain(
    fqdn: str, user: str, expected: str
) -> None:
    assert suggested_hostname(fqdn, user) == expected


def test_a_machine_name_that_others_cannot_know_is_not_usable() -> None:
    assert usable_machine_name("localhost.localdomain") is None
    assert usable_machine_name("Mail.Example.COM.") == "mail.example.com"
