"""`smtp-wizard check`: test the configured [smtp] exactly as the server will use it — in the compose layout
with the secret the server's container really gets (SPEC §3a)."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.deployment_opts import (
    add_deployment_arguments,
    deployment_from,
    deployment_json,
    network_host,
    network_warning_json,
    say_deployment,
    say_network_host,
)
from wizard.cli.options import timeout_seconds
from wizard.cli.output import EXIT_OK, EXIT_PROBE_FAILED, print_json, report_error, say, say_warnings, warn
from wizard.cli.probing import later_warnings, print_deliverability, print_report, run_cli_check
from wizard.core.apply import lock_before_reading, lock_for_reading
from wizard.core.deployment import Deployment
from wizard.core.ehlo_name import for_deployment
from wizard.core.errors import WizardError
from wizard.core.i18n import tr
from wizard.core.server_view import read_as_server
from wizard.core.settings import validate_address
from wizard.deliverability.verdicts import untested


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, required=True, default=argparse.SUPPRESS, help=tr("cli.help.config"))
    parser.add_argument("--send-to", help=tr("cli.help.send_to"))
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    parser.add_argument("--timeout", type=timeout_seconds, default=20.0, help=tr("cli.help.timeout"))
    parser.add_argument("--ca-file", type=Path, help=tr("cli.help.ca_file"))
    parser.add_argument("--allow-plaintext-auth", action="store_true", help=tr("cli.help.allow_plaintext_auth"))
    add_deployment_arguments(parser, network_test=True)


def run(args: argparse.Namespace) -> int:
    deployment: Deployment | None = None
    try:
        with lock_before_reading(args.config, args.compose_file):  # undoes a killed run first, waits for a writer
            deployment = deployment_from(args, args.config)
            with lock_for_reading(args.config, deployment):
                view = read_as_server(args.config, deployment=deployment)
        settings = view.settings
        send_to = validate_address(args.send_to, "send_to") if args.send_to else None
        network = network_host(deployment, settings, args.skip_network_test)
        if not args.json:
            say_deployment(deployment)
            if network is not None:
                say_network_host(network, send_to)
        if network is not None and network.probe_at is None:
            if args.json:
                print_json(
                    {
                        "ok": True,
                        "diagnosis": None,
                        "steps": [],
                        "server": {},
                        "tls": None,
                        "written": [],
                        "warnings": [network_warning_json(network, send_to)],
                        "deployment": deployment_json(deployment, view.secret_var),
                        "deliverability": untested(settings.user).to_json(),
                    }
                )
            return EXIT_OK
        report, deliverability = run_cli_check(
            settings,
            view.secret,
            send_to=send_to,
            timeout=args.timeout,
            ca_file=args.ca_file,
            allow_plaintext_auth=args.allow_plaintext_auth,
            connect_to=network.probe_at if network is not None else None,
            ehlo=for_deployment(deployment),
            announce=not args.json,
        )
    except WizardError as exc:
        return report_error(exc, args.json, deployment=deployment.to_json() if deployment is not None else None)
    if args.json:
        payload = report.to_json()
        payload["notes"] = [note.text for note in view.notes]
        # One shape for every warning: {"code", "message", facts...}; the deployment's come as sentences.
        payload["warnings"] += [{"code": "empty_secret", "message": text} for text in view.warnings]
        if network is not None:
            payload["warnings"].append(network_warning_json(network, send_to))
        payload["deployment"] = deployment_json(deployment, view.secret_var)
        payload["deliverability"] = deliverability.to_json()
        print_json(payload)
    else:
        print_report(report)
        say_warnings(later_warnings(report.warnings))
        if report.ok:
            print_deliverability(deliverability)
        for note in view.notes:
            warn(f"• {note.text}")
        if view.warnings:  # the container gets the secret empty: the cause of a failed login
            if not report.ok:
                say(tr("deployment.cli.cause"))
            for warning in view.warnings:
                say(f"  {warning}")
    return EXIT_OK if report.ok else EXIT_PROBE_FAILED
