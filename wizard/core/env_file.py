"""The `.env` next to config.toml, read and located the way the server does."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from wizard.core import dotenv
from wizard.core.atomic import Snapshot, read_snapshot
from wizard.core.errors import FileProblem
from wizard.core.file_text import decode
from wizard.core.secret import Secret

ENV_FILE_NAME = ".env"
ENV_MODE = 0o600


def env_path_for(config_path: Path) -> Path:
    """The server reads a file named exactly `.env` in the folder of the config file it was given."""
    return config_path.parent / ENV_FILE_NAME


class SecretOrigin(StrEnum):
    ENV_FILE = "env_file"
    ENVIRONMENT = "environment"
    CONFIG = "config"  # written literally in config.toml (the wizard moves it to .env)
    CONTAINER = "container"  # compose gives it to the server's container (SPEC §3a)


@dataclass(frozen=True)
class EnvFile:
    snapshot: Snapshot
    text: str  # "" when the file does not exist; without the byte order mark when `bom`
    document: dotenv.DotenvDocument = field(repr=False)
    # The file starts with a UTF-8 byte order mark: dotenvy refuses it, so the server gets nothing from it
    # until the mark is removed; `document` is what it holds then (read only with `repairable`).
    bom: bool = False

    @property
    def exists(self) -> bool:
        return self.snapshot.data is not None

    def value(self, name: str) -> str | None:
        return self.document.effective(name)

    def empty_references(self, name: str) -> tuple[str, ...]:
        """The `$NAME`s in the effective definition of `name` that expanded to nothing (`abc$def` is `abc`)."""
        entry = self.document.first(name)
        return () if entry is None else entry.empty_references


def read_env(path: Path, environ: Mapping[str, str] | None = None, *, repairable: bool = False) -> EnvFile:
    """Read `.env` as dotenvy loads it: `$NAME` / `${NAME}` expand from the process environment `environ`
    (default: this process's) first, then from earlier lines of the file. FileProblem (line, column) where
    dotenvy stops; with `repairable`, a leading byte order mark is left out and reported in `bom` instead
    (the one thing `apply` repairs)."""
    snapshot = read_snapshot(path)
    text = decode(path, snapshot.data) if snapshot.data is not None else ""
    bom = False
    if repairable:
        bom, text = dotenv.without_bom(text)
    try:
        document = dotenv.parse(text, env=os.environ if environ is None else environ)
    except dotenv.DotenvParseError as exc:
        raise exc.at(path) from None
    return EnvFile(snapshot, text, document, bom)


def bom_problem(path: Path) -> FileProblem:
    """Why the server gets nothing from a `.env` that starts with a byte order mark (dotenvy stops at line 1,
    column 1)."""
    return FileProblem(path, "file_layer.env_bom", line=1, col=1)


def server_secret(
    name: str, env_file: EnvFile, environ: Mapping[str, str] | None = None
) -> tuple[Secret | None, SecretOrigin | None]:
    """The value the server would see for `${name}`: the environment wins (dotenv never overrides a set
    variable), then the first definition in `.env`."""
    environ = os.environ if environ is None else environ
    if name in environ:
        return Secret(environ[name]), SecretOrigin.ENVIRONMENT
    value = env_file.value(name)
    if value is not None:
        return Secret(value), SecretOrigin.ENV_FILE
    return None, None
