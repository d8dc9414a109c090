"""`smtp-wizard apply`: validate, read, probe, write only on success, verify by reading back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.cli.deployment_opts import (
    add_deployment_arguments,
    deployment_from,
    network_host,
    network_warning_json,
    say_deployment,
    say_network_host,
    say_next_steps,
)
from wizard.cli.options import timeout_seconds
from wizard.cli.output import (
    EXIT_OK,
    EXIT_PROBE_FAILED,
    merged_warnings,
    print_json,
    report_error,
    report_usage,
    say,
    say_warnings,
    warn,
)
from wizard.cli.probing import later_warnings, print_deliverability, print_report, run_cli_check
from wizard.cli.secret_input import read_secret_from_stdin
from wizard.core.apply import ApplyPlan, ApplyResult, commit_apply, lock_before_reading, lock_for, plan_apply
from wizard.core.deployment import Deployment, LayoutKind
from wizard.core.deployment.compose_hostname import validate_hostname
from wizard.core.deployment.network import NetworkHost
from wizard.core.ehlo_name import for_deployment
from wizard.core.errors import ValidationError, WizardError
from wizard.core.existing import load_existing
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import (
    DEFAULT_PORTS,
    DEFAULT_SECRET_VAR,
    SecretSource,
    Security,
    Settings,
    validate_address,
    validate_port,
)
from wizard.deliverability.verdicts import Deliverability, untested

if TYPE_CHECKING:
    from wizard.probe.report import ProbeReport


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, required=True, default=argparse.SUPPRESS, help=tr("cli.help.config"))
    parser.add_argument("--user", required=True, help=tr("cli.help.user"))
    parser.add_argument("--host", required=True, help=tr("cli.help.host"))
    parser.add_argument("--port", help=tr("cli.help.port"))
    parser.add_argument("--security", required=True, choices=[s.value for s in Security], help=tr("cli.help.security"))
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument("--secret-stdin", action="store_true", help=tr("cli.help.secret_stdin"))
    secret.add_argument("--keep-secret", action="store_true", help=tr("cli.help.keep_secret"))
    secret.add_argument("--no-secret", action="store_true", help=tr("cli.help.no_secret"))
    parser.add_argument("--secret-var", default=None, help=tr("cli.help.secret_var"))
    parser.add_argument("--send-to", help=tr("cli.help.send_to"))
    parser.add_argument("--no-probe", action="store_true", help=tr("cli.help.no_probe"))
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    parser.add_argument("--timeout", type=timeout_seconds, default=20.0, help=tr("cli.help.timeout"))
    parser.add_argument("--ca-file", type=Path, help=tr("cli.help.ca_file"))
    parser.add_argument("--allow-plaintext-auth", action="store_true", help=tr("cli.help.allow_plaintext_auth"))
    parser.add_argument("--compose-hostname", metavar="NAME", help=tr("cli.help.compose_hostname"))
    add_deployment_arguments(parser, network_test=True)


def _settings_from(args: argparse.Namespace, existing_var: str) -> Settings:
    security = Security(args.security)
    port = args.port if args.port is not None else DEFAULT_PORTS[security]
    if args.secret_stdin:
        source, secret = SecretSource.NEW, read_secret_from_stdin()
    elif args.keep_secret:
        source, secret = SecretSource.KEEP, None
    else:
        source, secret = SecretSource.NONE, None
    return Settings(
        user=args.user,
        host=args.host,
        port=validate_port(port),
        security=security,
        secret_var=args.secret_var or existing_var or DEFAULT_SECRET_VAR,
        secret_source=source,
        secret=secret,
    ).validated()


def _plan_probe_commit(
    args: argparse.Namespace, config_path: Path, deployment: Deployment, probed: list[ProbeReport]
) -> int | tuple[ApplyPlan, ApplyResult, ProbeReport | None, NetworkHost | None, Deliverability]:
    existing = load_existing(config_path, deployment=deployment)
    settings = _settings_from(args, existing.secret_var)
    if settings.secret_source is SecretSource.KEEP:
        settings = settings.with_changes(secret=existing.secret)
    if args.send_to is not None:
        args.send_to = validate_address(args.send_to, "send_to")
    hostname = args.compose_hostname
    if hostname is not None and deployment.layout is not LayoutKind.COMPOSE:
        raise ValidationError("hostname", "ehlo.hostname_not_compose")
    plan = plan_apply(settings, config_path, existing, deployment, hostname=hostname)
    ehlo = for_deployment(deployment, hostname=validate_hostname(hostname) if hostname is not None else None)
    probe_secret: Secret | None = plan.expected_secret
    network = network_host(deployment, settings, args.skip_network_test)
    if not args.json:
        say_deployment(deployment)
        if network is not None:
            say_network_host(network, args.send_to)
        compose_diff = plan.compose_diff(localized=True)
        if compose_diff:  # shown before anything is written
            say(tr("deployment.cli.compose_change"))
            say(compose_diff.rstrip("\n"))
    report = None
    deliverability = untested(settings.user)
    if not args.no_probe and (network is None or network.probe_at is not None):
        report, deliverability = run_cli_check(
            settings,
            probe_secret,
            send_to=args.send_to,
            timeout=args.timeout,
            ca_file=args.ca_file,
            allow_plaintext_auth=args.allow_plaintext_auth,
            connect_to=network.probe_at if network is not None else None,
            ehlo=ehlo,
            announce=not args.json,
        )
        probed.append(report)  # a write refused after it still names the steps that ran
        if not args.json:
            print_report(report)
            say_warnings(later_warnings(merged_warnings(plan.warnings, report.warnings)))
            if report.ok:
                print_deliverability(deliverability)
        if not report.ok:
            if args.json:
                failed = report.to_json()
                failed["deployment"] = deployment.to_json(env_file=plan.env_path)
                failed["deliverability"] = deliverability.to_json()
                print_json(failed)
            else:
                warn(tr("cli.nothing_written"))
            return EXIT_PROBE_FAILED
    return plan, commit_apply(plan), report, network, deliverability


def run(args: argparse.Namespace) -> int:
    config_path: Path = args.config
    deployment: Deployment | None = None
    probed: list[ProbeReport] = []
    if not (args.secret_stdin or args.keep_secret or args.no_secret):
        return report_usage(tr("cli.secret_option_required"), args.json)  # nothing passes untested by accident
    try:
        # Recover a killed run's change, lock, then read and detect (SPEC §12 rev 3); the folder lock is held
        # from reading the files to the last replacement (SPEC §7).
        with lock_before_reading(config_path, args.compose_file):
            deployment = deployment_from(args, config_path)
            with lock_for(config_path, deployment):
                outcome = _plan_probe_commit(args, config_path, deployment, probed)
    except WizardError as exc:
        known = deployment.to_json() if deployment is not None else None
        return report_error(exc, args.json, deployment=known, report=probed[-1] if probed else None)
    if isinstance(outcome, int):
        return outcome
    plan, result, report, network, deliverability = outcome
    warnings = merged_warnings(plan.warnings, report.warnings if report else [])
    written = [str(p) for p in result.written]
    if args.json:
        payload = (
            report.to_json()
            if report is not None
            else {
                "ok": True,
                "ehlo_name": None,  # no test: nothing was sent
                "covered": [],
                "diagnosis": None,
                "steps": [],
                "server": {},
                "tls": None,
            }
        )
        payload["written"] = written
        payload["notes"] = [note.text for note in result.notes]
        payload["deployment"] = deployment.to_json(env_file=plan.env_path)
        payload["warnings"] = [w.to_json() for w in warnings]
        if network is not None:
            payload["warnings"].append(network_warning_json(network, args.send_to))
        payload["deliverability"] = deliverability.to_json()
        print_json(payload)
        return EXIT_OK
    if args.no_probe:
        if written:  # "written without a test" only when something was written
            say(tr("cli.not_probed"))
        say_warnings(warnings)
    if written:
        say(tr("cli.written"))
        for path in written:
            say(f"  {path}")
    else:
        say(tr("cli.unchanged"))
    for note in result.notes:
        say(f"• {note.text}")
    if written:
        say_next_steps(deployment, args.send_to)
    return EXIT_OK
