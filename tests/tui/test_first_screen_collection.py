"""The terminal wizard's first screen waits for no full garbage collection over the imported modules: run_tui
freezes the objects the imports made (classes, functions, module tables: they live as long as the process)
before building the screen, so a collection while the screen is built walks only the objects made since
(bench/startup.py times the start; unfrozen, a full collection there cost ~20 ms of the ~70 ms budget)."""

from __future__ import annotations

from pathlib import Path

from tests.support.child import run_probe

CHILD = """
import gc
import sys
from pathlib import Path
from wizard.tui.app import run_tui

def shown():
    print("FROZEN", gc.get_freeze_count(), "COLLECTED", len(gc.get_objects()), flush=True)

run_tui(Path(sys.argv[1]), False, "en", on_shown=shown)
"""


def test_first_screen_is_built_with_the_imports_objects_frozen(tmp_path: Path) -> None:
    line = next(line for line in run_probe(CHILD, tmp_path / "config.toml") if line.startswith("FROZEN "))
    _, frozen, _, collected = line.split()
    # the frozen imports outnumber everything the collector still walks (the screen's widgets and the rest)
    assert int(frozen) > int(collected) > 0, line
