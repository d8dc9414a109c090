"""Ctrl-C while the command line starts (SPEC §5 rev 2, §12 rev 3: "Ctrl-C at any moment: cancelled, no
traceback"). Importing the wizard's modules takes tens of milliseconds; a SIGINT in that time would end in a
KeyboardInterrupt traceback from whatever import ran. When the process is the command line (`smtp-wizard`,
the packaged binary, `python -m wizard`), the package's first lines (wizard/__init__.py) note a SIGINT instead
of raising it, and `cli.main` calls `take_interrupt` as its first act: a noted interrupt ends the run as
`cancelled`, and Python's own handler is back in place for the rest (where `main` turns KeyboardInterrupt
into `cancelled` too).

What runs before the package is imported (the interpreter's start, `site` and the environment's .pth files)
is outside the wizard's reach.
"""

from __future__ import annotations

import signal

import wizard


def take_interrupt() -> bool:
    """Put Python's SIGINT handler back (if the package's start had replaced it) and say whether a SIGINT
    came meanwhile."""
    if signal.getsignal(signal.SIGINT) is wizard._note_interrupt:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    noted = bool(wizard._EARLY_INTERRUPT)
    wizard._EARLY_INTERRUPT.clear()
    return noted
