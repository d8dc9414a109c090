"""Start-up of the GUI: QApplication, the first page on screen, then the qasync loop and everything else.

`run_gui` is what `smtp-wizard` (no command) and `smtp-wizard --demo` call. The first window must appear
fast, so before it is painted only Qt and the Welcome page are loaded: the event loop (`event_loop`: qasync,
asyncio), the later pages (`later_pages`: the settings model, tomlkit, keyring, the probe's views) and, in the
warm-up, aiosmtplib and the probe are imported once it is on screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWizard

from wizard.core import i18n
from wizard.startup import pause_collection
from wizard.ui.wizard import SetupWizard

if TYPE_CHECKING:
    from wizard.demo.environment import DemoEnvironment

QUIT_AFTER_ENV = "SMTP_WIZARD_QUIT_AFTER_MS"  # quit N ms after the first window is shown (smoke tests, bench)
MINIMUM_SIZE = (760, 540)  # every page's layout holds down to this (tests/ui/test_layout_smallest.py)
PREFERRED_SIZE = (900, 600)  # roomy where the screen allows; 1366x768 at 125 % is 1093x614 logical
TITLE_BAR = 40  # room for the window manager's title bar and frame, which Qt learns only once shown


def window_geometry(available: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Where the wizard opens on a screen whose available geometry (without panels and docks) is
    `available` = (x, y, width, height) in logical pixels: PREFERRED_SIZE, shrunk to fit the screen with its
    title bar, never below MINIMUM_SIZE, centred; returns (x, y, width, height) of the window's inside."""
    ax, ay, aw, ah = available
    width = max(MINIMUM_SIZE[0], min(PREFERRED_SIZE[0], aw))
    height = max(MINIMUM_SIZE[1], min(PREFERRED_SIZE[1], ah - TITLE_BAR))
    x = ax + max(0, (aw - width) // 2)
    # Centred with its title bar; on a screen smaller than the smallest window the title bar stays on it.
    y = ay + TITLE_BAR + max(0, (ah - height - TITLE_BAR) // 2)
    return x, y, width, height


def place_window(window: Any) -> None:
    """Give `window` (a QWidget) its smallest size and open it fitting the screen it will appear on."""
    window.setMinimumSize(*MINIMUM_SIZE)
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*PREFERRED_SIZE)
        return
    area = screen.availableGeometry()
    x, y, width, height = window_geometry((area.x(), area.y(), area.width(), area.height()))
    window.setGeometry(x, y, width, height)


def _language(lang: str | None, app: Any) -> str:
    """Set the catalogue's language; install Qt translators before any widget exists (none for English)."""
    language = lang or i18n.language_from_environment()
    i18n.set_language(language)
    if language != i18n.DEFAULT_LANGUAGE:
        from wizard.ui.translation import install_translators  # lazy: Qt's translators, not for English

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
    resume_collection = pause_collection()  # until the first frame is painted (wizard/startup.py)
    try:
        app, window, environment = _first_frame(config, demo, lang, on_shown)
    finally:
        resume_collection()

    from wizard.ui import event_loop  # lazy: asyncio and qasync after the first frame

    window.add_remaining_pages()
    quit_after = os.environ.get(QUIT_AFTER_ENV, "").strip()
    event_loop.run(app, window, environment, int(quit_after) if quit_after else None)
    if quit_after:
        return 0
    return 0 if window.result() == QWizard.DialogCode.Accepted else 1


def _first_frame(
    config: Path | None, demo: bool, lang: str | None, on_shown: Callable[[], None] | None
) -> tuple[QApplication, SetupWizard, DemoEnvironment | None]:
    """The application, the window with its Welcome page, shown and painted; then `on_shown`."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("smtp-wizard")
    app.setApplicationDisplayName("SMTP Setup Wizard")
    _language(lang, app)
    environment = None
    if demo:
        from wizard.demo.environment import DemoEnvironment  # lazy: the demo's server and files, only with --demo

        environment = DemoEnvironment()
        environment.close_on_hangup(1)  # cancelled, as a closed window
        config_path = environment.config_path
    else:
        config_path = (config or Path.cwd() / "config.toml").expanduser().absolute()
    window = SetupWizard(config_path, demo=environment, deferred=True)
    place_window(window)
    window.show()
    window.fit_header()  # the header's wrapped subtitle at its real width (shown, so laid out), before painting
    app.processEvents()  # paint it now: what follows takes a moment, the user already sees the window
    if on_shown is not None:
        on_shown()
    return app, window, environment
