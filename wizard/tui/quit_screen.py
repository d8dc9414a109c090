"""The question before quitting the terminal wizard (SPEC §12 rev 3, §6/§10): asked when answers were given
and on Esc on the first page. Stay is the default, so a key typed ahead never throws answers away."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wizard.core.i18n import tr


def _plain(label: str) -> str:
    """A catalogue label without its GUI mnemonic marker ("&Quit" → "Quit")."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


class QuitScreen(ModalScreen[bool]):
    """Dismissed with True to quit, False to stay."""

    DEFAULT_CSS = """
    QuitScreen { align: center middle; }
    #quit-box { width: 64; max-width: 100%; height: auto; padding: 0 2; border: round $error; background: $surface; }
    #quit-title { text-style: bold; height: auto; }
    #quit-text { height: auto; margin: 1 0; }
    #quit-buttons { height: 1; width: auto; }
    #quit-buttons Button { margin: 0 2 0 0; }
    #quit-keys { height: auto; color: $text-muted; margin: 1 0 0 0; }
    """
    AUTO_FOCUS = "#stay"

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static(tr("faces.quit.title"), id="quit-title", markup=False)
            yield Static(tr("faces.quit.text"), id="quit-text", markup=False)
            with Horizontal(id="quit-buttons"):
                yield Button(_plain(tr("faces.quit.stay")), id="stay", compact=True, variant="primary")
                yield Button(_plain(tr("faces.quit.quit")), id="quit", compact=True, variant="error")
            yield Static(tr("faces.quit.keys"), id="quit-keys", markup=False)

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "quit")
