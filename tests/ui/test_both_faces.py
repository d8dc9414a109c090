"""The journeys of tests/flow/journeys.py through the Qt wizard (tests/tui/test_both_faces.py walks the same
ones through the terminal wizard): the same written files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit, QSpinBox

from tests.flow import journeys
from tests.support.servers import SmtpServer
from tests.ui.driver import click, next_page, open_wizard, probe_finished, type_into, until
from wizard.core.settings import Security
from wizard.flow import PageId
from wizard.ui.pages.ids import PageId as QtPageId
from wizard.ui.wizard import SetupWizard

QT_PAGE = {PageId.ACCOUNT: QtPageId.SENDER} | {
    page: QtPageId[page.name] for page in PageId if page.name in QtPageId.__members__
}


class QtFace:
    def __init__(self, qtbot: Any, wiz: SetupWizard) -> None:
        self.qtbot, self.wiz = qtbot, wiz

    async def next(self, expect: PageId) -> None:
        if self.wiz.currentId() == int(QtPageId.WELCOME):
            await until(self.wiz.welcome.isComplete, what="the config file to be read")
        await next_page(self.qtbot, self.wiz, QT_PAGE[expect])

    def _field(self, name: str) -> QLineEdit | QSpinBox:
        wiz = self.wiz
        fields: dict[str, QLineEdit | QSpinBox] = {
            "user": wiz.sender_page.address.line,
            "host": wiz.server.host.line,
            "port": wiz.server.port,
            "secret": wiz.secret_page.secret,
        }
        return fields[name]

    async def fill(self, name: str, value: str) -> None:
        type_into(self.qtbot, self._field(name), value)

    async def tick(self, name: str) -> None:
        assert name == "relay"
        if not self.wiz.server.relay.isChecked():
            click(self.qtbot, self.wiz.server.relay)

    async def choose(self, name: str, value: str) -> None:
        if name == "secret_source":
            button = {
                "new": self.wiz.secret_page.new,
                "keep": self.wiz.secret_page.keep,
                "none": self.wiz.secret_page.none,
            }[value]
        else:
            button = self.wiz.security._buttons[Security(value)]
        if not button.isChecked():
            click(self.qtbot, button)

    async def test_passed(self) -> bool:
        await probe_finished(self.wiz)
        return self.wiz.test.passed()


@journeys.JOURNEYS
async def test_journey_through_the_qt_wizard_writes_the_expected_files(
    qtbot: Any,
    tmp_path: Path,
    smtp_server: Callable[..., SmtpServer],
    journey: Callable[..., object],
    mode: str,
    expected: Callable[[journeys.Setup], dict[str, str | None]],
) -> None:
    server = smtp_server(mode, auth=mode != "plain")
    setup = journeys.prepare_new(tmp_path, server.port)
    wiz = open_wizard(qtbot, setup.config, ca_file=server.ca_file)
    await journey(QtFace(qtbot, wiz), setup)  # type: ignore[misc]
    assert journeys.written(setup) == expected(setup)


async def test_the_qt_route_is_the_flows(qtbot: Any, tmp_path: Path) -> None:
    """Welcome and Server branch by the flow's route table: skip → Summary, relay → Secret."""
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await until(wiz.welcome.isComplete, what="the config file to be read")
    wiz.welcome.skip.setChecked(True)
    assert wiz.welcome.nextId() == int(QtPageId.SUMMARY)
    wiz.welcome.skip.setChecked(False)
    assert wiz.welcome.nextId() == int(QtPageId.SENDER)
    wiz.server.relay.setChecked(True)
    assert wiz.server.nextId() == int(QtPageId.SECRET)
    wiz.server.relay.setChecked(False)
    assert wiz.server.nextId() == int(QtPageId.SECURITY)
