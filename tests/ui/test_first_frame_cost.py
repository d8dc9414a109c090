"""What the first window waits for stays small. PySide builds a Qt class, with its enums, when its name is first
looked up or when it wraps an object Qt made (it searches its type graph for the object's class, building what
it passes); so before the first frame nothing may name a class the Welcome page does not show, hand a Qt event
to a Python event filter, or ask for an object Qt made itself (bench/startup.py times the rest)."""

from __future__ import annotations

import json

import pytest

from tests.support.child import run_probe

PROBE = """
import json, sys
from pathlib import Path
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from wizard.ui.app import run_gui

def shown():
    built = {
        f"{module.__name__.split('.')[-1]}.{name}"
        for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets)
        for name, value in vars(module).items()
        if isinstance(value, type) or name == "Qt"
    }
    print(json.dumps(sorted(built)), flush=True)

run_gui(Path(sys.argv[1]), False, sys.argv[2], on_shown=shown)
"""

# class -> what builds it, and why the first frame must not
NOT_BEFORE_THE_FIRST_FRAME = {
    "QtCore.Qt": "naming Qt's namespace builds ~150 enum classes (15-30 ms)",
    "QtWidgets.QMessageBox": "the quit question is asked only when leaving",
    "QtWidgets.QFileDialog": "the file dialog opens only on Browse",
    "QtWidgets.QTextEdit": "text views are on the Summary (wizard/ui/text_views.py)",
    "QtGui.QFont": "a help line's size goes through QFontInfo and its style sheet",
    "QtGui.QIcon": "the logo at 1x is its own image; the window's icon follows the first frame",
    "QtGui.QKeySequence": "Esc is matched when a key is pressed",
    "QtGui.QKeyEvent": "a Python event filter's first event builds all ~50 event classes",
    "QtWidgets.QGraphicsSceneMouseEvent": "the same event class graph",
    "QtWidgets.QTabWidget": "asking Qt for an object it made (a viewport) searches the widget class graph",
    "QtWidgets.QMdiArea": "the same widget class graph",
}


@pytest.fixture(scope="module", params=["en", "de"])
def built_at_first_frame(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    folder = tmp_path_factory.mktemp(f"first-frame-{request.param}")
    lines = run_probe(PROBE, folder / "config.toml", request.param, env={"TMPDIR": str(folder)})
    return set(json.loads(lines[0]))


@pytest.mark.parametrize("name", sorted(NOT_BEFORE_THE_FIRST_FRAME))
def test_a_class_the_welcome_page_does_not_show_is_not_built_before_the_first_window(
    built_at_first_frame: set[str], name: str
) -> None:
    assert name not in built_at_first_frame, NOT_BEFORE_THE_FIRST_FRAME[name]


def test_the_probe_sees_the_classes_the_welcome_page_shows(built_at_first_frame: set[str]) -> None:
    """The check above can fail: the classes the first page really shows are seen as built."""
    assert {"QtWidgets.QComboBox", "QtWidgets.QLineEdit", "QtWidgets.QCheckBox"} <= built_at_first_frame
