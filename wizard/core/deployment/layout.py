"""Which deployment layout runs the server of a config.toml (SPEC §3a): standalone or Docker Compose.

    detect_deployment(config_path, choice=DeploymentChoice.AUTO, compose_file=None, service=None) -> Deployment

Compose when a compose project in the config's folder or one of its two parents has a service that
bind-mounts the config's folder; that service is the server. Standalone otherwise. `choice`,
`compose_file` and `service` are the user's overrides (`--deployment`, `--compose-file`,
`--compose-service`, the Welcome page).

Where Docker Compose is installed (`compose_engine.find_engine`), the project is the one Compose itself
computes (SPEC §12 rev 3): every service of the merged files is looked at, and the result names the engine
(`verified_by`) and the merged files (`compose_files`); a service that mounts the folder only under an
inactive profile is refused rather than taken for "standalone". Without it the wizard's own reader of one
compose file and the files its `include:` pulls in is the fallback, and the result says it is not verified.
Among several services mounting the folder the one whose target is BOMnipotent's config folder or whose image
is BOMnipotent's is the server; when that still leaves several, ServiceChoiceNeeded names them (never a
silent pick).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from wizard.core.deployment import compose_dotenv
from wizard.core.deployment.compose_engine import ComposeEngineError, Engine, find_engine
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


class ServiceChoiceNeeded(DeploymentError):
    """Several services mount the config folder and none is BOMnipotent's by target or image (or several
    are): the user must name one (`--compose-service`, or the faces' question). `candidates`: their names,
    in the project's order. CLI exit code 2."""

    def __init__(self, msg_id: str, /, candidates: tuple[str, ...], **params: object) -> None:
        self.candidates = candidates
        super().__init__(msg_id, candidates=", ".join(candidates), **params)


SERVER_CONFIG_TARGET = "/etc/bomnipotent_server/configs"  # where BOMnipotent's image reads config.toml
SERVER_IMAGE_MARK = "bomnipotent"  # in the image name of BOMnipotent's server (wwhsoft/bomnipotent_server)


@dataclass(frozen=True)
class EngineView:
    """What Docker Compose said about the project: `label` names the engine and its version, `files` are
    the compose files it merges (in order), `config` its `config --format json` output."""

    label: str
    files: tuple[Path, ...]
    config: dict[str, Any] = field(repr=False, compare=False)
    engine: Engine | None = field(default=None, repr=False, compare=False)  # to run it again (verification)
    folder: Path | None = None  # the folder Compose ran in
    given: Path | None = None  # the compose file the user named (`--compose-file`), passed with `-f` if needed


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
    engine: EngineView | None = None  # None: read by the wizard's own reader (not verified)
    hostname: str | None = None  # the service's `hostname:` (the container's host name), if it sets one
    domainname: str | None = None  # the service's `domainname:`, if it sets one
    candidates: tuple[str, ...] = ()  # every service mounting the config folder (the server among them)

    @property
    def verified_by(self) -> str | None:
        """The engine that computed the project ("docker compose 2.40.3"), None for the wizard's own reader."""
        return self.engine.label if self.engine is not None else None

    @property
    def compose_files(self) -> tuple[Path, ...]:
        """The compose files merged into the project, in order (without an engine: the file read and the files
        whose `include:` led to it, the top file first)."""
        if self.engine is not None:
            return self.engine.files
        return (*self.compose.included_from, self.compose.path) if self.compose is not None else ()

    @property
    def config_env_path(self) -> Path:
        """The `.env` next to config.toml (the server reads it too, inside the container without overriding)."""
        return env_path_for(self.config_path)

    @property
    def compose_file(self) -> Path | None:
        return self.compose.path if self.compose is not None else None

    @property
    def project_dir(self) -> Path | None:
        return self.compose.project_root if self.compose is not None else None

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
        """SPEC §12 rev 3: `{"layout", "env_file", "compose_file", "compose_files", "service", "verified_by"}`
        (paths as strings; `verified_by` null without an engine)."""
        return {
            "layout": self.layout.value,
            "env_file": str(env_file or self.env_file),
            "compose_file": str(self.compose_file) if self.compose_file else None,
            "compose_files": [str(p) for p in self.compose_files],
            "service": self.service,
            "verified_by": self.verified_by,
        }

    def verification(self) -> str:
        """One localized sentence: which engine computed the project, or "not verified: Docker Compose is
        not installed here"."""
        if self.engine is not None:
            return tr("compose_engine.verified_by", engine=self.engine.label)
        return tr("compose_engine.not_verified")

    def describe(self, *, short: bool = False) -> str:
        """One localized sentence naming the layout and its files (`short`: the layout, service and file)."""
        if self.layout is LayoutKind.COMPOSE:
            msg_id = "deployment.layout.compose_short" if short else "deployment.layout.compose"
            files = ", ".join(str(p) for p in self.compose_files) or str(self.compose_file)
            text = tr(msg_id, compose=files, service=str(self.service))
            return text if short else f"{text} {self.verification()}"
        if self.considered:
            names = ", ".join(str(p) for p in self.considered)
            msg_id, extra = "deployment.layout.standalone_considered", {"files": names}
            text = tr(msg_id, env=str(self.env_file), config=self.config_path.name, **extra)
            return text if short else f"{text} {self.verification()}"
        return tr("deployment.layout.standalone", env=str(self.env_file), config=self.config_path.name)


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


def _mounting_services(compose: ComposeFile, folder: Path, environ: Mapping[str, str]) -> list[_Candidate]:
    """The wizard's own reader: the services of one compose file that bind-mount `folder`."""
    env = project_environment(compose, environ)

    def lookup(name: str) -> str | None:
        found = env.get(name)
        return found.value if found else None

    matches = []
    for service in compose.services.values():
        for mount in service.mounts:
            source = resolve_host_path(compose, mount, lookup)
            if source is not None and _same_folder(source, folder):
                matches.append(_Candidate(service.name, mount.target, str(service.node.get("image") or "")))
                break
    return matches


@dataclass(frozen=True)
class _Candidate:
    name: str
    target: str
    image: str

    @property
    def bomnipotent(self) -> bool:
        return self.target.rstrip("/") == SERVER_CONFIG_TARGET or SERVER_IMAGE_MARK in self.image.lower()


def _choose(matches: list[_Candidate], wanted: str | None, where: Path) -> str | None:
    """The server among the services mounting the folder: the one named by the user, else the only one,
    else the only BOMnipotent one. Raises DeploymentError for a name that does not mount the folder and
    ServiceChoiceNeeded when several remain."""
    names = tuple(c.name for c in matches)
    if wanted is not None:
        if wanted not in names:
            listed = ", ".join(names) or "-"
            msg_id = "compose_engine.service_not_mounting"
            raise DeploymentError(msg_id, service=wanted, candidates=listed, compose=str(where))
        return wanted
    if not matches:
        return None
    if len(matches) == 1:
        return matches[0].name
    preferred = [c for c in matches if c.bomnipotent]
    if len(preferred) == 1:
        return preferred[0].name
    remaining = tuple(c.name for c in (preferred or matches))
    raise ServiceChoiceNeeded("compose_engine.service_ambiguous", candidates=remaining, compose=str(where))


def _engine_candidates(config: Mapping[str, Any], folder: Path) -> list[_Candidate]:
    """The services of Compose's effective project that bind-mount `folder` (sources are absolute there)."""
    out = []
    services = config.get("services") or {}
    for name, node in services.items():
        for mount in node.get("volumes") or []:
            if not isinstance(mount, Mapping) or mount.get("type") != "bind" or not mount.get("source"):
                continue
            if _same_folder(Path(str(mount["source"])), folder):
                out.append(_Candidate(str(name), str(mount.get("target") or ""), str(node.get("image") or "")))
                break
    return out


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return os.path.normpath(a) == os.path.normpath(b)


def project_folders(config_path: Path, compose_file: Path | None, environ: Mapping[str, str]) -> list[Path]:
    """Folders a compose project of `config_path` may live in, nearest first: the given compose file's
    folder, else those of the config's folder and its two parents where Compose finds a project."""
    from wizard.core.deployment.compose_engine import top_files

    if compose_file is not None:
        return [Path(os.path.abspath(compose_file)).parent]
    folder = Path(os.path.abspath(config_path)).parent
    return [f for f in (folder, *list(folder.parents)[:2]) if (top_files(f, environ) or [f / "-"])[0].is_file()]


def detect_deployment(
    config_path: Path,
    choice: DeploymentChoice = DeploymentChoice.AUTO,
    compose_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    service: str | None = None,
    engine: Engine | bool | None = True,
) -> Deployment:
    """The deployment layout of the server that reads `config_path`.

    `service`: the compose service the user named (`--compose-service`). `engine`: True finds Docker
    Compose on PATH; an Engine uses that one; None/False uses the wizard's own reader.
    Raises FileProblem (exit 3) for a compose project that cannot be read or parsed (ComposeEngineError when
    Compose refuses it), DeploymentError (exit 2) when `choice` is COMPOSE (or `compose_file` is given) and
    no service bind-mounts the config's folder, ServiceChoiceNeeded (exit 2) when several do."""
    environ = os.environ if environ is None else environ
    config_path = Path(os.path.abspath(config_path))
    if choice is DeploymentChoice.STANDALONE:
        return Deployment(LayoutKind.STANDALONE, config_path, detected=False)
    found = find_engine(environ) if engine is True else (engine or None)
    given = Path(os.path.abspath(compose_file)) if compose_file is not None else None
    explicit = choice is DeploymentChoice.COMPOSE or compose_file is not None
    if found is not None:
        return _detect_with_engine(config_path, given, environ, service, found, explicit)
    candidates = [given] if given is not None else find_compose_files(config_path)
    considered: list[Path] = []
    for path in candidates:
        project = _with_included(read_compose(path))
        folder = config_path.parent
        matches = [(c, compose) for compose in project for c in _mounting_services(compose, folder, environ)]
        chosen = _choose([c for c, _ in matches], service, path)
        if chosen is not None:
            compose = next(f for c, f in matches if c.name == chosen)
            node = compose.services[chosen].node
            return Deployment(
                LayoutKind.COMPOSE,
                config_path,
                not explicit,
                compose,
                chosen,
                hostname=_text(node.get("hostname")),
                domainname=_text(node.get("domainname")),
                candidates=tuple(c.name for c, _ in matches),
            )
        considered.append(path)
    return _not_found(config_path, choice, compose_file, candidates, considered)


MAX_INCLUDE_DEPTH = 8  # Compose refuses include cycles; the wizard's reader just stops looking


def _with_included(top: ComposeFile) -> list[ComposeFile]:
    """The wizard's own reader (no engine): `top` and the files its `include:` pulls in, recursively, each
    with the including project's folder as its root (that `.env` interpolates it; Compose runs there)."""
    out = [top]
    seen = {top.path}
    pending = [(top, 0)]
    while pending:
        compose, depth = pending.pop(0)
        if depth >= MAX_INCLUDE_DEPTH:
            continue
        for path, folder in compose.includes():
            if path in seen:
                continue
            seen.add(path)
            included = read_compose(path)
            included.folder, included.root = folder, top.project_root
            included.included_from = (*compose.included_from, compose.path)
            out.append(included)
            pending.append((included, depth + 1))
    return out


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _not_found(
    config_path: Path,
    choice: DeploymentChoice,
    compose_file: Path | None,
    candidates: list[Path],
    considered: list[Path],
    engine: EngineView | None = None,
) -> Deployment:
    if choice is DeploymentChoice.COMPOSE or compose_file is not None:
        if not candidates:
            raise DeploymentError("deployment.none_found", folder=str(config_path.parent))
        files = ", ".join(str(p) for p in considered)
        raise DeploymentError("deployment.no_service_mounts", compose=files, folder=str(config_path.parent))
    return Deployment(
        LayoutKind.STANDALONE, config_path, detected=True, considered=tuple(considered), engine=engine
    )


def _detect_with_engine(
    config_path: Path,
    compose_file: Path | None,
    environ: Mapping[str, str],
    service: str | None,
    engine: Engine,
    explicit: bool,
) -> Deployment:
    from wizard.core.deployment.compose_engine import merged_files
    from wizard.core.deployment.engine_project import engine_compose

    folders = project_folders(config_path, compose_file, environ)
    considered: list[Path] = []
    last_view: EngineView | None = None
    for folder in folders:
        files = tuple(merged_files(folder, environ, compose_file))
        try:
            config = engine.config(folder, environ, compose_file)
        except ComposeEngineError as exc:
            if exc.msg_id == "compose_engine.refused":
                _raise_yaml_problem(files)  # a file that is not YAML: named with its line and column
            raise
        view = EngineView(engine.label, files, config, engine, folder, compose_file)
        last_view = view
        where = files[0] if files else folder
        chosen = _choose(_engine_candidates(config, config_path.parent), service, where)
        if chosen is None:
            considered.extend(files[:1])
            continue
        node = config["services"][chosen]
        compose = engine_compose(where, folder, config)
        return Deployment(
            LayoutKind.COMPOSE,
            config_path,
            not explicit,
            compose,
            chosen,
            engine=view,
            hostname=_text(node.get("hostname")),
            domainname=_text(node.get("domainname")),
            candidates=tuple(c.name for c in _engine_candidates(config, config_path.parent)),
        )
    if last_view is not None:
        _refuse_inactive_profiles(config_path, folders, compose_file, environ, engine)
    choice = DeploymentChoice.COMPOSE if explicit else DeploymentChoice.AUTO
    return _not_found(config_path, choice, compose_file, [Path(f) for f in folders], considered, last_view)


def _raise_yaml_problem(files: tuple[Path, ...]) -> None:
    """Compose refused the project: when one of its files (or a file they include) is not valid YAML, raise
    the wizard's own FileProblem for it — file, line and column in the user's language — instead of
    Compose's one line (which names the folder and may count lines differently)."""
    for path in files:
        if path.is_file():
            _with_included(read_compose(path))  # raises FileProblem (deployment.yaml_parse) at the fault


def _refuse_inactive_profiles(
    config_path: Path, folders: list[Path], compose_file: Path | None, environ: Mapping[str, str], engine: Engine
) -> None:
    """No active service mounts the config folder: one that would with every profile enabled
    (`COMPOSE_PROFILES=*`) is the server `docker compose --profile P up` starts, so the secret must not go
    next to config.toml. Raises DeploymentError (exit 2) naming the services and their profiles."""
    for folder in folders:
        config = engine.config(folder, {**environ, "COMPOSE_PROFILES": "*"}, compose_file)
        found = _engine_candidates(config, config_path.parent)
        if found:
            services = config.get("services") or {}
            profiles = sorted({str(p) for c in found for p in services[c.name].get("profiles") or []})
            raise DeploymentError(
                "compose_adversarial.profile_inactive",
                services=", ".join(c.name for c in found),
                profiles=", ".join(profiles) or "-",
                folder=str(folder),
            )
