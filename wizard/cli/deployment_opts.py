"""The deployment options shared by `apply`, `check` and `show` (SPEC §3a, §5 rev 2), and how the CLI
names the layout, its files and its next steps."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard.cli.output import say
from wizard.core.deployment import Deployment, DeploymentChoice, detect_deployment, secret_placement
from wizard.core.deployment.network import NetworkHost, compose_network_host
from wizard.core.deployment.next_steps import next_steps
from wizard.core.errors import ValidationError, WizardError
from wizard.core.i18n import tr
from wizard.core.settings import Settings


def add_deployment_arguments(parser: argparse.ArgumentParser, *, network_test: bool = False) -> None:
    parser.add_argument(
        "--deployment",
        choices=[c.value for c in DeploymentChoice],
        default=DeploymentChoice.AUTO.value,
        help=tr("deployment.help.deployment"),
    )
    parser.add_argument("--compose-file", type=Path, help=tr("deployment.help.compose_file"))
    parser.add_argument("--compose-service", metavar="NAME", help=tr("compose_engine.help.compose_service"))
    if network_test:
        parser.add_argument("--skip-network-test", action="store_true", help=tr("deployment.help.skip_network_test"))


def deployment_from(args: argparse.Namespace, config_path: Path) -> Deployment:
    """The layout as detected, or as the options force it (DeploymentError / FileProblem when it cannot be;
    ServiceChoiceNeeded when several services mount the config folder and `--compose-service` names none).
    Call it holding `lock_before_reading`, so a half-done change of a killed run is undone first."""
    return detect_deployment(
        config_path, DeploymentChoice(args.deployment), args.compose_file, service=args.compose_service
    )


def deployment_json(deployment: Deployment, variable: str | None) -> dict[str, object]:
    """SPEC §5 `"deployment"`, with `env_file` where the secret `variable` really belongs (the compose
    project's `.env`, or the service's `env_file:` that defines it)."""
    env_file = None
    if variable:
        try:
            env_file = secret_placement(deployment, variable).path
        except WizardError:  # a fixed value in the compose file: no file holds it
            env_file = None
    return deployment.to_json(env_file=env_file)


def say_deployment(deployment: Deployment) -> None:
    say(tr("deployment.cli.layout", description=deployment.describe()))


def say_next_steps(deployment: Deployment, send_to: str | None) -> None:
    say(tr("deployment.cli.next_steps"))
    for step in next_steps(deployment, send_to):
        say(f"  • {step}")


def network_host(deployment: Deployment, settings: Settings, skip_confirmed: bool) -> NetworkHost | None:
    """The compose service the endpoint names (or the server's own container, for a loopback host), if it
    is one. Without a route to test from here, writing needs `--skip-network-test` (ValidationError
    otherwise)."""
    found = compose_network_host(deployment, settings.host, settings.port)
    if found is not None and found.probe_at is None and not skip_confirmed:
        key, facts = found.confirmation_needed()
        raise ValidationError("host", key, **facts)
    return found


def say_network_host(found: NetworkHost, send_to: str | None) -> None:
    say(network_warning(found, send_to))


def network_warning_json(found: NetworkHost, send_to: str | None) -> dict[str, str]:
    """The same as one of `--json`'s "warnings" ({"code", "message", facts})."""
    return {
        "code": found.warning_code,
        "message": network_warning(found, send_to),
        "host": found.host,
        "service": found.service,
    }


def network_warning(found: NetworkHost, send_to: str | None) -> str:
    """What the CLI says about a host of the compose network (or loopback inside the container)."""
    return found.message(send_to)
