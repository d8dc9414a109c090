"""config.toml and the `.env` next to it, read the way BOMnipotent Server reads them.

The server loads `.env` into its environment (never overriding a variable that is already set) and then
replaces every `${NAME}` by the variable's value. `check` must test exactly that, so it reads here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from wizard.core.config_file import missing_problem, read_back_or_error, read_config, read_smtp
from wizard.core.deployment.layout import Deployment, LayoutKind
from wizard.core.endpoint import secret_var_of
from wizard.core.env_file import SecretOrigin, env_path_for, read_env
from wizard.core.errors import FileProblem
from wizard.core.existing import secret_notes
from wizard.core.notes import Note
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Settings

_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class ServerView:
    settings: Settings  # user, host, port and security after expansion; the secret as NEW when present
    secret: Secret | None = field(repr=False)
    notes: tuple[Note, ...] = ()  # e.g. a `$NAME` in `.env` that expands to nothing
    # compose layout: why the server gets an empty secret, when it does (SPEC §3a); localized
    warnings: tuple[str, ...] = ()
    secret_var: str | None = None  # the variable `secret = "${NAME}"` refers to, if it does


def read_as_server(
    config_path: Path, environ: Mapping[str, str] | None = None, deployment: Deployment | None = None
) -> ServerView:
    """The [smtp] settings as the server uses them: `${NAME}` replaced from the environment the server
    really has (compose layout: the container's, computed as compose does, then the `.env` next to
    config.toml without overriding). `deployment` None: standalone."""
    environ = os.environ if environ is None else environ
    config = read_config(config_path)
    if not config.exists:
        raise FileProblem(config_path, "files.missing")
    section = read_smtp(config.values, config_path)
    if section is None:
        raise FileProblem(config_path, "files.no_smtp")
    missing = missing_problem(section, config_path)
    if missing is not None:  # the server refuses to start with a half-filled table
        raise missing
    if section.unknown_keys:  # the server would not start at all, so no test can pass for it
        raise FileProblem(config_path, "cli_truth.unknown_keys", keys=", ".join(section.unknown_keys))
    env_path = env_path_for(config_path)
    env_file = read_env(env_path, environ)
    variables = {**env_file.document.variables(), **environ}
    warnings: list[str] = []
    compose_view = None
    if deployment is not None and deployment.layout is LayoutKind.COMPOSE:
        from wizard.core.deployment.container_env import explain_variable, server_environment

        compose_view = server_environment(deployment, environ)
        variables = compose_view.as_mapping()
        for name in _REFERENCE.findall(section.secret or ""):
            cause = explain_variable(deployment, compose_view, name).cause
            if cause:
                warnings.append(cause)

    def expand(value: str) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in variables:
                if compose_view is not None and deployment is not None:
                    from wizard.core.deployment.container_env import explain_variable

                    reason = explain_variable(deployment, compose_view, name).source
                    raise FileProblem(config_path, "deployment.variable_undefined", name=name, reason=reason)
                raise FileProblem(config_path, "files.variable_undefined", name=name, env=str(env_path))
            return variables[name]

        return _REFERENCE.sub(one, value)

    user = expand(section.user)
    endpoint = expand(section.endpoint)
    secret = Secret(expand(section.secret)) if section.secret is not None else None
    expanded = replace(section, user=user, endpoint=endpoint, secret=None)
    route = read_back_or_error(expanded, config_path)
    settings = Settings(
        user=user,
        host=route.host,
        port=route.port,
        security=route.security,
        secret_source=SecretSource.NEW if secret else SecretSource.NONE,
        secret=secret,
    )
    notes: tuple[Note, ...] = ()
    var = secret_var_of(section.secret) if section.secret is not None else None
    if var is not None and compose_view is None:
        origin = SecretOrigin.ENVIRONMENT if var in environ else SecretOrigin.ENV_FILE
        notes = secret_notes(var, env_file, origin, environ)
    return ServerView(settings, secret, notes, tuple(warnings), var)
