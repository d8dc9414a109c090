"""Where the shipped data files (provider table, message catalogue, icons, translations) are found.

The files live in the `wizard.resources` package. Installed (pip, the editable checkout, the packaged binary's
bundle) it is a folder on disk, read straight from there: importlib.resources (~3 ms to import) is loaded only
for an install that is not a folder (a zip), where a file Qt must open by name is copied out for the rest of
the process.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "wizard.resources"


@cache
def resource_folder() -> Path | None:
    """The resources folder on disk, or None when the package is not a folder (a zipped install)."""
    spec = find_spec(PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        folder = Path(location)
        if folder.is_dir():
            return folder
    return None


def resource(*parts: str) -> Traversable | Path:
    """A file or folder below `resources/`, to read (`read_text`, `read_bytes`, `iterdir`, `/`)."""
    folder = resource_folder()
    if folder is not None:
        return folder.joinpath(*parts)
    from importlib.resources import files  # lazy: importlib.resources only for an install that is no folder

    node: Traversable = files(PACKAGE)
    for part in parts:
        node = node / part
    return node


def resource_path(*parts: str) -> Path:
    """A file below `resources/` as a path on disk (for Qt, which opens files by name). From a zipped install
    the file is copied to a temporary file that lasts until the process exits."""
    node = resource(*parts)
    if isinstance(node, Path):
        return node
    from importlib.resources import as_file  # lazy: importlib.resources only for an install that is no folder

    return _EXTRACTED.enter_context(as_file(node))


_EXTRACTED = ExitStack()  # files copied out of a zipped install, removed at exit
atexit.register(_EXTRACTED.close)
