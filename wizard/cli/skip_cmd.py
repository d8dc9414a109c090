"""`smtp-wizard skip-verification`: for a server without a mail server yet (with a security warning)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.output import EXIT_OK, print_json, report_error, say, warn
from wizard.core.apply import commit_apply, lock_for, plan_skip
from wizard.core.config_file import Layout
from wizard.core.errors import WizardError
from wizard.core.existing import load_existing
from wizard.core.i18n import tr


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, required=True, default=argparse.SUPPRESS, help=tr("cli.help.config"))
    parser.add_argument(
        "--layout",
        choices=[layout.value for layout in Layout],
        help=f"{tr('cli.help.layout')}. {tr('words_rev3.version_hint')}",
    )
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))


def run(args: argparse.Namespace) -> int:
    try:
        with lock_for(args.config):  # held from reading to the last replacement
            existing = load_existing(args.config)
            layout = Layout(args.layout) if args.layout else existing.layout
            plan = plan_skip(args.config, layout)
            result = commit_apply(plan)
    except WizardError as exc:
        return report_error(exc, args.json)
    written = [str(p) for p in result.written]
    if args.json:
        print_json({"ok": True, "layout": layout.value, "written": written, "notes": [n.text for n in result.notes]})
        return EXIT_OK
    origin = (
        tr("cli.layout_detected")
        if args.layout is None and existing.layout_detected
        else (tr("cli.layout_chosen") if args.layout else tr("cli.layout_default"))
    )
    say(tr("cli.layout_line", layout=layout.value, origin=origin))
    if args.layout is None and not existing.layout_detected:  # a guess: say how to check it
        say(tr("words_rev3.version_hint"))
    say(tr("cli.written") if written else tr("cli.unchanged"))
    for path in written:
        say(f"  {path}")
    for note in result.notes:
        (warn if note.msg_id == "apply.note.skip_warning" else say)(f"• {note.text}")
    return EXIT_OK
