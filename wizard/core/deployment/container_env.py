"""The environment the server really gets, and where each value comes from.

Compose layout, in the order Docker Compose and then the server apply it:
1. the service's `env_file:` files, in order (a later file wins), read in compose's `.env` grammar with
   `${...}` from the project environment;
2. the service's `environment:` entries (they win over `env_file:`), interpolated from the project
   environment (the shell over the project `.env`); an entry without a value takes the project variable of
   the same name, and is left out of the container when that is not set;
3. inside the container the server loads the `.env` next to config.toml without overriding anything set;
4. then `${NAME}` in config.toml is replaced.
Standalone: the server's own process environment, then the `.env` next to config.toml (no overriding).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from wizard.core import dotenv
from wizard.core.deployment import compose_dotenv
from wizard.core.deployment.compose_file import ComposeFile
from wizard.core.deployment.compose_place import ComposeEdit
from wizard.core.deployment.interpolation import InterpolationError, interpolate, sole_reference
from wizard.core.deployment.layout import Deployment, LayoutKind, ProjectVariable, project_environment
from wizard.core.dotenv import DotenvError
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.i18n import tr
from wizard.core.os_reason import os_reason


@dataclass(frozen=True)
class Origin:
    """Where a value of the server's environment comes from. `kind`: "environment" (the service's
    `environment:`), "env_file", "config_env" (the `.env` next to config.toml), "process" (the standalone
    server's own environment). For an `environment:` entry, `via` is the project variable it reads and
    `via_origin` where that came from: "shell", ".env", or None when it is not set (compose puts "")."""

    kind: str
    file: Path | None
    service: str | None = None
    via: str | None = None
    via_origin: str | None = None
    via_file: Path | None = None

    def describe(self) -> str:
        if self.kind == "environment":
            base = tr("deployment.origin.environment", compose=str(self.file), service=str(self.service))
            if self.via is None:
                return base
            if self.via_origin == "shell":
                return base + " " + tr("deployment.origin.via_shell", name=self.via)
            if self.via_origin == ".env":
                return base + " " + tr("deployment.origin.via_env", name=self.via, env=str(self.via_file))
            return base + " " + tr("deployment.origin.via_unset", name=self.via, env=str(self.via_file))
        if self.kind == "env_file":
            return tr("deployment.origin.env_file", env=str(self.file), service=str(self.service))
        if self.kind == "config_env":
            return str(self.file)
        return tr("deployment.origin.process")


@dataclass(frozen=True)
class EnvValue:
    value: str | None = field(repr=False)  # None: not set in the container (an entry without a value)
    origin: Origin


@dataclass(frozen=True)
class ServerEnvironment:
    """Every variable the server sees, with its origin; `shadowed` lists names whose value in the `.env`
    next to config.toml is ignored because the container (or process) already sets them."""

    values: dict[str, EnvValue]
    shadowed: dict[str, str] = field(default_factory=dict, repr=False)

    def get(self, name: str) -> str | None:
        found = self.values.get(name)
        return None if found is None else found.value

    def as_mapping(self) -> dict[str, str]:
        return {k: v.value for k, v in self.values.items() if v.value is not None}


def _read_text(path: Path, planned: Mapping[Path, str] | None = None) -> str | None:
    if planned and path in planned:
        return planned[path]
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as exc:
        raise FileProblem(path, "files.not_utf8", offset=exc.start) from None
    except OSError as exc:
        raise FileProblem(path, "files.unreadable", reason=os_reason(exc)) from None


def container_environment(
    deployment: Deployment, environ: Mapping[str, str] | None = None, planned: Mapping[Path, str] | None = None
) -> dict[str, EnvValue]:
    """The environment compose gives the server's container (compose layout only). `planned`: contents of
    `.env` / `env_file:` files to use instead of what is on disk (to check a change before writing it)."""
    assert deployment.layout is LayoutKind.COMPOSE and deployment.compose is not None
    environ = os.environ if environ is None else environ
    compose = deployment.compose
    service = deployment.server_service()
    project = project_environment(compose, environ, planned)
    plain = {k: v.value for k, v in project.items()}

    def lookup(name: str) -> str | None:
        return plain.get(name)

    out: dict[str, EnvValue] = {}
    for ref in service.env_files:
        path = ref.path if ref.path.is_absolute() else compose.project_dir / ref.path
        text = _read_text(path, planned)
        if text is None:
            if ref.required:
                raise FileProblem(path, "deployment.env_file_missing", service=service.name)
            continue
        try:
            values = compose_dotenv.parse(text, plain).variables()
        except DotenvError as exc:
            raise exc.at(path) from None
        for name, value in values.items():
            out[name] = EnvValue(value, Origin("env_file", path, service.name))
    for entry in service.environment:
        if entry.raw is None:
            found = project.get(entry.name)
            origin = _via_origin(compose, service.name, entry.name, found)
            out[entry.name] = EnvValue(found.value if found else None, origin)
            continue
        try:
            result = interpolate(entry.raw, lookup)
        except InterpolationError as exc:
            raise FileProblem(compose.path, "deployment.entry_invalid", name=entry.name, reason=exc.message) from None
        via = sole_reference(entry.raw) or (result.used[0] if len(result.used) == 1 else None)
        origin = (
            _via_origin(compose, service.name, via, project.get(via))
            if via is not None
            else Origin("environment", compose.path, service.name)
        )
        out[entry.name] = EnvValue(result.text, origin)
    return out


def _via_origin(compose: ComposeFile, service: str, name: str, found: ProjectVariable | None) -> Origin:
    """An `environment:` entry that reads the project variable `name` (found in the shell, the project
    `.env`, or nowhere)."""
    return Origin(
        "environment",
        compose.path,
        service,
        via=name,
        via_origin=found.origin if found else None,
        via_file=compose.project_env_path,
    )


def server_environment(deployment: Deployment, environ: Mapping[str, str] | None = None) -> ServerEnvironment:
    """What the server process sees: the container's (or its own) environment, then the `.env` next to
    config.toml for what is not set yet."""
    environ = os.environ if environ is None else environ
    if deployment.layout is LayoutKind.COMPOSE:
        values = container_environment(deployment, environ)
    else:
        values = {k: EnvValue(v, Origin("process", None)) for k, v in environ.items()}
    set_now = {k: v.value for k, v in values.items() if v.value is not None}
    env_path = deployment.config_env_path
    text = _read_text(env_path)
    shadowed: dict[str, str] = {}
    if text is not None:
        try:
            document = dotenv.parse(text, env=set_now)
        except DotenvError as exc:
            raise exc.at(env_path) from None
        for name, value in document.variables().items():
            if name in set_now:
                shadowed[name] = value
                continue
            values[name] = EnvValue(value, Origin("config_env", env_path))
    return ServerEnvironment(values, shadowed)


# ---------------------------------------------------------------------------------------------------------
# Where a new secret must be written so that the container gets it.


@dataclass(frozen=True)
class SecretPlacement:
    """Write `variable` into `path` (compose `.env` grammar for the compose layout); when `add_entry`, the
    service does not pass the variable yet and `NAME: ${NAME}` is added to its `environment:`."""

    path: Path
    variable: str
    compose_grammar: bool
    add_entry: bool = False
    edit: ComposeEdit | None = None  # engine layout: the compose file change that makes the place decide
    decided_in: Path | None = None  # engine layout: the compose file whose entry decides the value now
    decided_line: int | None = None  # its line (from 1)


def secret_placement(deployment: Deployment, name: str) -> SecretPlacement:
    """Where the secret referenced as `${name}` in config.toml must go. Raises ValidationError when the
    compose file gives the container a value the wizard cannot change through a file (a fixed value)."""
    if deployment.layout is LayoutKind.STANDALONE:
        return SecretPlacement(deployment.config_env_path, name, compose_grammar=False)
    if deployment.engine is not None:  # every merged file, as Docker Compose reads them (SPEC §12 rev 3)
        from wizard.core.deployment.compose_place import locate

        placement: SecretPlacement = locate(deployment, name)
        return placement
    assert deployment.compose is not None
    compose = deployment.compose
    service = deployment.server_service()
    entry = service.entry(name)
    if entry is not None:
        if entry.raw is None:
            return SecretPlacement(compose.project_env_path, name, compose_grammar=True)
        via = sole_reference(entry.raw) or _defaulted_reference(entry.raw)
        if via is None:
            raise ValidationError(
                "secret", "deployment.fixed_value", name=name, service=service.name, compose=str(compose.path)
            )
        return SecretPlacement(compose.project_env_path, via, compose_grammar=True)
    for ref in reversed(service.env_files):  # a later env_file wins: write where the effective one is
        path = ref.path if ref.path.is_absolute() else compose.project_dir / ref.path
        text = _read_text(path)
        if text is None:
            continue
        try:
            defined = compose_dotenv.parse(text, strict=False).last(name) is not None
        except DotenvError as exc:
            raise exc.at(path) from None
        if defined:
            return SecretPlacement(path, name, compose_grammar=True)
    return SecretPlacement(compose.project_env_path, name, compose_grammar=True, add_entry=True)


def _defaulted_reference(raw: str) -> str | None:
    """NAME for `${NAME:-default}` / `${NAME-default}`: the value is NAME's once NAME is set."""
    match = re.fullmatch(r"\$\{([_A-Za-z][_A-Za-z0-9]*):?-[^}]*\}", raw)
    return match.group(1) if match else None


@dataclass(frozen=True)
class VariableReport:
    """What the server gets for one variable, said in words: `source` (where the value comes from) and,
    when the server gets it empty although a file holds a value, `cause` naming why."""

    name: str
    value: str | None = field(repr=False)
    source: str
    cause: str | None = None


def explain_variable(deployment: Deployment, view: ServerEnvironment, name: str) -> VariableReport:
    """`name` as the server sees it, where it comes from, and the empty-string shadow when there is one."""
    found = view.values.get(name)
    if found is None or found.value is None:
        if deployment.layout is LayoutKind.COMPOSE:
            service = deployment.server_service()
            if service.entry(name) is None:
                return VariableReport(
                    name, None, tr("deployment.show.not_passed", name=name, service=str(deployment.service))
                )
        return VariableReport(name, None, tr("deployment.show.unset", name=name, env=str(deployment.config_env_path)))
    source = found.origin.describe()
    if deployment.engine is not None and found.origin.kind == "environment":
        source = _engine_source(deployment, name) or source
    cause = None
    if found.value == "":
        hidden = view.shadowed.get(name)
        if hidden:
            cause = tr(
                "deployment.show.empty_shadow",
                name=name,
                source=source,
                env=str(deployment.config_env_path),
            )
        elif found.origin.kind == "environment" and found.origin.via_origin is None:
            cause = tr("deployment.show.empty_unset", name=name, env=str(deployment.env_file))
    return VariableReport(name, found.value, source, cause)


def _engine_source(deployment: Deployment, name: str) -> str | None:
    """Where, among the files Docker Compose merged, the container's value of `name` is decided, in words:
    the compose file and line of the deciding entry (and the project variable it reads), or the env_file."""
    from wizard.core.errors import WizardError

    try:
        placement = secret_placement(deployment, name)
    except WizardError:
        return None
    if placement.decided_in is None:
        if placement.path != deployment.env_file and placement.edit is None:
            return tr("deployment.origin.env_file", env=str(placement.path), service=str(deployment.service))
        return None
    base = tr("compose_engine.origin.line", compose=str(placement.decided_in), line=placement.decided_line or "?")
    if placement.edit is not None:
        return base + " " + tr("compose_engine.origin.literal")
    var = placement.variable
    if var in os.environ:
        return base + " " + tr("deployment.origin.via_shell", name=var)
    try:
        defined = compose_dotenv.parse(_read_text(placement.path) or "", strict=False).last(var) is not None
    except DotenvError:
        defined = False
    key = "deployment.origin.via_env" if defined else "deployment.origin.via_unset"
    return base + " " + tr(key, name=var, env=str(placement.path))
