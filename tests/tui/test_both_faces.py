"""The journeys of tests/flow/journeys.py through the terminal wizard (tests/ui/test_both_faces.py walks the
same ones through the Qt wizard): the same written files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, RadioButton, RadioSet

from tests.flow import journeys
from tests.support.servers import SmtpServer
from tests.tui.driver import enter, probe_finished, type_into, wizard
from wizard.flow import PageId
from wizard.tui.app import WizardApp
from wizard.tui.fields import safe_id


class TerminalFace:
    def __init__(self, app: WizardApp, pilot: Pilot[int]) -> None:
        self.app, self.pilot = app, pilot

    async def next(self, expect: PageId) -> None:
        await enter(self.app, self.pilot, expect)

    async def fill(self, name: str, value: str) -> None:
        await type_into(self.app, self.pilot, name, value)

    async def tick(self, name: str) -> None:
        box = self.app.screen.query_one(f"#{safe_id(name)}", Checkbox)
        box.focus()
        if not box.value:
            await self.pilot.press("space")
        await self.pilot.pause()

    async def choose(self, name: str, value: str) -> None:
        radio = self.app.screen.query_one(f"#{safe_id(name)}", RadioSet)
        button = next(b for b in radio.query(RadioButton) if b.name == value)
        if not button.value:
            await self.pilot.click(button)
        await self.pilot.pause()

    async def test_passed(self) -> bool:
        await probe_finished(self.app, self.pilot)
        return self.app.flow.test_passed()


@journeys.JOURNEYS
async def test_journey_through_the_terminal_wizard_writes_the_expected_files(
    tmp_path: Path,
    smtp_server: Callable[..., SmtpServer],
    journey: Callable[..., object],
    mode: str,
    expected: Callable[[journeys.Setup], dict[str, str | None]],
) -> None:
    server = smtp_server(mode, auth=mode != "plain")
    setup = journeys.prepare_new(tmp_path, server.port)
    async with wizard(setup.config, ca_file=server.ca_file, quick=False) as (app, pilot):
        await journey(TerminalFace(app, pilot), setup)  # type: ignore[misc]
    assert journeys.written(setup) == expected(setup)
