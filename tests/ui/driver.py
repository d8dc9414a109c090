"""Driving the real wizard the way a person does: keyboard into fields, mouse on buttons; waiting on the loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLineEdit, QRadioButton, QSpinBox, QWizard, QWizardPage

from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard


async def until(predicate: Callable[[], object], timeout: float = 15.0, what: str = "") -> None:
    """Let the qasync loop run (Qt events and the wizard's tasks) until `predicate` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await asyncio.sleep(0.01)


def open_wizard(qtbot: Any, config: Path, **options: Any) -> SetupWizard:
    """The wizard on `config`; the system keyring is never touched unless a test passes its own backend."""
    from keyring.backends.fail import Keyring as FailKeyring

    options.setdefault("keyring_backend", FailKeyring())  # type: ignore[no-untyped-call]
    # The full route unless a test asks for the quick path; no discovery while typing (it would leave loopback).
    options.setdefault("quick", False)
    options.setdefault("live_discovery", False)
    wiz = SetupWizard(config, **options)
    qtbot.addWidget(wiz)
    wiz.resize(900, 680)
    wiz.show()
    return wiz


def click(qtbot: Any, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be clicked"
    if isinstance(button, QCheckBox | QRadioButton):
        # A full-width check box reacts only on its indicator and text, not in the empty space at its centre.
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: Any, field: QLineEdit | QSpinBox, text: str) -> None:
    """Replace the field's content by typing, as a user does (select all, then type)."""
    field.setFocus()
    line = field.lineEdit() if isinstance(field, QSpinBox) else field
    assert line is not None
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)


async def next_page(qtbot: Any, wiz: SetupWizard, expect: PageId) -> None:
    """Press Next (or the commit button) once it is enabled, and check where the wizard went."""
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
        button = wiz.button(which)
        if button.isVisible():
            break
    await until(button.isEnabled, what=f"{button.text()} to be enabled on page {wiz.currentId()}")
    click(qtbot, button)
    assert wiz.currentId() == expect, f"went to {wiz.currentId()}, expected {expect!r}"


async def pass_welcome(qtbot: Any, wiz: SetupWizard, expect: PageId = PageId.SENDER) -> None:
    await until(wiz.welcome.isComplete, what="the config file to be read")
    await next_page(qtbot, wiz, expect)


async def probe_finished(wiz: SetupWizard) -> None:
    await until(lambda: not wiz.test.running(), timeout=30, what="the probe to finish")


async def visit_every_page(
    qtbot: Any, wiz: SetupWizard, password: str, on_page: Callable[[str, QWizardPage], object]
) -> None:
    """A run against a local implicit-TLS server (see tests.ui.servers) over every page up to Done, calling
    `on_page` on each; with a wrong password the run ends on the failed Test page (details open)."""
    from tests.ui.servers import LOGIN
    from wizard.core.settings import Security

    await until(wiz.welcome.isComplete, what="the config file to be read")
    on_page("welcome", wiz.welcome)
    await pass_welcome(qtbot, wiz)
    on_page("sender", wiz.sender_page)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    on_page("server", wiz.server)
    type_into(qtbot, wiz.server.host.line, "localhost")
    type_into(qtbot, wiz.server.port, "465")
    await next_page(qtbot, wiz, PageId.SECURITY)
    on_page("security", wiz.security)
    click(qtbot, wiz.security._buttons[Security.SMTPS])
    await next_page(qtbot, wiz, PageId.SECRET)
    on_page("secret", wiz.secret_page)
    type_into(qtbot, wiz.secret_page.secret, password)
    await next_page(qtbot, wiz, PageId.TEST)
    await probe_finished(wiz)
    click(qtbot, wiz.test.details_button)
    on_page("test", wiz.test)
    if not wiz.test.passed():
        return
    await next_page(qtbot, wiz, PageId.SUMMARY)
    on_page("summary", wiz.summary)
    await next_page(qtbot, wiz, PageId.DONE)
    on_page("done", wiz.done_page)


async def walk_to_test_page(
    qtbot: Any, wiz: SetupWizard, host: str, port: int, security: str, secret: str | None
) -> None:
    """Welcome -> Sender -> Server -> Security -> Secret -> Test with the given values, as a person types them."""
    from tests.ui.servers import LOGIN

    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, host)
    type_into(qtbot, wiz.server.port, str(port))
    await next_page(qtbot, wiz, PageId.SECURITY)
    click(qtbot, wiz.security._buttons[security])
    await next_page(qtbot, wiz, PageId.SECRET)
    if secret is None:
        click(qtbot, wiz.secret_page.none)
    else:
        type_into(qtbot, wiz.secret_page.secret, secret)
    await next_page(qtbot, wiz, PageId.TEST)
