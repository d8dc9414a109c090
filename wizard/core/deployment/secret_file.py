"""The file that holds the secret, in the grammar of whoever reads it: dotenvy's for the `.env` next to
config.toml (the server reads it), Docker Compose's for the compose project's `.env` and `env_file:` files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wizard.core import dotenv
from wizard.core.atomic import Snapshot, read_snapshot
from wizard.core.deployment import compose_dotenv
from wizard.core.file_text import decode


@dataclass(frozen=True)
class SecretFile:
    snapshot: Snapshot
    text: str = field(repr=False)  # "" when the file does not exist; without a removed byte order mark
    compose_grammar: bool
    # dotenvy's grammar: the file started with a byte order mark, which dotenvy refuses; `text` is without it
    # and a write removes it (the one repair made on the user's behalf)
    bom_removed: bool = False
    document: dotenv.DotenvDocument | None = field(default=None, repr=False)  # dotenvy's reading, parsed once

    @property
    def path(self) -> Path:
        return self.snapshot.path

    def value(self, name: str) -> str | None:
        """The effective value of `name` in this file alone (no environment): dotenvy's first definition,
        compose's last."""
        try:
            if self.compose_grammar:
                return compose_dotenv.parse(self.text).effective(name)
            return (self.document or dotenv.parse(self.text)).effective(name)
        except dotenv.DotenvError as exc:
            raise exc.at(self.path) from None


@dataclass(frozen=True)
class SecretWrite:
    text: str = field(repr=False)
    ignored_lines: tuple[int, ...]  # other definitions of the name, which the reader ignores


def read_secret_file(path: Path, compose_grammar: bool) -> SecretFile:
    """Read and check the file (FileProblem with line and column when it cannot be parsed)."""
    snapshot = read_snapshot(path)
    text = decode(path, snapshot.data) if snapshot.data is not None else ""
    bom = False
    document = None
    try:
        if compose_grammar:
            compose_dotenv.parse(text, strict=False)
        else:
            bom, text = dotenv.without_bom(text)
            document = dotenv.parse(text)
    except dotenv.DotenvError as exc:
        raise exc.at(path) from None
    return SecretFile(snapshot, text, compose_grammar, bom, document)


def with_secret(file: SecretFile, name: str, value: str) -> SecretWrite:
    """The file's text with `name` set to `value` (merge, never clobber; verified by reading it back)."""
    try:
        if file.compose_grammar:
            compose = compose_dotenv.set_variable(file.text, name, value)
            return SecretWrite(compose.text, compose.ignored_lines)
        result = dotenv.set_variable(file.text, name, value)
        return SecretWrite(result.text, result.ignored_lines)
    except dotenv.DotenvError as exc:
        raise exc.at(file.path) from None
