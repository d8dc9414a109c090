"""Where the shipped data files (provider table, message catalogue, icons, translations) are found."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A file or folder below `resources/` (installed as the `wizard.resources` package)."""
    node = files("wizard.resources")
    for part in parts:
        node = node / part
    return node
