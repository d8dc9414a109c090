"""The terminal wizard offers "Retry without a password" when the server offers no login (the demo relay)
and a password was typed; pressing it tests again without one, and the test passes."""

from __future__ import annotations

from tests.tui.driver import enter, probe_finished, screen_text, type_into, until, wizard
from wizard.demo.environment import DemoEnvironment
from wizard.flow import PageId


async def test_demo_with_a_typed_password_offers_retry_without_a_password_which_passes() -> None:
    demo = DemoEnvironment()
    try:
        async with wizard(demo.config_path, demo=demo) as (app, pilot):
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
    finally:
        demo.close()
