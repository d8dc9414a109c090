"""Docker Compose itself, asked what a project means (SPEC §12 rev 3, "§3a — Compose by Compose").

    find_engine(environ=None) -> Engine | None
    engine.config(project_dir, environ, compose_file=None) -> dict       # `config --format json`
    merged_files(project_dir, environ, compose_file=None) -> list[Path]   # the files Compose merges, in order

The engine is the `docker compose` CLI plugin, else a standalone v2 `docker-compose` on `PATH`; a `docker`
CLI without the compose plugin counts as none (`docker compose version` fails there). `config --format json`
needs no Docker daemon: it prints the effective project — override files, `COMPOSE_FILE`, `COMPOSE_PROFILES`,
`COMPOSE_PROJECT_NAME` from the shell and the project `.env`, `include:`, `extends:`, anchors, merge keys,
profiles and `env_file:` already applied (https://docs.docker.com/reference/cli/docker/compose/config/).
It runs from the project folder with the user's environment, as `docker compose up` there would; nothing
secret is ever put on its command line. In its output a literal `$` of a value is written `$$`.

Errors: ComposeEngineError (a FileProblem, exit 3) when the engine cannot be run, times out or refuses the
project; its message names what Compose said, with any secret the caller names replaced by `***`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.core.deployment import compose_dotenv
from wizard.core.deployment.compose_file import load_yaml
from wizard.core.dotenv import DotenvError
from wizard.core.errors import FileProblem

CONFIG_TIMEOUT = 30.0  # seconds one `config` run may take (it reads local files only)
VERSION_TIMEOUT = 10.0  # seconds for `version --short`
# What Docker Compose v2 picks in a folder, in its own order (compose-go's DefaultFileNames and
# DefaultOverrideFileNames): the first main file found, then the first override file found.
DEFAULT_FILE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_FILE_NAMES = (
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
)
_VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)\S*")


class ComposeEngineError(FileProblem):
    """Docker Compose could not give the effective project: not runnable, too slow, or it refused the files
    (`reason`: its own words, one line). Exit code 3, nothing written."""


@dataclass(frozen=True)
class Engine:
    """One Docker Compose installation: `argv` runs it (`docker compose` or `docker-compose`), `version` is
    what `version --short` printed without a leading "v" (e.g. "2.40.3")."""

    argv: tuple[str, ...]
    version: str
    plugin: bool  # True: the `docker compose` CLI plugin; False: a standalone `docker-compose`

    @property
    def label(self) -> str:
        """How faces and JSON name it: "docker compose 2.40.3" (plugin) or "docker-compose 2.40.3"."""
        return f"{'docker compose' if self.plugin else 'docker-compose'} {self.version}"

    def config(
        self,
        project_dir: Path,
        environ: Mapping[str, str],
        compose_file: Path | None = None,
        *,
        hide: Iterable[str] = (),
        timeout: float = CONFIG_TIMEOUT,
    ) -> dict[str, Any]:
        """The effective project as Compose computes it, run from `project_dir` with `environ` as its whole
        environment. `compose_file`: a file named by the user that is not what Compose picks there by itself
        (passed with `-f`). `hide`: values (a secret) never to appear in an error message.
        Raises ComposeEngineError."""
        args = list(self.argv)
        if compose_file is not None and not picked_by_default(project_dir, compose_file, environ):
            args += ["-f", str(compose_file)]
        args += ["config", "--format", "json"]
        where = compose_file or project_dir
        try:
            result = subprocess.run(
                args,
                cwd=project_dir,
                env=dict(environ),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ComposeEngineError(
                where, "compose_engine.timeout", engine=self.label, seconds=f"{timeout:g}"
            ) from None
        except OSError as exc:
            raise ComposeEngineError(
                where, "compose_engine.not_run", engine=self.label, reason=exc.strerror or str(exc)
            ) from None
        out = result.stdout.decode("utf-8", "replace")
        parsed: Any = None
        if result.returncode == 0 and out.strip():  # a wrapper may exit 0 having printed nothing
            try:
                parsed = json.loads(out)
            except ValueError:
                parsed = None
        if not isinstance(parsed, dict):
            reason = _said(result.stderr.decode("utf-8", "replace"), hide) or f"exit {result.returncode}"
            raise ComposeEngineError(where, "compose_engine.refused", engine=self.label, reason=reason)
        return parsed


def _said(stderr: str, hide: Iterable[str]) -> str:
    """Compose's own error in one line: its last line that is not a warning, secrets replaced by `***`."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "level=warning" not in line and not line.startswith("WARN")]
    text = (errors or lines or [""])[-1]
    match = re.search(r'msg="(.*)"', text)
    if match:
        text = match.group(1)
    for secret in hide:
        if secret:
            text = text.replace(secret, "***")
    return text[:400]


_cache: dict[tuple[str, str, str], Engine | None] = {}


def find_engine(environ: Mapping[str, str] | None = None) -> Engine | None:
    """Docker Compose as `environ`'s PATH finds it: the `docker compose` plugin first, else a standalone
    `docker-compose` of version 2 or newer. None when neither answers (a `docker` CLI without the plugin,
    a v1 `docker-compose`). Asked once per PATH/DOCKER_CONFIG/HOME in a process."""
    environ = os.environ if environ is None else environ
    key = (environ.get("PATH", ""), environ.get("DOCKER_CONFIG", ""), environ.get("HOME", ""))
    if key in _cache:
        return _cache[key]
    found: Engine | None = None
    docker = shutil.which("docker", path=key[0])
    if docker is not None:
        version = _version([docker, "compose", "version", "--short"], environ)
        if version is not None:
            found = Engine((docker, "compose"), version, plugin=True)
    if found is None:
        standalone = shutil.which("docker-compose", path=key[0])
        if standalone is not None:
            version = _version([standalone, "version", "--short"], environ)
            if version is not None:
                found = Engine((standalone,), version, plugin=False)
    _cache[key] = found
    return found


def _version(args: list[str], environ: Mapping[str, str]) -> str | None:
    """The version a Compose v2 (or newer) prints, or None when it does not run or is older."""
    try:
        result = subprocess.run(
            args, env=dict(environ), stdin=subprocess.DEVNULL, capture_output=True, timeout=VERSION_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = result.stdout.decode("utf-8", "replace").strip()
    match = _VERSION.fullmatch(text.splitlines()[-1].strip()) if result.returncode == 0 and text else None
    if match is None or int(match.group(1)) < 2:
        return None
    return match.group(0).removeprefix("v")


# ---------------------------------------------------------------------------------------------------------
# The files Compose merges (its output does not list them; they are needed to find where a value is set).


def _project_dotenv(project_dir: Path) -> dict[str, str]:
    try:
        text = (project_dir / ".env").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    try:
        return compose_dotenv.parse(text, strict=False).variables()
    except DotenvError:
        return {}


def picked_by_default(project_dir: Path, compose_file: Path, environ: Mapping[str, str]) -> bool:
    """Whether Compose, run in `project_dir` without `-f`, starts from `compose_file` anyway."""
    chosen = top_files(project_dir, environ)
    return bool(chosen) and same_file(chosen[0], compose_file)


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def top_files(project_dir: Path, environ: Mapping[str, str]) -> list[Path]:
    """COMPOSE_FILE (shell first, then the project `.env`), else the default file and its override."""
    listed = environ.get("COMPOSE_FILE")
    separator = environ.get("COMPOSE_PATH_SEPARATOR")
    if listed is None:
        dotenv = _project_dotenv(project_dir)
        listed = dotenv.get("COMPOSE_FILE")
        separator = separator or dotenv.get("COMPOSE_PATH_SEPARATOR")
    if listed:
        parts = [p for p in listed.split(separator or os.pathsep) if p]
        return [Path(os.path.normpath(project_dir / os.path.expanduser(p))) for p in parts]
    found: list[Path] = []
    for names in (DEFAULT_FILE_NAMES, OVERRIDE_FILE_NAMES):
        for name in names:
            if (project_dir / name).is_file():
                found.append(project_dir / name)
                break
        if not found:
            break
    return found


def merged_files(project_dir: Path, environ: Mapping[str, str], compose_file: Path | None = None) -> list[Path]:
    """Every compose file the project reads, in order: the top files (`compose_file` alone when it is not
    what Compose picks there), each followed by the files it pulls in with `include:` and `extends: file:`
    (recursively, each once). Files that cannot be read or parsed are listed but not followed."""
    if compose_file is not None and not picked_by_default(project_dir, compose_file, environ):
        top = [Path(os.path.abspath(compose_file))]
    else:
        top = top_files(project_dir, environ)
    out: list[Path] = []
    for path in top:
        _follow(path, out)
    return out


def _follow(path: Path, out: list[Path]) -> None:
    if any(same_file(path, seen) for seen in out):
        return
    out.append(path)
    for pulled in pulled_in(path):
        _follow(pulled, out)


def pulled_in(path: Path) -> list[Path]:
    """The files `path` names in `include:` (string or long form) and in `extends: {file: ...}`."""
    try:
        data = load_yaml(path, path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FileProblem):
        return []
    if not isinstance(data, Mapping):
        return []
    names: list[str] = []
    for item in data.get("include") or []:
        if isinstance(item, Mapping):
            value = item.get("path")
            names += [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
        elif item is not None:
            names.append(str(item))
    services = data.get("services")
    if isinstance(services, Mapping):
        for node in services.values():
            extends = node.get("extends") if isinstance(node, Mapping) else None
            if isinstance(extends, Mapping) and extends.get("file"):
                names.append(str(extends["file"]))
    return [Path(os.path.normpath(path.parent / os.path.expanduser(name))) for name in names]
