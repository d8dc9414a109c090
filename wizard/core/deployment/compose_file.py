"""A compose file as Docker Compose reads it: its services, what they bind-mount, pass and publish.

Read with ruamel.yaml's round-trip loader (it keeps positions, so the editor can insert a line where it
belongs). Facts from the Compose file reference (https://docs.docker.com/reference/compose-file/services/):
`volumes:` short syntax `SOURCE:TARGET[:MODE]` is a bind mount when SOURCE is a path (starts with `.`, `/` or
`~`), relative to the project folder (the compose file's folder); the long syntax has `type: bind`, `source`,
`target`, `read_only`. `environment:` is a mapping (`NAME: value`, `NAME:` without value) or a list
(`NAME=value`, `NAME`); `env_file:` is a path, a list of paths, or a list of `{path, required}`. `ports:` short
`[HOST_IP:]PUBLISHED:TARGET[/PROTO]` or long `{target, published, host_ip}`. Every string is interpolated
from the project environment first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.core.atomic import Snapshot, read_snapshot
from wizard.core.deployment.interpolation import InterpolationError, interpolate
from wizard.core.errors import FileProblem
from wizard.core.file_text import decode

COMPOSE_FILE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
PROJECT_ENV_NAME = ".env"

Lookup = Callable[[str], "str | None"]


@dataclass(frozen=True)
class EnvEntry:
    """One `environment:` entry of a service: `raw` None means "no value given" (taken from the project
    environment by its own name)."""

    name: str
    raw: str | None
    index: int  # position in the mapping or list


@dataclass(frozen=True)
class EnvFileRef:
    path: Path
    required: bool


@dataclass(frozen=True)
class Mount:
    source: str  # as written (before interpolation)
    target: str
    read_only: bool
    short: bool = False  # short syntax: a bind mount only if SOURCE is a path once interpolated


@dataclass(frozen=True)
class Published:
    """A published port: the container port `target` is reachable on the host at `host_ip:published`."""

    target: int
    published: int
    host_ip: str


@dataclass
class Service:
    name: str
    node: Any = field(repr=False)  # the ruamel mapping, for positions
    environment: list[EnvEntry] = field(default_factory=list)
    environment_form: str | None = None  # "mapping", "list" or None (no environment: key)
    env_files: list[EnvFileRef] = field(default_factory=list)
    mounts: list[Mount] = field(default_factory=list)
    ports: list[Published] = field(default_factory=list)
    # `hostname:` / `domainname:` as written (before interpolation). The container's kernel host name, which
    # gethostname() returns and the server's mail library sends as its EHLO name, is `hostname:` alone;
    # `domainname:` sets the NIS domain name, which gethostname() does not include.
    hostname: str | None = None
    domainname: str | None = None

    def entry(self, name: str) -> EnvEntry | None:
        found = [e for e in self.environment if e.name == name]
        return found[-1] if found else None


@dataclass
class ComposeFile:
    path: Path
    snapshot: Snapshot = field(repr=False)
    text: str
    data: Any = field(repr=False)
    services: dict[str, Service]
    folder: Path | None = None  # the project folder when it is not the file's own (Compose's working folder)
    # A file pulled in by another's `include:`: the including project's folder, where `docker compose up`
    # runs and whose `.env` interpolates it too; relative paths of the file itself stay relative to `folder`.
    root: Path | None = None
    included_from: tuple[Path, ...] = ()  # the files whose `include:` led to this one, the top file first

    @property
    def project_dir(self) -> Path:
        return self.folder if self.folder is not None else self.path.parent

    @property
    def project_root(self) -> Path:
        """Where Compose is run for this file's project (the including project's folder for an included file)."""
        return self.root if self.root is not None else self.project_dir

    @property
    def project_env_path(self) -> Path:
        return self.project_root / PROJECT_ENV_NAME

    def includes(self) -> list[tuple[Path, Path | None]]:
        """The files its top-level `include:` names, as (absolute path, project folder or None for the
        file's own), both forms: `- path` and `- {path: str | [str], project_directory: str}`. Relative paths
        are relative to this file's project folder (https://docs.docker.com/reference/compose-file/include/).
        Only literal paths: an include the wizard cannot read is the engine's to follow."""
        raw = self.data.get("include") if isinstance(self.data, Mapping) else None
        out: list[tuple[Path, Path | None]] = []
        for item in raw if isinstance(raw, list) else []:
            paths: Any = item.get("path") if isinstance(item, Mapping) else item
            folder = item.get("project_directory") if isinstance(item, Mapping) else None
            for text in paths if isinstance(paths, list) else [paths]:
                if isinstance(text, str) and text and "$" not in text:
                    own = None if not isinstance(folder, str) or "$" in folder else self._absolute(folder)
                    out.append((self._absolute(text), own))
        return out

    def _absolute(self, text: str) -> Path:
        path = Path(os.path.expanduser(text))
        return Path(os.path.normpath(path if path.is_absolute() else self.project_dir / path))


def plain_yaml(value: Any) -> Any:
    """A loaded YAML document as plain dicts and lists with string keys (ruamel's round-trip types compare
    by their comments and positions too): what an edit's check compares before and after."""
    if isinstance(value, Mapping):
        return {str(k): plain_yaml(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_yaml(v) for v in value]
    return value


def load_yaml(path: Path, text: str) -> Any:
    """`text` (the compose file at `path`) as ruamel.yaml's round-trip document, which knows each key's line
    and column (the editors need them). FileProblem (`deployment.yaml_parse`, with the line and column from
    1 when YAML names them) when it is no YAML."""
    import ruamel.yaml.error  # lazy: ruamel.yaml (~15 ms) only where there is a compose file to read

    yaml = ruamel.yaml.YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        return yaml.load(text)
    except ruamel.yaml.error.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "stream end" in str(exc.problem):
            mark = exc.context_mark  # an unclosed construct: where it opened helps, not the end of the file
        line = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise FileProblem(path, "deployment.yaml_parse", line=line, col=col, reason=reason) from None
    except ruamel.yaml.error.YAMLError as exc:
        raise FileProblem(path, "deployment.yaml_parse", reason=str(exc).splitlines()[0]) from None


def _scalar(value: Any) -> str | None:
    """A YAML scalar as compose turns it into an environment string (booleans in lower case)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _environment(path: Path, name: str, node: Any) -> tuple[list[EnvEntry], str | None]:
    if node is None:
        return [], "mapping"
    if isinstance(node, Mapping):
        return [EnvEntry(str(k), _scalar(v), i) for i, (k, v) in enumerate(node.items())], "mapping"
    if isinstance(node, list):
        entries = []
        for i, item in enumerate(node):
            text = str(item)
            key, sep, value = text.partition("=")
            entries.append(EnvEntry(key, value if sep else None, i))
        return entries, "list"
    raise FileProblem(path, "deployment.bad_environment", service=name)


def _env_files(path: Path, node: Any) -> list[EnvFileRef]:
    items = node if isinstance(node, list) else [node]
    out = []
    for item in items:
        if isinstance(item, Mapping):
            out.append(EnvFileRef(Path(str(item.get("path", ""))), bool(item.get("required", True))))
        elif item is not None:
            out.append(EnvFileRef(Path(str(item)), True))
    return out


def _mounts(node: Any) -> list[Mount]:
    out = []
    for item in node or []:
        if isinstance(item, Mapping):
            if str(item.get("type", "volume")) == "bind":
                out.append(Mount(str(item.get("source", "")), str(item.get("target", "")), bool(item.get("read_only"))))
            continue
        text = str(item)
        parts = text.split(":")
        if len(parts) >= 2 and parts[0][:1] in (".", "/", "~", "$"):
            out.append(Mount(parts[0], parts[1], len(parts) > 2 and "ro" in parts[2].split(","), short=True))
    return out


def _ports(node: Any) -> list[Published]:
    out = []
    for item in node or []:
        try:
            if isinstance(item, Mapping):
                if item.get("published") is None:
                    continue
                published = str(item["published"]).split("-")[0]
                out.append(Published(int(item["target"]), int(published), str(item.get("host_ip") or "")))
                continue
            text = str(item).split("/")[0]
            host_ip = ""
            if text.startswith("["):  # [::1]:2525:25
                host_ip, _, text = text[1:].partition("]:")
            parts = text.split(":")
            if len(parts) == 3:
                host_ip, parts = parts[0], parts[1:]
            if len(parts) == 2 and parts[0]:
                out.append(Published(int(parts[1].split("-")[0]), int(parts[0].split("-")[0]), host_ip))
        except (KeyError, ValueError):
            continue  # a range or a form the wizard does not need; compose validates it itself
    return out


def read_compose(path: Path) -> ComposeFile:
    """Read and parse a compose file. Raises FileProblem (with line and column) when that fails."""
    snapshot = read_snapshot(path)
    if snapshot.data is None:
        raise FileProblem(path, "files.missing")
    return parse_compose(snapshot, decode(path, snapshot.data))


def parse_compose(snapshot: Snapshot, text: str) -> ComposeFile:
    """`text` as the compose file read as `snapshot` (also for a planned, not yet written, content)."""
    path = snapshot.path
    data = load_yaml(path, text)
    services: dict[str, Service] = {}
    raw_services = data.get("services") if isinstance(data, Mapping) else None
    if isinstance(raw_services, Mapping):
        for name, node in raw_services.items():
            if not isinstance(node, Mapping):
                continue
            service = Service(str(name), node)
            if "environment" in node:
                service.environment, service.environment_form = _environment(path, str(name), node["environment"])
            if "env_file" in node:
                service.env_files = _env_files(path, node["env_file"])
            service.mounts = _mounts(node.get("volumes"))
            service.ports = _ports(node.get("ports"))
            service.hostname = _scalar(node.get("hostname"))
            service.domainname = _scalar(node.get("domainname"))
            services[str(name)] = service
    return ComposeFile(path, snapshot, text, data, services)


def resolve_host_path(compose: ComposeFile, mount: Mount, lookup: Lookup) -> Path | None:
    """A bind mount's source as an absolute, normalised host path (None if it cannot be interpolated, or
    is a named volume)."""
    try:
        text = interpolate(mount.source, lookup).text
    except InterpolationError:
        return None
    if mount.short and text[:1] not in (".", "/", "~"):
        return None
    if text.startswith("~"):
        text = os.path.expanduser(text)
    path = Path(text)
    if not path.is_absolute():
        path = compose.project_dir / path
    return Path(os.path.normpath(path))


def find_compose_files(config_path: Path) -> list[Path]:
    """Compose files that may run the server of `config_path`: in the config's folder and its two parent
    folders, nearest first; in one folder the one compose itself would pick (the order of
    COMPOSE_FILE_NAMES)."""
    found: list[Path] = []
    folder = Path(os.path.abspath(config_path)).parent
    for candidate in (folder, *list(folder.parents)[:2]):
        for name in COMPOSE_FILE_NAMES:
            path = candidate / name
            if path.is_file():
                found.append(path)
                break
    return found
