"""SMTP Setup Wizard: gets a server's outgoing mail right on the first try."""

# First, before any other import: a Ctrl-C while the command line starts ends as `cancelled`, not in a
# traceback from whatever module was loading, and no garbage collection runs while the modules load (what
# they make lives as long as the process; wizard/startup.py). `_signal` (the C module under `signal`, which
# itself imports enum: too slow here), `gc` and `sys` are built in: no delay.
import _signal
import gc as _gc
import sys as _sys

__version__ = "0.1.0"


def _note_interrupt(_signum: int, _frame: object) -> None:
    _EARLY_INTERRUPT.append(True)


_EARLY_INTERRUPT: list[bool] = []  # a SIGINT came while the command line was starting
_COLLECTION_HELD: list[bool] = []  # [whether collection was on] while startup holds it (wizard/startup.py)
_argv0 = _sys.argv[0] if _sys.argv else ""


def _runs_as_main_module() -> bool:
    """`python -m wizard` itself: argv[0] is "-m" while runpy imports the parents of *any* module it runs,
    and `python -m wizard.core.catalogue_build` is no command line that gives the hold back."""
    args = _sys.orig_argv
    for index, arg in enumerate(args[1:], 1):
        if arg == "-m":
            return args[index + 1 : index + 2] == ["wizard"]
        if arg.startswith("-m"):
            return arg == "-mwizard"
    return False


if (
    (_argv0 == "-m" and _runs_as_main_module())
    or _argv0.replace("\\", "/").rpartition("/")[2].startswith("smtp-wizard")
) and (_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler):
    try:
        _signal.signal(_signal.SIGINT, _note_interrupt)
    except ValueError:  # not the main thread: not a command-line start (no contextlib: one import less)
        _EARLY_INTERRUPT.clear()
    else:  # held until the command runs or the face's first window or screen is shown (cli.main)
        _COLLECTION_HELD.append(_gc.isenabled())
        _gc.disable()
