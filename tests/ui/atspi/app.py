"""The wizard on a real X display, walked page by page through the demo with Next; on each page Tab goes
round every stop and the AT-SPI reader (a separate process, `reader.py`) says what has the focus, as a screen
reader would. Prints one JSON line per page: {"page", "stops": [{"role", "name", "labelled_by", "extents",
"widget"}], "unnamed": [...]}, then {"done": true}. Run inside a D-Bus session with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 (see tests/ui/test_atspi.py)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import qasync
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from wizard.core import i18n
from wizard.demo.environment import DemoEnvironment
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import switch_language
from wizard.ui.wizard import SetupWizard

READER = Path(__file__).with_name("reader.py")
MAX_STOPS = 60  # more Tab stops than any page has: the walk ends when the focus comes round again
SETTLE = 0.15  # seconds for a focus change to reach the accessibility bus


class Reader:
    """The AT-SPI reader process; asked while the Qt loop runs (the answers come from this process's bus)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            ["/usr/bin/python3", str(READER), str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    async def line(self) -> Any:
        assert self.process.stdout is not None
        text = await asyncio.wait_for(asyncio.to_thread(self.process.stdout.readline), 60)
        if not text:
            raise SystemExit("the AT-SPI reader ended")
        return json.loads(text)

    async def ask(self, command: str) -> Any:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return await self.line()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
        self.process.wait(10)


def widget_name(widget: QWidget | None) -> str:
    if widget is None:
        return "(none)"
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {str(shown)[:40]!r}"


async def tab_round(wiz: SetupWizard, reader: Reader) -> list[dict[str, Any]]:
    """Every Tab stop of the current page, from the page's first one, once round."""
    page = wiz.currentPage()
    page.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(wiz, Qt.Key.Key_Tab)  # from the page itself to its first stop
    await asyncio.sleep(SETTLE)
    stops: list[dict[str, Any]] = []
    seen: set[int] = set()
    for _ in range(MAX_STOPS):
        widget = QApplication.focusWidget()
        if widget is None or id(widget) in seen:
            break
        seen.add(id(widget))
        found = await reader.ask("focused")
        nothing = {"role": "", "name": "", "labelled_by": [], "extents": [-1, -1, -1, -1]}
        stops.append({**(found or nothing), "widget": widget_name(widget)})
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        await asyncio.sleep(SETTLE)
    return stops


async def report(wiz: SetupWizard, reader: Reader) -> None:
    stops = await tab_round(wiz, reader)
    unnamed = await reader.ask("unnamed")
    page = PageId(wiz.currentId()).name.lower()
    print(json.dumps({"page": page, "stops": stops, "unnamed": unnamed}), flush=True)


async def next_page(wiz: SetupWizard) -> None:
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
        button = wiz.button(which)
        if button.isVisible():
            break
    for _ in range(600):
        if button.isEnabled() and not wiz.test.running():
            break
        await asyncio.sleep(0.05)
    button.click()
    await asyncio.sleep(0.3)


async def walk(lang: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    switch_language(app, lang)
    demo = DemoEnvironment()
    reader = Reader()
    try:
        await demo.start()
        wiz = SetupWizard(
            demo.config_path, demo=demo, quick=False, live_discovery=False, keyring_backend=FailKeyring()
        )
        wiz.resize(900, 600)
        wiz.show()
        wiz.activateWindow()  # no window manager on Xvfb gives it the keyboard: ask for it
        for _ in range(100):
            if QApplication.activeWindow() is wiz:
                break
            await asyncio.sleep(0.05)
        await reader.line()  # the reader found this process on the accessibility bus
        for _ in range(12):
            for _ in range(200):  # the page's own work first (reading the files, the live test)
                if wiz.currentId() != PageId.TEST or not wiz.test.running():
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.5)
            await report(wiz, reader)
            if wiz.currentId() == PageId.DONE:
                break
            if wiz.currentId() == PageId.SERVER and wiz.server.relay.isChecked():
                # a relay skips the Encryption page: visit it once, then go on as the demo would
                wiz.server.relay.click()
                await next_page(wiz)
                await report(wiz, reader)
                wiz.back()
                await asyncio.sleep(0.3)
                wiz.server.relay.click()
            await next_page(wiz)
        print(json.dumps({"done": True}), flush=True)
        wiz.close()
    finally:
        reader.close()
        demo.close()


def main() -> int:
    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    i18n.set_language(lang)
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(walk(lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
