"""The terminal wizard's journeys, as the GUI tests walk them: demo end to end, an existing config with its
kept secret, a failed test and its fix link, the skip path, German — real loopback servers, real files."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button

from tests.flow.test_journeys import existing_setup
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, page_text, probe_finished, screen_text, type_into, until, until_shown, wizard
from wizard.core import i18n
from wizard.demo.environment import DemoEnvironment
from wizard.flow import PageId


async def test_demo_end_to_end_with_enter_alone_shows_the_received_mail() -> None:
    demo = DemoEnvironment()
    try:
        async with wizard(demo.config_path, demo=demo) as (app, pilot):
            assert str(demo.folder) in page_text(app)
            await enter(app, pilot, PageId.ACCOUNT)
            await enter(app, pilot, PageId.TEST)
            await probe_finished(app, pilot)
            assert app.flow.test_passed() and "✓" in screen_text(app)
            await enter(app, pilot, PageId.SUMMARY)
            assert f"smtp://127.0.0.1:{demo.server.port}" in screen_text(app)
            await enter(app, pilot, PageId.DONE)
            assert "Subject: SMTP Setup Wizard" in page_text(app)  # the mail, under the (now longer) lists
            await pilot.press("enter")
            await until(pilot, lambda: app.return_code is not None, what="the app to end")
        assert app.return_code == 0
        smtp = tomllib.loads(demo.config_path.read_text())["smtp"]
        assert smtp["endpoint"] == f"smtp://127.0.0.1:{demo.server.port}?tls=required"
    finally:
        demo.close()


async def test_existing_config_is_prefilled_and_its_secret_kept_unseen(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port)
    env_before = (tmp_path / ".env").read_bytes()
    async with wizard(config, ca_file=server.ca_file) as (app, pilot):
        assert LOGIN in page_text(app)
        await enter(app, pilot, PageId.ACCOUNT)
        shown = screen_text(app)
        assert LOGIN in shown and "keep the stored one" in shown
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        assert "keeps MAIL_PASSWORD" in page_text(app)
        await enter(app, pilot, PageId.DONE)
        assert PASSWORD not in screen_text(app)
    assert (tmp_path / ".env").read_bytes() == env_before
    assert 'secret = "${MAIL_PASSWORD}"' in config.read_text()


async def test_a_failed_test_offers_its_fix_link_which_leads_to_the_password(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port, secret="wrong password")
    async with wizard(config, ca_file=server.ca_file) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert not app.flow.test_passed()
        shown = screen_text(app)
        assert "✗" in shown and "Change the password…" in shown
        await pilot.press("enter")  # no passing test, no confirmation: Enter is refused with the reason
        await pilot.pause()
        assert app.flow.page is PageId.TEST
        await until_shown(app, pilot, "did not pass")
        await pilot.click("#action-fix")
        await until(pilot, lambda: getattr(app.screen, "page", None) is PageId.SECRET, what="the Secret page")
        await type_into(app, pilot, "secret", PASSWORD)
        assert PASSWORD not in screen_text(app)  # masked
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
    from wizard.core.env_file import read_env

    assert read_env(tmp_path / ".env").value("MAIL_PASSWORD") == PASSWORD


async def test_skip_path_writes_the_switch_after_the_warning(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[user]\ntmp_admin = false\n")
    async with wizard(config) as (app, pilot):
        await pilot.click("#q-skip")
        await until_shown(app, pilot, "anyone can register")
        await enter(app, pilot, PageId.SUMMARY)
        await until_shown(app, pilot, "skip_verification = true")
        await enter(app, pilot, PageId.DONE)
        await until_shown(app, pilot, "again as soon as you have a mail server")
    assert tomllib.loads(config.read_text())["user"]["skip_verification"] is True


async def test_german_walk_shows_the_pages_and_validation_in_german(tmp_path: Path) -> None:
    i18n.set_language("de")
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        assert "SMTP-Einrichtungsassistent — Postausgang einrichten" in screen_text(app)
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", "bom@")
        shown = screen_text(app)
        assert "E-Mail-Adresse" in shown and "Weiter" in shown
        problem = app.flow.questions()[0].problem
        assert problem and problem.split(":")[0] in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.flow.page is PageId.ACCOUNT


async def test_language_choice_on_welcome_switches_every_text_at_once(tmp_path: Path) -> None:
    async with wizard(tmp_path / "config.toml") as (app, pilot):
        await pilot.click("#q-language RadioButton:last-of-type")
        await until(pilot, lambda: "Postausgang einrichten" in screen_text(app), what="German texts")
        assert app.screen.query_one("#next", Button).label.plain == "Weiter"


async def test_quick_path_reaches_a_written_file_for_a_table_provider(
    tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    from tests.flow.conftest import PROVIDER_ADDRESS

    server = provider_server()
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, connect_to=server.connect_to) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", PROVIDER_ADDRESS)
        assert "Gmail" in screen_text(app)
        await type_into(app, pilot, "secret", PASSWORD)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
    assert tomllib.loads((tmp_path / "config.toml").read_text())["smtp"]["endpoint"] == "smtp.gmail.com"


async def test_the_quick_path_looks_the_server_up_while_the_address_is_typed(
    tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    """Discovery with DNS off and a checker standing in for the network (as tests/discovery does): the
    guessed server that answers becomes the quick path's server, tested through a loopback server that
    holds its name."""
    address, host = "bom@example-shop.test", "smtp.example-shop.test"
    server = provider_server(host, credentials={address: PASSWORD})

    async def answers_on_smtp_465(candidate: object) -> bool:
        return str(getattr(candidate, "host", "")).startswith("smtp.") and getattr(candidate, "port", 0) == 465

    options = {"use_dns": False, "verify": answers_on_smtp_465, "deadline": 5, "stagger": 0}
    async with wizard(
        tmp_path / "config.toml",
        auto_discover=True,
        discovery_options=options,
        ca_file=server.ca_file,
        connect_to=server.connect_to,
    ) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "user", address)
        found = f"Found: {host}, port 465"  # the server found is named before the test uses it
        await until(pilot, lambda: found in page_text(app), timeout=15, what="discovery's result")
        await type_into(app, pilot, "secret", PASSWORD)
        await enter(app, pilot, PageId.TEST)
        assert (app.flow.answers.host, app.flow.answers.port) == (host, "465")
        await probe_finished(app, pilot)
        assert app.flow.test_passed()
        await enter(app, pilot, PageId.SUMMARY)
        await enter(app, pilot, PageId.DONE)
    assert tomllib.loads((tmp_path / "config.toml").read_text())["smtp"]["endpoint"] == host
