"""The garbage collector is held while the first window is built and painted (what it is built of all stays,
so the passes would free nothing), and is back on once it is painted, also when building it failed."""

from __future__ import annotations

from pathlib import Path

from tests.support.child import run_probe

PROBE = """
import gc, sys
from pathlib import Path
from wizard.ui.app import run_gui

def shown():
    print("at first frame", gc.isenabled(), flush=True)
    if sys.argv[2] == "fail":
        raise RuntimeError("the first frame failed")

try:
    run_gui(Path(sys.argv[1]), False, "en", on_shown=shown)
except RuntimeError:
    print("failed", flush=True)
print("after", gc.isenabled(), flush=True)
"""


def _run(tmp_path: Path, mode: str) -> list[str]:
    return run_probe(PROBE, tmp_path / "config.toml", mode, env={"TMPDIR": str(tmp_path)})


def test_no_collection_runs_until_the_first_frame_is_painted(tmp_path: Path) -> None:
    assert _run(tmp_path, "pass")[0] == "at first frame False"


def test_collection_is_back_once_the_first_frame_is_painted(tmp_path: Path) -> None:
    assert _run(tmp_path, "pass")[-1] == "after True"


def test_collection_is_back_when_the_first_frame_fails(tmp_path: Path) -> None:
    assert _run(tmp_path, "fail")[-2:] == ["failed", "after True"]
