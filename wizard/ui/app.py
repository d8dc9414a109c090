"""Start-up of the GUI: QApplication, the first page on screen, then the qasync loop and everything else.

`run_gui` is what `smtp-wizard` (no command) and `smtp-wizard --demo` call. The first window must appear
fast, so before it is painted only Qt and the Welcome page are loaded: qasync, asyncio, the settings model,
tomlkit, aiosmtplib, keyring, dnspython and the probe are imported once it is on screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUIT_AFTER_ENV = "SMTP_WIZARD_QUIT_AFTER_MS"  # quit N ms after the first window is shown (smoke tests, bench)
WINDOW_SIZE = (860, 540)  # fits 1366x768 at 125 % (1093x614 logical, minus panels); layouts hold down to 760x540


def _warm_up() -> None:
    """Load what the later pages need while the user reads the first one."""
    import wizard.core.apply
    import wizard.probe.engine  # noqa: F401  (aiosmtplib, ssl)


async def _drain(timeout: float = 2.0) -> None:
    """Let cancelled work (a probe, discovery, the demo server) finish cleanly before the loop closes."""
    import asyncio

    current = asyncio.current_task()
    pending = [task for task in asyncio.all_tasks() if task is not current]
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=timeout)


def _language(lang: str | None, app: Any) -> str:
    """Set the catalogue's language; install Qt translators before any widget exists (none for English)."""
    from wizard.core import i18n

    language = lang or i18n.language_from_environment()
    i18n.set_language(language)
    if language != i18n.DEFAULT_LANGUAGE:
        from wizard.ui.translation import install_translators

        install_translators(app, language)
    return language


def run_gui(
    config: Path | None,
    demo: bool,
    lang: str | None,
    *,
    on_shown: Callable[[], None] | None = None,
) -> int:
    """Run the wizard until its window closes. 0: finished (or quit by QUIT_AFTER_ENV), 1: cancelled."""
    os.environ.setdefault("QT_API", "pyside6")  # qasync must never pick another Qt binding
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWizard

    from wizard.ui.wizard import SetupWizard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("smtp-wizard")
    app.setApplicationDisplayName("SMTP Setup Wizard")
    _language(lang, app)
    environment = None
    if demo:
        from wizard.demo.environment import DemoEnvironment

        environment = DemoEnvironment()
        config_path = environment.config_path
    else:
        config_path = (config or Path.cwd() / "config.toml").expanduser().absolute()
    window = SetupWizard(config_path, demo=environment, deferred=True)
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()  # paint it now: what follows takes a moment, the user already sees the window
    if on_shown is not None:
        on_shown()

    import asyncio

    import qasync

    from wizard.ui import tasks

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window.add_remaining_pages()
    quit_after = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if quit_after:
        QTimer.singleShot(max(0, int(quit_after)), app.quit)
    if environment is not None:
        tasks.start(environment.start(), "demo mail server")
    QTimer.singleShot(50, _warm_up)
    try:
        with loop:
            loop.run_forever()
            loop.run_until_complete(_drain())
            if environment is not None:
                environment.close()  # while the loop still runs, so the server's sockets close cleanly
    finally:
        if environment is not None:
            environment.close()  # again on an error path: closing twice is harmless
    if quit_after:
        return 0
    return 0 if window.result() == QWizard.DialogCode.Accepted else 1
