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


def _runs_as_command_line(program: str) -> bool:
    """The console scripts (pyproject.toml; `.exe` or `-script.py` on Windows) or the packaged binary
    (`smtp-wizard-<version>-<os>-<arch>`, frozen: its only entry is the command line) — not any program whose
    name merely starts with smtp-wizard and imports the package, which would never give the hold back."""
    name = program.replace("\\", "/").rpartition("/")[2]
    if getattr(_sys, "frozen", False):
        return name.startswith("smtp-wizard")
    for ending in (".exe", "-script.py"):
        name = name.removesuffix(ending)
    return name in ("smtp-wizard", "smtp-wizard-gui")


if ((_argv0 == "-m" and _runs_as_main_module()) or _runs_as_command_line(_argv0)) and (
    _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler
):
    try:
        _signal.signal(_signal.SIGINT, _note_interrupt)
    except ValueError:  # not the main thread: not a command-line start (no contextlib: one import less)
        _EARLY_INTERRUPT.clear()
    else:  # held until the command runs or the face's first window or screen is shown (cli.main)
        _COLLECTION_HELD.append(_gc.isenabled())
        _gc.disable()
