"""Docker Compose's effective project (`config --format json`) in the shape of the wizard's own reader, so
the environment, network and `show` code reads both alike.

In Compose's output every service is complete: `env_file:` is already merged into `environment:` (a
mapping whose value is null for a name passed without a value that is not set), volumes and ports are in
the long form with absolute sources, and a literal `$` is written `$$` — so interpolating a value again with
no variables gives exactly what the container gets.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wizard.core.atomic import read_snapshot
from wizard.core.deployment.compose_file import ComposeFile, EnvEntry, Mount, Published, Service


def engine_compose(path: Path, project_dir: Path, config: Mapping[str, Any]) -> ComposeFile:
    """`config` (Compose's JSON) as a ComposeFile named after the project's first file `path`."""
    services: dict[str, Service] = {}
    for name, node in (config.get("services") or {}).items():
        service = Service(str(name), node)
        env = node.get("environment") or {}
        service.environment = [
            EnvEntry(str(key), None if value is None else str(value), index)
            for index, (key, value) in enumerate(env.items())
        ]
        service.environment_form = "mapping" if "environment" in node else None
        service.mounts = [
            Mount(str(m.get("source") or ""), str(m.get("target") or ""), bool(m.get("read_only")))
            for m in node.get("volumes") or []
            if isinstance(m, Mapping) and m.get("type") == "bind"
        ]
        service.ports = _ports(node.get("ports") or [])
        # already interpolated by Compose: the container's host name, the server's EHLO name (SPEC §12 rev 3)
        service.hostname = _text(node.get("hostname"))
        service.domainname = _text(node.get("domainname"))
        services[str(name)] = service
    snapshot = read_snapshot(path)
    text = (snapshot.data or b"").decode("utf-8", "replace")
    return ComposeFile(path, snapshot, text, dict(config), services, folder=project_dir)


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _ports(items: list[Any]) -> list[Published]:
    out = []
    for item in items:
        if not isinstance(item, Mapping) or item.get("published") in (None, ""):
            continue
        try:
            published = int(str(item["published"]).split("-")[0])
            out.append(Published(int(item["target"]), published, str(item.get("host_ip") or "")))
        except (KeyError, ValueError):
            continue  # a range or a form the wizard does not need
    return out
