"""Hosts that exist only inside the compose network: another service of the same compose file.

Compose gives every service a DNS name equal to its service name (and its `container_name`, `hostname`
and network aliases) on the project's networks; the host running the wizard cannot resolve them
(https://docs.docker.com/compose/how-tos/networking/). Such a host is tested through the port the service
publishes on the host, when it publishes the endpoint's port; otherwise only the server's own test
(`bomnipotent_client test-email`) can check it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wizard.core.deployment.compose_file import Service
from wizard.core.deployment.layout import Deployment, LayoutKind


@dataclass(frozen=True)
class NetworkHost:
    """`host` is the compose service `service`; `probe_at` is (host, port) on this machine that reaches the
    endpoint's port through the service's published port, or None when it publishes none for it."""

    host: str
    service: str
    port: int
    probe_at: tuple[str, int] | None


def _names(service: Service) -> set[str]:
    names = {service.name.lower()}
    node = service.node
    for key in ("container_name", "hostname"):
        if node.get(key):
            names.add(str(node[key]).lower())
    networks = node.get("networks")
    if isinstance(networks, Mapping):
        for settings in networks.values():
            if isinstance(settings, Mapping):
                names.update(str(a).lower() for a in settings.get("aliases") or [])
    return names


def compose_network_host(deployment: Deployment, host: str, port: int) -> NetworkHost | None:
    """The compose service `host` names (None when it is not one, or the layout is standalone)."""
    if deployment.layout is not LayoutKind.COMPOSE or deployment.compose is None:
        return None
    wanted = host.lower().rstrip(".")
    for service in deployment.compose.services.values():
        if service.name == deployment.service or wanted not in _names(service):
            continue
        published = next((p for p in service.ports if p.target == port), None)
        probe_at = None
        if published is not None:
            ip = published.host_ip if published.host_ip not in ("", "0.0.0.0", "::") else "127.0.0.1"
            probe_at = (ip, published.published)
        return NetworkHost(host, service.name, port, probe_at)
    return None
