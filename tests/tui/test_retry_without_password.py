"""The terminal wizard offers "Retry without a password" when the server offers no login (a relay on
loopback) and a password was typed; pressing it tests again without one, and the test passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.flow.test_retry_without_password import relay_setup
from tests.support.servers import SmtpServer
from tests.tui.driver import enter, probe_finished, screen_text, type_into, until, wizard
from wizard.flow import PageId


async def test_a_relay_with_a_typed_password_offers_retry_without_a_password_which_passes(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False)
    async with wizard(relay_setup(tmp_path, server.port)) as (app, pilot):
        await enter(app, pilot, PageId.ACCOUNT)
        await type_into(app, pilot, "secret", "anything")
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        assert not app.flow.test_passed()
        assert "Retry without a password" in screen_text(app)
        await pilot.click("#action-retry_no_password")
        await until(pilot, lambda: app.flow.test_passed(), what="the test without a password to pass")
        assert app.flow.answers.secret_source == "none"
        await pilot.pause(0.2)
        assert "Retry without a password" not in screen_text(app)
