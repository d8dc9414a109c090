"""A file's bytes as text: every file the wizard reads (config.toml, .env, compose files, secret files) is
UTF-8 (TOML 1.0, the Compose Specification and dotenvy all say so); anything else is a FileProblem that
says where the first invalid byte is. Kept apart from the TOML reader so the compose and .env readers need
no TOML library."""

from __future__ import annotations

from pathlib import Path

from wizard.core.errors import FileProblem


def decode(path: Path, data: bytes) -> str:
    """`data` as UTF-8 text; FileProblem with the line and column (from 1) of the first invalid byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise FileProblem(path, "files.not_utf8", line=before.count(b"\n") + 1, col=col) from None
