"""Deployment layouts (SPEC §3a): where the server runs, and so where its secret must go.

The small API the faces and the UI-free flow use:

    detect_deployment(config_path, choice=DeploymentChoice.AUTO, compose_file=None) -> Deployment
    server_environment(deployment) -> ServerEnvironment     # what the server process really sees
    secret_placement(deployment, name) -> SecretPlacement    # where a new secret must be written
    next_steps(deployment, send_to) -> list[str]             # what makes the change take effect

Modules: `compose_engine` (Docker Compose itself: finding it, `config --format json`, the merged files),
`engine_project` (its output in the reader's shape), `compose_place` (where among the merged files the
container's value is decided, and the edit there), `placement` (that answer as a value: `SecretPlacement`,
`ComposeEdit`, below both `compose_place` and `container_env`), `verify` (Compose reading the written files inside the
transaction), `compose_file` (the wizard's own reader, the fallback without an engine), `compose_dotenv`
(compose's `.env` grammar), `interpolation` (compose's `${...}`), `layout` (detection), `container_env` (the
environment and the secret's place), `compose_edit` (adding the variable to a service), `network` (hosts of
the compose network), `next_steps`.
"""

from wizard.core.deployment.container_env import (
    EnvValue,
    Origin,
    ServerEnvironment,
    secret_placement,
    server_environment,
)
from wizard.core.deployment.layout import (
    Deployment,
    DeploymentChoice,
    DeploymentError,
    LayoutKind,
    detect_deployment,
)
from wizard.core.deployment.placement import SecretPlacement

__all__ = [
    "Deployment",
    "DeploymentChoice",
    "DeploymentError",
    "EnvValue",
    "LayoutKind",
    "Origin",
    "SecretPlacement",
    "ServerEnvironment",
    "detect_deployment",
    "secret_placement",
    "server_environment",
]
