"""`smtp-wizard check`: test the configured [smtp] exactly as the server will use it."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.options import timeout_seconds
from wizard.cli.output import EXIT_OK, EXIT_PROBE_FAILED, print_json, report_error, warn
from wizard.cli.probing import print_report, run_cli_probe
from wizard.core.errors import WizardError
from wizard.core.i18n import tr
from wizard.core.server_view import read_as_server
from wizard.core.settings import validate_address


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, required=True, default=argparse.SUPPRESS, help=tr("cli.help.config"))
    parser.add_argument("--send-to", help=tr("cli.help.send_to"))
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    parser.add_argument("--timeout", type=timeout_seconds, default=20.0, help=tr("cli.help.timeout"))
    parser.add_argument("--ca-file", type=Path, help=tr("cli.help.ca_file"))
    parser.add_argument("--allow-plaintext-auth", action="store_true", help=tr("cli.help.allow_plaintext_auth"))


def run(args: argparse.Namespace) -> int:
    try:
        view = read_as_server(args.config)
        settings = view.settings
        send_to = validate_address(args.send_to, "send_to") if args.send_to else None
        report = run_cli_probe(
            settings,
            view.secret,
            send_to=send_to,
            timeout=args.timeout,
            ca_file=args.ca_file,
            allow_plaintext_auth=args.allow_plaintext_auth,
        )
    except WizardError as exc:
        return report_error(exc, args.json)
    if args.json:
        payload = report.to_json()
        payload["notes"] = [note.text for note in view.notes]
        print_json(payload)
    else:
        print_report(report)
        for note in view.notes:
            warn(f"• {note.text}")
    return EXIT_OK if report.ok else EXIT_PROBE_FAILED
