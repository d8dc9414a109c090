"""Ctrl+C right as the first page is up, while the files are read and the page is refreshed with what they
hold: the wizard ends cancelled, without Textual's MountError traceback (SPEC §12 rev 3: "Ctrl-C at any
moment: cancelled, no traceback"). The real app, headless, quitting from the moment its first page is shown."""

from __future__ import annotations

from pathlib import Path

from keyring.backends.fail import Keyring

from wizard.core import i18n
from wizard.flow import Flow
from wizard.tui.app import EXIT_CANCELLED, WizardApp


def test_quitting_as_the_files_are_read_ends_cancelled_without_an_error(tmp_path: Path) -> None:
    i18n.set_language("en")
    flow = Flow(tmp_path / "config.toml", load=False, auto_discover=False, keyring_backend=Keyring())
    app = WizardApp(flow)
    app._on_shown = app.quit_now  # what Ctrl+C does with no answer given yet, at the first moment it can
    result = app.run(headless=True, size=(100, 30))
    assert app.return_code == 0  # Textual's own code: 1 after an exception in the app (it printed a traceback)
    assert result == EXIT_CANCELLED
