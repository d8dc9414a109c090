"""The GUI faces of issue 11: what the server would read differently is refused where it is typed, and the
warnings (extra CA, a login that is not an address, a domain off the internet) are shown on the Test and
Summary pages."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, walk_to_test_page
from tests.ui.servers import LOGIN, PASSWORD, local_server
from wizard.core.settings import Security
from wizard.core.warnings import WarningCode
from wizard.ui.pages.ids import PageId
from wizard.ui.warning_list import WarningList


def summary_codes(warnings: WarningList) -> list[WarningCode]:
    """The Summary's warnings but this machine's EHLO name (a host name without a dot adds its own warning,
    pinned by tests/cli/test_ehlo_name_cli.py and tests/flow/test_ehlo_name_in_the_flow.py)."""
    return [w.code for w in warnings.warnings if not w.code.value.startswith("ehlo_")]


async def test_a_pass_that_trusted_the_extra_ca_shows_the_warning_on_test_and_summary(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        await walk_to_test_page(qtbot, wiz, "localhost", 465, "smtps", PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.verdict.text()
    assert wiz.test.warnings.isVisible()
    assert str(ca_file) in wiz.test.warnings.text() and "container image" in wiz.test.warnings.text()
    await next_page(qtbot, wiz, PageId.SUMMARY)
    assert summary_codes(wiz.summary.warnings) == [WarningCode.EXTRA_CA]
    assert wiz.summary.warnings.isVisible()


async def test_an_internal_sender_address_is_accepted_and_warned_about_on_the_summary(
    qtbot: Any, tmp_path: Path
) -> None:
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", connect_to=(server.host, server.port))
        await pass_welcome(qtbot, wiz)
        type_into(qtbot, wiz.sender_page.address.line, "root@localhost")
        assert wiz.sender_page.isComplete() and not wiz.sender_page.address.message.isVisible()
        await next_page(qtbot, wiz, PageId.SERVER)
        click(qtbot, wiz.server.relay)
        await next_page(qtbot, wiz, PageId.SECRET)
        await next_page(qtbot, wiz, PageId.TEST)
        await probe_finished(wiz)
        assert wiz.test.passed(), wiz.test.verdict.text()
        assert "localhost" in wiz.test.warnings.text() and "public internet" in wiz.test.warnings.text()
        await next_page(qtbot, wiz, PageId.SUMMARY)
    assert summary_codes(wiz.summary.warnings) == [WarningCode.DOMAIN_NOT_PUBLIC]


async def test_a_login_that_is_not_an_address_is_warned_about_on_the_summary(qtbot: Any, tmp_path: Path) -> None:
    with local_server("none", auth=False) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", connect_to=(server.host, server.port))
        await pass_welcome(qtbot, wiz)
        click(qtbot, wiz.sender_page.not_address)
        type_into(qtbot, wiz.sender_page.address.line, "apikey")
        await next_page(qtbot, wiz, PageId.SERVER)
        click(qtbot, wiz.server.relay)
        await next_page(qtbot, wiz, PageId.SECRET)
        await next_page(qtbot, wiz, PageId.TEST)
        assert wiz.test.send_to.text() == ""  # `user` is no address: no default recipient
        await probe_finished(wiz)
        assert wiz.test.passed()
        await next_page(qtbot, wiz, PageId.SUMMARY)
    assert summary_codes(wiz.summary.warnings) == [WarningCode.LOGIN_NOT_ADDRESS]
    assert "apikey" in wiz.summary.warnings.text() and "msmtpd" in wiz.summary.warnings.text()


async def test_an_ipv6_address_without_encryption_is_explained_and_blocks_next(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "::1")
    type_into(qtbot, wiz.server.port, "25")
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[Security.NONE])
    assert wiz.security.problem.isVisible()
    assert "smtp://[::1]:25" in wiz.security.problem.text() and "localhost" in wiz.security.problem.text()
    assert not wiz.security.isComplete()
    type_into(qtbot, wiz.server.port, "465")
    click(qtbot, wiz.security._buttons[Security.SMTPS])
    assert wiz.security.isComplete()  # the bare-host form takes the IPv6 address as it is


async def test_the_host_field_refuses_a_zone_id_and_an_expansion_as_you_type(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    for text, words in (("fe80::1%eth0", "zone id"), ("smtp.${DOMAIN}", "${")):
        type_into(qtbot, wiz.server.host.line, text)
        assert wiz.server.host.message.isVisible() and words in wiz.server.host.message.text()
        assert not wiz.server.isComplete()


async def test_the_sender_field_refuses_an_expansion(qtbot: Any, tmp_path: Path) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom${X}@example.com")
    assert not wiz.sender_page.isComplete() and "${" in wiz.sender_page.address.message.text()
