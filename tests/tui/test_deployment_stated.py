"""The terminal Summary and Done pages state the deployment layout the files are written for, in the flow's
words (the GUI shows the same): "Deployment: Standalone: …" / "Betriebsart: …", in English and German."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.tui.driver import enter, page_text, probe_finished, wizard
from wizard.core import i18n
from wizard.demo.environment import DemoEnvironment
from wizard.flow import PageId


@pytest.mark.parametrize(("language", "lead"), [("en", "Deployment: "), ("de", "Betriebsart: ")])
async def test_summary_and_done_state_the_deployment_from_the_flow(language: str, lead: str) -> None:
    i18n.set_language(language)
    demo = DemoEnvironment()
    try:
        async with wizard(demo.config_path, demo=demo) as (app, pilot):
            await enter(app, pilot, PageId.ACCOUNT)
            await enter(app, pilot, PageId.TEST)
            await probe_finished(app, pilot)
            await enter(app, pilot, PageId.SUMMARY)
            summary = app.flow.summary()
            assert summary is not None and summary.deployment.startswith(lead)
            assert str(app.screen.query_one("#deployment", Static).render()) == summary.deployment
            assert summary.deployment in page_text(app)
            await enter(app, pilot, PageId.DONE)
            done = app.flow.done()
            assert done.deployment.startswith(lead) and done.deployment in page_text(app)
    finally:
        demo.close()
        i18n.set_language("en")
