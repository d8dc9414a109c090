"""Rules the Qt wizard had and the flow lacked, now the flow's, so both faces follow them: Detect in the demo
names the demo's own server and looks nothing up; an address with `${…}` is refused as the server would expand
it; an IPv6 address in the smtp:// forms is the Security page's problem; unticking "relay" gives back the
empty server name that ticking filled with localhost."""

from __future__ import annotations

from pathlib import Path

from wizard.core import i18n
from wizard.demo.environment import DemoEnvironment
from wizard.flow import Flow, PageId


async def test_detect_in_the_demo_names_the_demo_server_and_looks_nothing_up() -> None:
    demo = DemoEnvironment()
    try:
        await demo.start()
        assert demo.server is not None
        flow = Flow(demo.config_path, demo=demo)
        flow.advance()
        flow.set("user", "someone@example.org")  # would be looked up in DNS outside the demo
        found = await flow.discover()
        assert found == []
        assert flow.detect_status == i18n.tr(
            "flow_gui.demo_detect", host=demo.settings.host, port=demo.settings.port
        )
        assert str(demo.server.port) in flow.detect_status
    finally:
        demo.close()


def test_an_address_the_server_would_expand_is_the_account_pages_problem(tmp_path: Path) -> None:
    flow = Flow(tmp_path / "config.toml", quick=False)
    flow.advance()
    flow.set("user", "bom${X}@example.com")
    assert any("${" in problem for problem in flow.problems(PageId.ACCOUNT))


def test_an_ipv6_address_in_the_url_forms_is_the_security_pages_problem(tmp_path: Path) -> None:
    flow = Flow(tmp_path / "config.toml", quick=False)
    flow.set("host", "::1")
    flow.set("port", "25")
    flow.set("security", "none")
    problems = flow.problems(PageId.SECURITY)
    assert problems and "localhost" in problems[0]


def test_unticking_relay_gives_back_the_server_name_ticking_filled_in(tmp_path: Path) -> None:
    flow = Flow(tmp_path / "config.toml", quick=False)
    flow.set("relay", True)
    assert (flow.answers.host, flow.answers.port) == ("localhost", "25")
    flow.set("relay", False)
    assert (flow.answers.host, flow.answers.port) == ("", "465")
    flow.set("host", "relay.example.net")
    flow.set("relay", True)
    flow.set("relay", False)
    assert flow.answers.host == "relay.example.net"  # typed: never replaced
