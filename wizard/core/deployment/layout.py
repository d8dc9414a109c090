"""Which deployment layout runs the server of a config.toml (SPEC §3a): standalone or Docker Compose.

    detect_deployment(config_path, choice=DeploymentChoice.AUTO, compose_file=None) -> Deployment

Compose when a compose file (COMPOSE_FILE_NAMES) in the config's folder or one of its two parents has a
service that bind-mounts the config's folder; that service is the server. Standalone otherwise. `choice`
and `compose_file` are the user's overrides (`--deployment`, `--compose-file`, the Welcome page).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from wizard.core.deployment import compose_dotenv
from wizard.core.deployment.compose_file import (
    ComposeFile,
    Service,
    find_compose_files,
    read_compose,
    resolve_host_path,
)
from wizard.core.dotenv import DotenvError
from wizard.core.env_file import env_path_for
from wizard.core.errors import FileProblem, WizardError
from wizard.core.i18n import tr
from wizard.core.os_reason import os_reason


class LayoutKind(StrEnum):
    STANDALONE = "standalone"  # the server process reads .env next to config.toml
    COMPOSE = "compose"  # a compose service runs the server; its environment comes from compose


class DeploymentChoice(StrEnum):
    AUTO = "auto"
    STANDALONE = "standalone"
    COMPOSE = "compose"


class DeploymentError(WizardError, ValueError):
    """The chosen layout does not fit the files (e.g. `--deployment compose` but no service mounts the
    config folder). CLI exit code 2."""

    exit_code = 2


@dataclass(frozen=True)
class ProjectVariable:
    """A variable of the compose project environment and where it comes from: "shell" or ".env"."""

    value: str = field(repr=False)
    origin: str


@dataclass(frozen=True)
class Deployment:
    layout: LayoutKind
    config_path: Path
    detected: bool  # True: found automatically; False: the user's choice
    compose: ComposeFile | None = field(default=None, repr=False)
    service: str | None = None
    considered: tuple[Path, ...] = ()  # compose files looked at without a matching service

    @property
    def config_env_path(self) -> Path:
        """The `.env` next to config.toml (the server reads it too, inside the container without overriding)."""
        return env_path_for(self.config_path)

    @property
    def compose_file(self) -> Path | None:
        return self.compose.path if self.compose is not None else None

    @property
    def project_dir(self) -> Path | None:
        return self.compose.project_dir if self.compose is not None else None

    @property
    def env_file(self) -> Path:
        """Where the secret goes by default: the compose project's `.env`, or the `.env` next to config.toml."""
        if self.compose is not None:
            return self.compose.project_env_path
        return self.config_env_path

    def server_service(self) -> Service:
        assert self.compose is not None and self.service is not None
        return self.compose.services[self.service]

    def to_json(self, env_file: Path | None = None) -> dict[str, Any]:
        """SPEC §5 rev 2: `{"layout", "env_file", "compose_file", "service"}` (paths as strings)."""
        return {
            "layout": self.layout.value,
            "env_file": str(env_file or self.env_file),
            "compose_file": str(self.compose_file) if self.compose_file else None,
            "service": self.service,
        }

    def describe(self, *, short: bool = False) -> str:
        """One localized sentence naming the layout and its files (`short`: the layout, service and file)."""
        if self.layout is LayoutKind.COMPOSE:
            msg_id = "deployment.layout.compose_short" if short else "deployment.layout.compose"
            return tr(msg_id, compose=str(self.compose_file), service=str(self.service))
        if self.considered:
            names = ", ".join(str(p) for p in self.considered)
            msg_id, extra = "deployment.layout.standalone_considered", {"files": names}
        else:
            msg_id, extra = "deployment.layout.standalone", {}
        return tr(msg_id, env=str(self.env_file), config=self.config_path.name, **extra)


def project_environment(
    compose: ComposeFile, environ: Mapping[str, str] | None = None, planned: Mapping[Path, str] | None = None
) -> dict[str, ProjectVariable]:
    """The compose project's environment: the project `.env` (read with the shell environment for its
    `${...}`), overridden by the shell's variables, as `docker compose` uses it for interpolation.
    `planned` gives contents to use instead of what is on disk (a change not written yet)."""
    environ = os.environ if environ is None else environ
    out: dict[str, ProjectVariable] = {}
    path = compose.project_env_path
    try:
        text = planned[path] if planned and path in planned else path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        text = ""
    except UnicodeDecodeError as exc:
        raise FileProblem(path, "files.not_utf8", offset=exc.start) from None
    except OSError as exc:
        raise FileProblem(path, "files.unreadable", reason=os_reason(exc)) from None
    try:
        values = compose_dotenv.parse(text, environ).variables()
    except DotenvError as exc:
        raise exc.at(path) from None
    for name, value in values.items():
        out[name] = ProjectVariable(value, ".env")
    for name, value in environ.items():
        out[name] = ProjectVariable(value, "shell")
    return out


def _mounting_service(compose: ComposeFile, folder: Path, environ: Mapping[str, str]) -> str | None:
    env = project_environment(compose, environ)

    def lookup(name: str) -> str | None:
        found = env.get(name)
        return found.value if found else None

    matches = []
    for service in compose.services.values():
        for mount in service.mounts:
            source = resolve_host_path(compose, mount, lookup)
            if source is not None and _same_folder(source, folder):
                matches.append(service)
                break
    if not matches:
        return None
    # Several services mounting the folder: prefer the one running BOMnipotent's image.
    preferred = [s for s in matches if "bomnipotent" in str(s.node.get("image", "")).lower()]
    return (preferred or matches)[0].name


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return os.path.normpath(a) == os.path.normpath(b)


def detect_deployment(
    config_path: Path,
    choice: DeploymentChoice = DeploymentChoice.AUTO,
    compose_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Deployment:
    """The deployment layout of the server that reads `config_path`.

    Raises FileProblem (exit 3) for a compose file that cannot be read or parsed, DeploymentError (exit 2)
    when `choice` is COMPOSE (or `compose_file` is given) and no service of the compose file bind-mounts
    the config's folder."""
    environ = os.environ if environ is None else environ
    config_path = Path(os.path.abspath(config_path))
    if choice is DeploymentChoice.STANDALONE:
        return Deployment(LayoutKind.STANDALONE, config_path, detected=False)
    given = [Path(os.path.abspath(compose_file))] if compose_file is not None else None
    candidates = given if given is not None else find_compose_files(config_path)
    considered: list[Path] = []
    for path in candidates:
        compose = read_compose(path)
        service = _mounting_service(compose, config_path.parent, environ)
        if service is not None:
            explicit = choice is DeploymentChoice.COMPOSE or compose_file is not None
            return Deployment(LayoutKind.COMPOSE, config_path, not explicit, compose, service)
        considered.append(path)
    if choice is DeploymentChoice.COMPOSE or compose_file is not None:
        if not candidates:
            raise DeploymentError("deployment.none_found", folder=str(config_path.parent))
        files = ", ".join(str(p) for p in considered)
        raise DeploymentError("deployment.no_service_mounts", compose=files, folder=str(config_path.parent))
    return Deployment(LayoutKind.STANDALONE, config_path, detected=True, considered=tuple(considered))
