"""What is already there: the existing `[smtp]`, its secret, the skip flag and the layout, for pre-filling."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from wizard.core.config_file import (
    DEFAULT_LAYOUT,
    Layout,
    detect_layout,
    has_smtp_config,
    read_back_or_error,
    read_config,
    read_smtp,
    read_smtp_config,
    skip_flag_set,
)
from wizard.core.deployment.layout import Deployment, LayoutKind
from wizard.core.endpoint import ReadBack
from wizard.core.env_file import EnvFile, SecretOrigin, bom_problem, env_path_for, read_env, server_secret
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.notes import Note
from wizard.core.secret import Secret
from wizard.core.settings import DEFAULT_SECRET_VAR, SecretSource, Settings


@dataclass(frozen=True)
class ExistingSetup:
    config_path: Path
    config_exists: bool
    smtp: ReadBack | None
    smtp_problem: FileProblem | None  # an [smtp] the wizard cannot interpret (it will be replaced)
    env_path: Path
    secret_var: str
    secret: Secret | None = field(repr=False)
    secret_origin: SecretOrigin | None
    layout: Layout
    layout_detected: bool
    skip_verification: bool
    notes: tuple[Note, ...] = ()  # how the server will read the secret, where that may surprise
    deployment: Deployment | None = None
    # compose layout: the container gets the variable as "" and this value (in the .env next to
    # config.toml) is ignored because of it; the user most likely meant it
    shadowed_secret: Secret | None = field(default=None, repr=False)
    # compose layout: the value the compose project's `.env` holds for the variable while the service does
    # not pass it to its container; keeping the secret passes it (adds the `environment:` entry)
    unpassed_secret: Secret | None = field(default=None, repr=False)
    smtp_config: bool = False  # the file has a [smtp_config] table, which the server ignores
    smtp_table: str = "smtp"  # where `smtp` was read: "smtp", or "smtp_config" when there is no [smtp]
    # the `.env` starts with a byte order mark: the server gets nothing from it (apply removes the mark);
    # `secret` is then what the file holds without it
    env_problem: FileProblem | None = None

    @property
    def secret_available(self) -> bool:
        return self.secret is not None

    @property
    def kept_secret(self) -> Secret | None:
        """The secret "keep the stored one" means, or None when there is none to keep: the value the server
        gets; else (compose) the value it means but does not get — hidden behind an empty one passed by
        compose, or in the project's `.env` but not passed. An empty value is nothing to keep. Every face
        (and `apply --keep-secret`) asks this."""
        for found in (self.secret, self.shadowed_secret, self.unpassed_secret):
            if found is not None and found.reveal() != "":
                return found
        return None

    def prefill(self) -> Settings | None:
        """Settings equal to what is configured now (keeping the existing secret), or None."""
        if self.smtp is None:
            return None
        return Settings(
            user=self.smtp.user,
            host=self.smtp.host,
            port=self.smtp.port,
            security=self.smtp.security,
            secret_var=self.secret_var,
            secret_source=SecretSource.KEEP
            if self.secret is not None or self.kept_secret is not None
            else SecretSource.NONE,
            secret=self.kept_secret or self.secret,
        )


def load_existing(
    config_path: Path, environ: Mapping[str, str] | None = None, deployment: Deployment | None = None
) -> ExistingSetup:
    """Read config.toml and the `.env` next to it (and, in the compose layout, the container's environment
    as compose computes it, SPEC §3a). Raises FileProblem for a file that cannot be read or parsed (the
    wizard then refuses to touch it)."""
    environ = os.environ if environ is None else environ
    existing = _load_existing(config_path, environ)
    if deployment is None or deployment.layout is not LayoutKind.COMPOSE:
        return replace(existing, deployment=deployment)
    from wizard.core.deployment.container_env import server_environment

    view = server_environment(deployment, environ)
    var = existing.secret_var
    secret, origin = existing.secret, existing.secret_origin
    shadowed: Secret | None = None
    unpassed: Secret | None = None
    if origin is not SecretOrigin.CONFIG:
        found = view.values.get(var)
        if found is None or found.value is None:
            secret, origin = None, None
            unpassed = _unpassed_secret(deployment, var)
        else:
            secret = Secret(found.value)
            origin = SecretOrigin.ENV_FILE if found.origin.kind == "config_env" else SecretOrigin.CONTAINER
        if var in view.shadowed and found is not None and found.value == "":
            shadowed = Secret(view.shadowed[var])
    return replace(
        existing,
        deployment=deployment,
        secret=secret,
        secret_origin=origin,
        shadowed_secret=shadowed,
        unpassed_secret=unpassed,
        notes=(),
    )


def _unpassed_secret(deployment: Deployment, var: str) -> Secret | None:
    """The value of `var` in the file the secret would be written to (the compose project's `.env`) when
    the service does not pass `var` yet, or None. FileProblem when that file cannot be read."""
    from wizard.core.deployment.container_env import secret_placement
    from wizard.core.deployment.secret_file import read_secret_file

    try:
        placement = secret_placement(deployment, var)
    except ValidationError:  # a fixed value in the compose file: the container gets that one
        return None
    if not placement.add_entry:
        return None
    value = read_secret_file(placement.path, compose_grammar=True).value(placement.variable)
    return Secret(value) if value else None


def _load_existing(config_path: Path, environ: Mapping[str, str]) -> ExistingSetup:
    config = read_config(config_path)
    env_path = env_path_for(config_path)
    env_file = read_env(env_path, environ, repairable=True)
    env_problem = bom_problem(env_path) if env_file.bom else None
    if not config.exists:
        found, found_origin = server_secret(DEFAULT_SECRET_VAR, env_file, environ)
        return ExistingSetup(
            config_path=config_path,
            config_exists=False,
            smtp=None,
            smtp_problem=None,
            env_path=env_path,
            secret_var=DEFAULT_SECRET_VAR,
            secret=found,
            secret_origin=found_origin,
            layout=DEFAULT_LAYOUT,
            layout_detected=False,
            skip_verification=False,
            notes=secret_notes(DEFAULT_SECRET_VAR, env_file, found_origin, environ),
            env_problem=env_problem,
        )
    doc = config.values
    section = read_smtp(doc, config_path)
    legacy_notes: list[Note] = []
    found_smtp_config = has_smtp_config(doc)
    if found_smtp_config:
        # The server never reads [smtp_config] (it appears in one example of its docs): say so, and when
        # there is no [smtp], fill the wizard from it so that writing moves its keys into [smtp].
        legacy_notes.append(Note("smtp_config.found" if section is None else "smtp_config.beside_smtp"))
        if section is None:
            try:
                section = read_smtp_config(doc, config_path)
            except FileProblem:
                section = None
    smtp: ReadBack | None = None
    problem: FileProblem | None = None
    var = DEFAULT_SECRET_VAR
    secret: Secret | None = None
    origin: SecretOrigin | None = None
    if section is not None:
        if section.unknown_keys and section.table == "smtp":  # [smtp_config] is ignored, so harmless
            legacy_notes.append(Note("cli_truth.unknown_keys_note", {"keys": ", ".join(section.unknown_keys)}))
        try:
            smtp = read_back_or_error(section, config_path)
        except FileProblem as exc:
            problem = exc
        if smtp is not None and smtp.secret_var:
            var = smtp.secret_var
        if smtp is not None and smtp.secret_literal and section.secret is not None:
            secret, origin = Secret(section.secret), SecretOrigin.CONFIG
    if secret is None:
        secret, origin = server_secret(var, env_file, environ)
    layout = detect_layout(doc)
    return ExistingSetup(
        config_path=config_path,
        config_exists=True,
        smtp=smtp,
        smtp_problem=problem,
        env_path=env_path,
        secret_var=var,
        secret=secret,
        secret_origin=origin,
        layout=layout or DEFAULT_LAYOUT,
        layout_detected=layout is not None,
        skip_verification=skip_flag_set(doc),
        notes=(*legacy_notes, *secret_notes(var, env_file, origin, environ)),
        smtp_config=found_smtp_config,
        smtp_table=section.table if section is not None else "smtp",
        env_problem=env_problem,
    )


def secret_notes(
    var: str, env_file: EnvFile, origin: SecretOrigin | None, environ: Mapping[str, str]
) -> tuple[Note, ...]:
    """What to tell the user about how the server will read `var`: a `$NAME` in `.env` that expands to
    nothing, or an environment variable that wins over `.env` (SPEC §3 rev 2)."""
    env = str(env_file.snapshot.path)
    notes: list[Note] = []
    if origin is SecretOrigin.ENV_FILE:
        empty = env_file.empty_references(var)
        if empty:
            refs = ", ".join(f"${name}" for name in empty)
            notes.append(Note("envread.empty_reference", {"env": env, "name": var, "refs": refs}))
    if origin is SecretOrigin.ENVIRONMENT and env_file.value(var) is not None:
        notes.append(Note("envread.environment_wins", {"name": var, "env": env}))
    return tuple(notes)
