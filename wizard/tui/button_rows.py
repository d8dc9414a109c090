"""Where a page's action buttons go so that every button is fully on screen, however narrow the terminal
and however long the words (German): beside Back and Next in the bottom row when they fit there, else on
rows of their own above it, wrapped to the terminal's width.

Widths are in terminal cells. They follow the stylesheet below: a compact button is its label plus one
cell of padding on each side, at least BUTTON_MIN_WIDTH wide, with BUTTON_GAP cells after it; a row has
ROW_PADDING cells on each side.
"""

from __future__ import annotations

from rich.cells import cell_len

BUTTON_MIN_WIDTH = 8
BUTTON_GAP = 1
ROW_PADDING = 1

CSS = f"""
#buttons Button, .action-row Button, #test-buttons Button, #detect-row Button {{
    min-width: {BUTTON_MIN_WIDTH}; margin: 0 {BUTTON_GAP} 0 0;
}}
#action-rows {{ height: auto; padding: 0 {ROW_PADDING}; }}
.action-row {{ height: 1; }}
"""


def button_width(label: str) -> int:
    """Cells a compact button with `label` takes, its gap included."""
    return max(cell_len(label) + 2, BUTTON_MIN_WIDTH) + BUTTON_GAP


def arrange(actions: list[str], beside: list[str], width: int) -> list[list[int]] | None:
    """None when the buttons labelled `actions` fit in the bottom row next to the ones labelled `beside`
    (Back, Next) in a terminal `width` cells wide; else the actions' indices, row by row, in their order.
    A label wider than a whole row gets a row to itself (Textual then shortens it; nothing else is hidden)."""
    usable = width - 2 * ROW_PADDING
    needed = sum(button_width(label) for label in actions + beside)
    if not actions or needed <= usable:
        return None
    rows: list[list[int]] = [[]]
    used = 0
    for index, label in enumerate(actions):
        cells = button_width(label)
        if rows[-1] and used + cells > usable:
            rows.append([])
            used = 0
        rows[-1].append(index)
        used += cells
    return rows
