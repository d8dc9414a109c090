"""Leaving the GUI wizard (SPEC §12 rev 3, §6/§10): Esc is Back (on the first page it asks whether to quit),
and Cancel, Esc on the first page and closing the window ask before answers are thrown away. Stay is the
default button, so a key typed ahead never quits."""

from __future__ import annotations

from collections.abc import Callable

# The module, not the class: PySide builds a class (and its enums) when its name is first looked up, and
# the question box is not needed before the first frame.
from PySide6 import QtWidgets
from PySide6.QtWidgets import QWidget

from wizard.core.i18n import tr

QUESTION_NAME = "quit-question"  # the box's object name (tests find it by this)


def ask_to_quit(parent: QWidget, quit: Callable[[], None]) -> QtWidgets.QMessageBox:
    """Open the question (window-modal, not blocking the loop: the live test keeps running behind it);
    `quit` runs when the user chooses Quit. At most one question at a time: an open one is returned."""
    message_box = QtWidgets.QMessageBox
    for open_box in parent.findChildren(message_box, QUESTION_NAME):
        if open_box.isVisible():
            return open_box
    # the question as the text itself: a dialog's window title is not shown on every platform
    box = message_box(message_box.Icon.Question, tr("faces.quit.title"), tr("faces.quit.title"), parent=parent)
    box.setInformativeText(tr("faces.quit.text"))
    box.setObjectName(QUESTION_NAME)
    quit_button = box.addButton(tr("faces.quit.quit"), message_box.ButtonRole.DestructiveRole)
    stay = box.addButton(tr("faces.quit.stay"), message_box.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)

    def answered() -> None:
        if box.clickedButton() is quit_button:
            quit()
        box.deleteLater()

    box.finished.connect(answered)
    box.open()
    return box
