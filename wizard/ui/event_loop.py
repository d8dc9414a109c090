"""The GUI's event loop once the first window is painted: asyncio on Qt's loop through qasync, the demo mail
server, the warm-up of what the later pages need, and a clean drain when the window closes.

`run_gui` imports this module after the first frame (asyncio and qasync cost ~15 ms the first window does
not wait for); everything it needs stands at its top, except what the warm-up loads on purpose later.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from wizard.ui import tasks

if TYPE_CHECKING:
    from wizard.demo.environment import DemoEnvironment

WARM_UP_AFTER_MS = 50  # the warm-up starts once the first frame's own events are handled
HANGUP_POLL_MS = 250  # how soon a SIGHUP's Python handler runs while Qt's loop idles (demo)


def run(app: QApplication, window: QWidget, demo: DemoEnvironment | None, quit_after_ms: int | None) -> None:
    """Run Qt's loop with asyncio on it until the window closes (or `quit_after_ms` milliseconds passed,
    for smoke tests and the bench); then let cancelled work finish (`drain`) and stop the demo server."""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    if quit_after_ms is not None:
        QTimer.singleShot(max(0, quit_after_ms), app.quit)
    if demo is not None:
        tasks.start(demo.start(), "demo mail server")
        # Python runs a signal's handler (SIGHUP: close_on_hangup) only when it next runs Python code, which an
        # idle Qt loop never does: a timer lets it, within a quarter of a second
        awake = QTimer(window)
        awake.timeout.connect(lambda: None)
        awake.start(HANGUP_POLL_MS)
    QTimer.singleShot(WARM_UP_AFTER_MS, warm_up)
    try:
        with loop:
            loop.run_forever()
            loop.run_until_complete(drain())
            if demo is not None:
                demo.close()  # while the loop still runs, so the server's sockets close cleanly
    finally:
        if demo is not None:
            demo.close()  # again on an error path: closing twice is harmless


def warm_up() -> None:
    """Load what the later pages need while the user reads the first one: the flow's two seams, its services
    (the probe with aiosmtplib and ssl, discovery) and its files (tomlkit, the Compose readers, the planner)."""
    # lazy: loading the flow's seams early is the point of the warm-up, once the first window is on screen
    import wizard.flow.files
    import wizard.flow.services  # noqa: F401  lazy: the same warm-up


async def drain(timeout: float = 2.0) -> None:
    """Let cancelled work (a probe, discovery, the demo server) finish cleanly before the loop closes;
    `timeout` in seconds."""
    current = asyncio.current_task()
    pending = [task for task in asyncio.all_tasks() if task is not current]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=timeout)
