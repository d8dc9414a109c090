"""`smtp-wizard show`: the current effective settings, where each value comes from, the secret masked."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wizard.cli.deployment_opts import add_deployment_arguments, deployment_from, deployment_json, say_deployment
from wizard.cli.output import EXIT_FILE, EXIT_OK, print_json, report_error, say, say_warnings, warn
from wizard.core.apply import lock_before_reading, lock_for_reading
from wizard.core.deployment import Deployment, LayoutKind, server_environment
from wizard.core.deployment.container_env import VariableReport, explain_variable
from wizard.core.env_file import SecretOrigin
from wizard.core.errors import WizardError
from wizard.core.existing import ExistingSetup, load_existing
from wizard.core.i18n import tr
from wizard.core.warnings import user_warnings
from wizard.flow.content import login_label


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, required=True, default=argparse.SUPPRESS, help=tr("cli.help.config"))
    parser.add_argument("--json", action="store_true", help=tr("cli.help.json"))
    add_deployment_arguments(parser)


def run(args: argparse.Namespace) -> int:
    deployment: Deployment | None = None
    try:
        with lock_before_reading(args.config, args.compose_file):  # undoes a killed run first, waits for a writer
            deployment = deployment_from(args, args.config)
            with lock_for_reading(args.config, deployment):
                existing = load_existing(args.config, deployment=deployment)
        report = _secret_report(deployment, existing)
    except WizardError as exc:
        return report_error(exc, args.json, deployment=deployment.to_json() if deployment is not None else None)
    if existing.smtp_problem is not None:
        return report_error(existing.smtp_problem, args.json, deployment=deployment.to_json())
    if existing.env_problem is not None:  # the server gets no secret from that file: never "set"
        return report_error(existing.env_problem, args.json, deployment=deployment.to_json())
    config = str(existing.config_path)
    smtp = existing.smtp
    values: dict[str, Any] = {}
    if smtp is not None:
        values = {
            "user": {"value": smtp.user, "source": f"{config} [{existing.smtp_table}] user"},
            "host": {"value": smtp.host, "source": f"{config} [{existing.smtp_table}] endpoint"},
            "port": {"value": smtp.port, "source": f"{config} [{existing.smtp_table}] endpoint"},
            "security": {
                "value": smtp.security.value,
                "source": f"{config} [{existing.smtp_table}] {', '.join(smtp.security_from)}",
            },
        }
        secret_source = {
            None: tr("show.secret_missing"),
            "env_file": str(existing.env_path),
            "environment": tr("show.environment"),
            "config": tr("show.secret_in_config", config=config),
            "container": report.source if report is not None else "",
        }[existing.secret_origin.value if existing.secret_origin else None]
        if report is not None and existing.secret_origin is not SecretOrigin.CONFIG:
            secret_source = report.source
        values["secret"] = {
            "value": None if existing.secret is None else ("***" if existing.secret.reveal() else ""),
            "variable": smtp.secret_var,
            "source": secret_source if smtp.secret_var or smtp.secret_literal else tr("show.no_secret"),
            "cause": report.cause if report is not None else None,
        }
    values["skip_verification"] = {"value": existing.skip_verification, "layout": existing.layout.value}
    warnings = user_warnings(smtp.user) if smtp is not None else []
    if args.json:
        notes = [note.text for note in existing.notes]
        print_json(
            {
                # A config without [smtp] is a valid file with nothing set up yet, not a file problem.
                "ok": smtp is not None or existing.config_exists,
                "config": config,
                "settings": values,
                "notes": notes,
                "warnings": [w.to_json() for w in warnings],
                "deployment": deployment_json(deployment, smtp.secret_var if smtp is not None else None),
            }
        )
        return EXIT_OK if smtp is not None or existing.config_exists else EXIT_FILE
    if smtp is None:
        if existing.config_exists:  # valid, just not set up yet: an installer's `set -e` goes on
            say(f"{config}: {tr('files.no_smtp')}")
            return EXIT_OK
        warn(f"{tr('cli.error_prefix')} {config}: {tr('files.missing')}")  # worded as every other error
        return EXIT_FILE
    say_deployment(deployment)
    # One column for the values, as wide as the longest label in the current language.
    labels = {key: tr(f"field.{key}") + ":" for key in ("host", "port", "security", "secret")}
    labels["user"] = login_label(str(values["user"]["value"])) + ":"  # the wizard's word for it
    width = max(len(label) for label in labels.values())
    for key in ("user", "host", "port", "security"):
        value = values[key]["value"]
        if key == "security":  # the mode in words of the user's language ("none" is a config value)
            value = tr(f"discovery.security.{value}")
        say(f"{labels[key]:<{width}} {value}   ({values[key]['source']})")
    secret = values["secret"]
    if secret["value"] == "":
        shown = tr("deployment.show.empty_value", name=secret["variable"])
    elif not secret["value"]:
        shown = tr("show.none")
    elif secret["variable"]:
        shown = f"*** (${{{secret['variable']}}})"
    else:
        shown = "***"  # a literal secret in config.toml: the source column says so
    say(f"{labels['secret']:<{width}} {shown}   ({secret['source']})")
    if secret["cause"]:
        warn(secret["cause"])
    for note in existing.notes:
        warn(f"• {note.text}")
    if existing.skip_verification:
        warn(tr("show.skip_active"))
    say_warnings(warnings)
    return EXIT_OK


def _secret_report(deployment: Deployment, existing: ExistingSetup) -> VariableReport | None:
    """Compose layout: the secret's variable as the container gets it, with its source and any cause."""
    if deployment.layout is not LayoutKind.COMPOSE or existing.smtp is None or not existing.smtp.secret_var:
        return None
    view = server_environment(deployment)
    return explain_variable(deployment, view, existing.smtp.secret_var)
