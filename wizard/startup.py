"""Ctrl-C while the command line starts (SPEC §5 rev 2, §12 rev 3: "Ctrl-C at any moment: cancelled, no
traceback"). Importing the wizard's modules takes tens of milliseconds; a SIGINT in that time would end in a
KeyboardInterrupt traceback from whatever import ran. When the process is the command line (`smtp-wizard`,
the packaged binary, `python -m wizard`), the package's first lines (wizard/__init__.py) note a SIGINT instead
of raising it, and `cli.main` calls `take_interrupt` as its first act: a noted interrupt ends the run as
`cancelled`, and Python's own handler is back in place for the rest (where `main` turns KeyboardInterrupt
into `cancelled` too).

What runs before the package is imported (the interpreter's start, `site` and the environment's .pth files)
is outside the wizard's reach.

Also here: the garbage collector held while the command line starts and a face builds its first window or
screen (`hold_collection`, `pause_collection`, `resume_collection`).
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable

import wizard


def take_interrupt() -> bool:
    """Put Python's SIGINT handler back (if the package's start had replaced it) and say whether a SIGINT
    came meanwhile."""
    if signal.getsignal(signal.SIGINT) is wizard._note_interrupt:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    noted = bool(wizard._EARLY_INTERRUPT)
    wizard._EARLY_INTERRUPT.clear()
    return noted


def hold_collection() -> None:
    """No garbage collection from now until `resume_collection` (a second hold is no new one)."""
    if not wizard._COLLECTION_HELD:
        wizard._COLLECTION_HELD.append(gc.isenabled())
        gc.disable()


def resume_collection() -> None:
    """Collection as it was before the hold (on, unless it was off); nothing when none is held."""
    if wizard._COLLECTION_HELD and wizard._COLLECTION_HELD.pop():
        gc.enable()


def pause_collection() -> Callable[[], None]:
    """Hold garbage collection while a face builds its first window or screen; returns `resume_collection`
    (safe to call more than once). What the imports made is frozen out of the collector's sight (it lives as
    long as the process), and what the first page is built of all stays, so the young-generation passes its
    ~100 000 new objects would set off free nothing and cost ~5 ms before the user sees anything. A command
    line start holds collection from the package's first lines on (wizard/__init__.py): the imports' passes
    freed nothing either."""
    hold_collection()
    gc.freeze()
    return resume_collection
