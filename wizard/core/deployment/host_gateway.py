"""A relay on the Docker host, reached from the server's container as `host.docker.internal`.

On Linux that name exists in a container only with `extra_hosts: ["host.docker.internal:host-gateway"]`
(Docker Desktop adds it by itself): https://docs.docker.com/reference/compose-file/services/#extra_hosts,
https://docs.docker.com/reference/cli/dockerd/#configure-host-gateway-ip. `host-gateway` is the host's
address on the default bridge (docker0, usually 172.17.0.1), so the relay must listen there (or on all
addresses), not only on 127.0.0.1. The wizard adds the `extra_hosts` entry to the server's service in the
same transaction as the rest (`add_host_gateway`, a line insertion verified by parsing back), and says where
the relay must listen.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wizard.core.deployment.compose_file import Service, load_yaml, plain_yaml
from wizard.core.errors import FileProblem, ValidationError

DOCKER_HOST_NAME = "host.docker.internal"
GATEWAY_ENTRY = f"{DOCKER_HOST_NAME}:host-gateway"


def is_docker_host_name(host: str) -> bool:
    return host.lower().rstrip(".") == DOCKER_HOST_NAME


def maps_docker_host(service: Service) -> bool:
    """Whether the service's `extra_hosts` (list "name:ip" / "name=ip", or mapping) names host.docker.internal."""
    extra: Any = service.node.get("extra_hosts")
    if isinstance(extra, Mapping):
        return any(is_docker_host_name(str(name)) for name in extra)
    if isinstance(extra, list):
        return any(is_docker_host_name(str(item).replace("=", ":").split(":", 1)[0]) for item in extra)
    return False


def add_host_gateway(path: Path, text: str, service: str) -> str:
    """`text` with `host.docker.internal:host-gateway` in `service`'s `extra_hosts` (a block list is extended,
    a missing key is added as the service's first key). ValidationError for a form it cannot edit safely
    (flow style, a mapping), FileProblem when the result does not parse back as intended."""
    data = load_yaml(path, text)
    node = data["services"][service]
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    entry = f'"{GATEWAY_ENTRY}"'
    if "extra_hosts" in node and node["extra_hosts"] is not None:
        block: Any = node["extra_hosts"]
        flow = getattr(block, "fa", None) is not None and block.fa.flow_style()
        if not isinstance(block, list) or flow or not block or not hasattr(block, "lc"):
            raise ValidationError("host", "host_gateway.cannot_edit", service=service, compose=str(path))
        position: Any = block.lc  # ruamel's positions of the round-trip sequence
        line, col = position.item(len(block) - 1)
        dash = lines[line].rfind("-", 0, col)
        indent = dash if dash >= 0 else col
        lines.insert(line + 1, " " * indent + f"- {entry}" + eol)
    else:
        keys = list(node.keys())
        service_line, service_col = data["services"].lc.key(service)
        col = node.lc.key(keys[0])[1] if keys else service_col + 2
        if "extra_hosts" in node:  # `extra_hosts:` with nothing under it
            at = node.lc.key("extra_hosts")[0]
            lines[at : at + 1] = [" " * col + "extra_hosts:" + eol, " " * (col + 2) + f"- {entry}" + eol]
        else:
            lines[service_line + 1 : service_line + 1] = [
                " " * col + "extra_hosts:" + eol,
                " " * (col + 2) + f"- {entry}" + eol,
            ]
    result = "".join(lines)
    _verify(path, data, result, service)
    return result


def _verify(path: Path, before: Any, text: str, service: str) -> None:
    try:
        after = load_yaml(path, text)
    except FileProblem:
        raise FileProblem(path, "deployment.edit_failed", service=service) from None
    expected = plain_yaml(before)
    node = expected["services"][service]
    node["extra_hosts"] = [*(node.get("extra_hosts") or []), GATEWAY_ENTRY]
    if plain_yaml(after) != expected:
        raise FileProblem(path, "deployment.edit_failed", service=service)
