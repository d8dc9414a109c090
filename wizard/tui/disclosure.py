"""The terminal face's "More…" and "Advanced" parts: a collapsed block whose title line opens it (Enter,
space or a click). Drawn without Textual's panel background and rule so that it reads as one line of the page,
not a box."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Collapsible

CSS = """
Collapsible.disclosure { background: transparent; border-top: none; padding: 0; margin: 0 0 1 0; height: auto; }
Collapsible.disclosure > Contents { padding: 0 0 0 2; }
Collapsible.disclosure CollapsibleTitle { padding: 0; }
"""


def disclosure(title: str, *children: Widget, collapsed: bool = True, ident: str | None = None) -> Collapsible:
    """`children` under a title line that opens them (collapsed unless told otherwise)."""
    return Collapsible(*children, title=title, collapsed=collapsed, id=ident, classes="disclosure")
