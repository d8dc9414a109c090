"""`smtp-wizard`: the command line on the same core as the GUI (SPEC §5).

Each command lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`.
Exit codes: 0 success, 1 the probe failed, 2 bad usage or invalid input, 3 a file problem, 70 a defect
(an unexpected error).

Without a command a face is chosen (SPEC §5 rev 2): the GUI when there is a display that answers (SPEC §12
rev 3: checked, not only named), else the terminal wizard when stdin and stdout are a terminal, else exit 2
with a short message. `gui` and `tui` choose
explicitly. The choice is made before Qt is imported, so a missing display never ends in Qt's abort.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from wizard import __version__
from wizard.cli.help_words import LocalizedHelpFormatter
from wizard.cli.output import report_cancelled, report_defect, report_usage
from wizard.cli.qt_platform import needs_display_server
from wizard.core import i18n
from wizard.core.errors import Cancelled
from wizard.startup import resume_collection, take_interrupt

# command name -> (module, help message id); modules are imported only when their command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("wizard.cli.check_cmd", "cli.help.check"),
    "apply": ("wizard.cli.apply_cmd", "cli.help.apply"),
    "skip-verification": ("wizard.cli.skip_cmd", "cli.help.skip"),
    "show": ("wizard.cli.show_cmd", "cli.help.show"),
    "detect": ("wizard.cli.detect_cmd", "cli.help.detect"),
    "move-smtp-config": ("wizard.cli.smtp_config_cmd", "smtp_config.help"),
}


FACES = ("gui", "tui")  # the two wizards; not modules with add_arguments/run like the commands
_OPTIONS_WITH_VALUE = ("--config", "--lang")


class FaceChoice(NamedTuple):
    """The face to start ("gui", "tui", or None: neither works here) and, when a display is named but does
    not answer, the one line saying so (why the terminal wizard starts, or why nothing can)."""

    face: str | None
    note: str | None = None


def choose_face(
    environ: dict[str, str] | os._Environ[str] | None = None,
    *,
    platform: str | None = None,
    terminal: bool | None = None,
) -> str | None:
    """The face alone (see `pick_face`)."""
    return pick_face(environ, platform=platform, terminal=terminal).face


def pick_face(
    environ: dict[str, str] | os._Environ[str] | None = None,
    *,
    platform: str | None = None,
    terminal: bool | None = None,
) -> FaceChoice:
    """ "gui" with a display that answers (DISPLAY or WAYLAND_DISPLAY set and its server accepting a
    connection — see display_check — or any platform but Linux) or an explicitly chosen Qt platform without
    a display server (QT_QPA_PLATFORM, e.g. offscreen or vnc), else "tui" when stdin and stdout are a
    terminal (`terminal`, default: asked of the real streams), else None. Decided before Qt loads: Qt aborts
    the process on a display that does not answer (SPEC §12 rev 3, §6/§10)."""
    environ = os.environ if environ is None else environ
    unanswered = None
    if has_display(environ, platform=platform):
        unanswered = _unanswered(environ, platform)
        if unanswered is None:
            return FaceChoice("gui")
    if terminal is None:
        terminal = _is_terminal(sys.stdin) and _is_terminal(sys.stdout)
    note = None
    if unanswered is not None:
        display, reason = unanswered
        note = i18n.tr("faces.display.fallback" if terminal else "faces.display.none", display=display, reason=reason)
    return FaceChoice("tui" if terminal else None, note)


def _unanswered(environ: dict[str, str] | os._Environ[str], platform: str | None) -> tuple[str, str] | None:
    """(display, why) when the display named on Linux does not answer; None when it does or needs none."""
    if not (sys.platform if platform is None else platform).startswith("linux") or not needs_display_server(environ):
        return None
    from wizard.cli.display_check import unanswered_display  # lazy: sockets and Xauthority only on Linux, no face named

    return unanswered_display(environ)


def has_display(environ: dict[str, str] | os._Environ[str] | None = None, *, platform: str | None = None) -> bool:
    """Whether Qt can open a window: any platform but Linux, or DISPLAY / WAYLAND_DISPLAY / QT_QPA_PLATFORM
    set. Asked before Qt is imported, because Qt aborts the process (exit 134) when it finds no display."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    return not platform.startswith("linux") or any(
        environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    )


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed stream
        return False


def _command_index(argv: Sequence[str]) -> int | None:
    """Where the command (or face) stands in `argv`, skipping the values of options that take one."""
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in _OPTIONS_WITH_VALUE:
            skip = True
        elif arg in COMMANDS or arg in FACES:
            return index
    return None


def _config_after_command(argv: list[str]) -> list[str]:
    """`--config PATH` is global (SPEC §5 rev 2): one given before a command moves after it, where the
    command's own parser requires it."""
    index = _command_index(argv)
    if index is None or argv[index] in FACES:
        return argv
    before, after = argv[:index], argv[index:]
    moved: list[str] = []
    kept: list[str] = []
    position = 0
    while position < len(before):
        arg = before[position]
        if arg == "--config" and position + 1 < len(before):
            moved += before[position : position + 2]
            position += 2
            continue
        if arg.startswith("--config="):
            moved.append(arg)
        else:
            kept.append(arg)
        position += 1
    return kept + after[:1] + moved + after[1:]


LANG_METAVAR = "{" + ",".join(i18n.LANGUAGES) + "}"  # the choices in the usage line, as argparse shows them


def _language_option(value: str) -> str:
    """`--lang` as a language code, in any case (`DE` is `de`, SPEC §12 §5)."""
    code = value.strip().lower()
    if code not in i18n.LANGUAGES:
        names = ", ".join(i18n.LANGUAGES)
        raise argparse.ArgumentTypeError(i18n.tr("usage.invalid_choice", value=repr(value), names=names))
    return code


def _pre_scan_language(argv: Sequence[str]) -> None:
    """Set the language before the parser is built, so help texts are localized too."""
    lang = i18n.language_from_environment()
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    lang = lang.strip().lower()
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The command named in `argv`, so only its module gets imported (None for a face or no command)."""
    index = _command_index(argv)
    return argv[index] if index is not None and argv[index] in COMMANDS else None


def _wants_all_commands(argv: Sequence[str], chosen: str | None) -> bool:
    """Only a top-level help lists every command's options; the GUI start must not import them all."""
    return chosen is None and any(arg in ("-h", "--help") for arg in argv)


def _no_text(_msg_id: str) -> str:
    return ""


class UsageError(Exception):
    """argparse refused the command line; `main` prints it (as JSON with `--json`) and exits 2."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Every parser, sub-command parsers included, says argparse's own words in the user's language.
        kwargs.setdefault("formatter_class", LocalizedHelpFormatter)
        super().__init__(*args, **kwargs)

    quiet = False  # a first, partial parser (`build_parser(all_commands=False)`): its refusal is not shown

    def error(self, message: str) -> NoReturn:
        if self.quiet:
            raise UsageError(message)
        if not _JSON_REQUESTED:
            self.print_usage(sys.stderr)
        # lazy: argparse's messages are translated only when a usage error happens
        from wizard.cli.usage_words import localized_usage

        raise UsageError(localized_usage(message))


class _PartialParser(_Parser):
    """The parser of the faces and the chosen command only; its sub-parsers are of this class too."""

    quiet = True


_JSON_REQUESTED = False


def _cancel_on_sigterm() -> None:
    """SIGTERM behaves like Ctrl-C: the run stops with a `cancelled` result and leaves nothing behind."""

    def handler(_signum: int, _frame: object) -> None:
        raise Cancelled()

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, handler)


def _add_lang(parser: argparse.ArgumentParser, help_text: str, **extra: Any) -> None:
    parser.add_argument("--lang", type=_language_option, metavar=LANG_METAVAR, help=help_text, **extra)


def build_parser(chosen: str | None = None, *, all_commands: bool = True) -> argparse.ArgumentParser:
    """The argument parser. Only the chosen command's module is imported (start-up time matters for
    installer scripts and the first window). With `all_commands` False the parser knows only the faces and
    the chosen command, and refuses quietly (`UsageError` without printing): `_parse` then asks the whole
    parser, whose refusal names every command. Each sub-parser costs argparse's gettext look-ups (a few
    file-system probes each), ~0.5 ms before the first window."""
    # Help texts come from the catalogue; the plain GUI start (no command, no --help) never shows them,
    # so it skips loading the catalogue before the first window.
    tr = i18n.tr if chosen is not None or all_commands else _no_text
    parser_class = _Parser if all_commands else _PartialParser
    parser = parser_class(prog="smtp-wizard", description=tr("cli.description"))
    parser.add_argument("--version", action="version", version=f"smtp-wizard {__version__}")
    _add_lang(parser, tr("cli.help.lang"))
    parser.add_argument("--config", type=Path, help=tr("cli.help.config"))
    parser.add_argument("--demo", action="store_true", help=tr("cli.help.demo"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for face in FACES:
        wizard = sub.add_parser(face, help=tr(f"cli.help.{face}"), description=tr(f"cli.help.{face}"))
        _add_lang(wizard, tr("cli.help.lang"), default=argparse.SUPPRESS)
        wizard.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=tr("cli.help.config"))
        wizard.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=tr("cli.help.demo"))
    for name, (module_name, help_id) in COMMANDS.items():
        if not all_commands and name != chosen:
            continue
        command = sub.add_parser(name, help=tr(help_id), description=tr(help_id))
        command.set_defaults(_module=module_name)
        _add_lang(command, tr("cli.help.lang"), default=argparse.SUPPRESS)
        if name == chosen or (chosen is None and all_commands):
            import_module(module_name).add_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    global _JSON_REQUESTED
    _JSON_REQUESTED = "--json" in args_list
    try:
        _pre_scan_language(args_list)
        if take_interrupt():  # Ctrl-C while the modules were imported (wizard/startup.py)
            raise KeyboardInterrupt
        return _main(args_list)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (Cancelled), at any moment: no traceback
        return report_cancelled(_JSON_REQUESTED)
    finally:
        resume_collection()  # whatever ended the run before a face or command took it back


def _main(args_list: list[str]) -> int:
    if "--version" in args_list[:1]:
        print(f"smtp-wizard {__version__}")
        return 0
    args_list = _config_after_command(args_list)
    chosen = _chosen_command(args_list)
    try:
        args = _parse(args_list, chosen)
    except UsageError as exc:
        return report_usage(str(exc), _JSON_REQUESTED)
    if args.lang:
        i18n.set_language(args.lang)
    if args.command is None or args.command in FACES:
        choice = FaceChoice(args.command) if args.command else pick_face()
        if choice.note:  # the display named does not answer: one line why, before the terminal wizard or exit 2
            print(choice.note, file=sys.stderr)
        face = choice.face
        if face is None:
            return _no_face()
        return _run_gui(args) if face == "gui" else _run_tui(args)
    _cancel_on_sigterm()
    module = import_module(args._module)
    resume_collection()  # held while the command line started (wizard/startup.py); a command runs with it
    run: Callable[[argparse.Namespace], int] = module.run
    try:
        return run(args)
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (Cancelled): files were put back by the transaction
        return report_cancelled(bool(getattr(args, "json", False)))
    except Exception as exc:  # a defect: still no traceback, and the transaction left old or new files, never half
        return report_defect(exc, bool(getattr(args, "json", False)))


def _parse(args_list: list[str], chosen: str | None) -> argparse.Namespace:
    """The command line parsed by the parser the run needs; a refusal always comes from the whole parser, so
    its usage line and message are the same whichever parser was tried first. Raises UsageError."""
    everything = _wants_all_commands(args_list, chosen)
    try:
        return build_parser(chosen, all_commands=everything).parse_args(args_list)
    except UsageError:
        if everything:
            raise
    return build_parser(chosen, all_commands=True).parse_args(args_list)


def _run_gui(args: argparse.Namespace) -> int:
    if not has_display():  # `smtp-wizard gui` over SSH: say so instead of Qt's abort
        print(i18n.tr("face.gui_without_display"), file=sys.stderr)
        print(i18n.tr("face.gui_without_display_hint"), file=sys.stderr)
        return 2
    unanswered = _unanswered(os.environ, None)
    if unanswered is not None:  # a display named but not answering: Qt would abort the process
        print(i18n.tr("faces.display.gui", display=unanswered[0], reason=unanswered[1]), file=sys.stderr)
        print(i18n.tr("face.gui_without_display_hint"), file=sys.stderr)
        return 2
    from wizard.ui.app import run_gui  # lazy: the chosen face only: Qt for the GUI, Textual for the terminal

    return int(run_gui(args.config, demo=args.demo, lang=args.lang))


def _run_tui(args: argparse.Namespace) -> int:
    # lazy: the chosen face only: Qt for the GUI, Textual for the terminal
    from wizard.tui.app import QUIT_AFTER_ENV, run_tui

    terminal = _is_terminal(sys.stdin) and _is_terminal(sys.stdout)
    if not terminal and not os.environ.get(QUIT_AFTER_ENV):  # the smoke test and bench run it headless
        return _no_face()

    return run_tui(args.config, demo=args.demo, lang=args.lang)


def _no_face() -> int:
    """No display and no terminal (a cron job, a pipe): say what works here instead, exit 2."""
    print(i18n.tr("tui.no_terminal"), file=sys.stderr)
    print(i18n.tr("tui.no_terminal_hint"), file=sys.stderr)
    return 2


def gui_main() -> int:
    return main()
