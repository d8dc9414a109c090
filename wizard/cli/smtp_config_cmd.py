"""`smtp-wizard move-smtp-config`: move a `[smtp_config]` table (in one example of the server's docs, but
never read by the server) into `[smtp]`, in one transaction like every write (SPEC §2 rev 2)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.output import EXIT_OK, print_json, report_error, say
from wizard.core.apply import commit_apply, lock_for, plan_move_smtp_config
from wizard.core.errors import WizardError
from wizard.core.i18n import tr


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, required=True, default=argparse.SUPPRESS, help=tr("cli.help.config"))
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))


def run(args: argparse.Namespace) -> int:
    try:
        with lock_for(args.config):
            plan = plan_move_smtp_config(args.config)
            result = commit_apply(plan) if plan is not None else None
    except WizardError as exc:
        return report_error(exc, args.json)
    if result is None:  # moved already (or never there): "Nothing to change", exit 0 for a re-run
        nothing = tr("smtp_config.none")
        if args.json:
            print_json({"ok": True, "written": [], "notes": [nothing]})
        else:
            say(tr("cli.unchanged"))
            say(f"• {nothing}")
        return EXIT_OK
    written = [str(p) for p in result.written]
    if args.json:
        print_json({"ok": True, "written": written, "notes": [note.text for note in result.notes]})
        return EXIT_OK
    say(tr("cli.written") if written else tr("cli.unchanged"))
    for path in written:
        say(f"  {path}")
    for note in result.notes:
        say(f"• {note.text}")
    return EXIT_OK
