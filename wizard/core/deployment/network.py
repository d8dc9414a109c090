"""Hosts that exist only inside the compose network: another service of the same compose file.

Compose gives every service a DNS name equal to its service name (and its `container_name`, `hostname`
and network aliases) on the project's networks; the host running the wizard cannot resolve them
(https://docs.docker.com/compose/how-tos/networking/). Such a host is tested through the port the service
publishes on the host, when it publishes the endpoint's port; otherwise only the server's own test
(`bomnipotent_client test-email`) can check it.

A loopback host (127.0.0.0/8, ::1, `localhost`) is the same kind of trap: inside the server's container it
is the container itself, not the machine running the wizard, so a relay listening on this machine's loopback
is out of the server's reach even though a test from here passes. Unless the server's service shares the
host's network stack (`network_mode: host`), such a host is treated like a compose service with no published
port: no test from here (it would test a route the server does not have), an explicit confirmation to write
anyway, and pointers to what the container can reach (`host.docker.internal` or the host's address on the
compose network, or a relay service) and to the server's own test.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wizard.core.deployment.compose_file import Service
from wizard.core.deployment.host_gateway import is_docker_host_name
from wizard.core.deployment.layout import Deployment, LayoutKind
from wizard.core.i18n import tr
from wizard.core.loopback import is_loopback_host


@dataclass(frozen=True)
class NetworkHost:
    """`host` is the compose service `service`; `probe_at` is (host, port) on this machine that reaches the
    endpoint's port through the service's published port, or None when it publishes none for it.

    With `loopback` True, `host` is a loopback name or address and `service` is the server's own service,
    whose container it denotes; `probe_at` is then always None."""

    host: str
    service: str
    port: int
    probe_at: tuple[str, int] | None
    loopback: bool = False
    docker_host: bool = False  # `host.docker.internal`: this machine as the container sees it (host_gateway.py)

    @property
    def warning_code(self) -> str:
        """The `--json` warning code (SPEC §5)."""
        if self.loopback:
            return "loopback_in_container"
        if self.docker_host:
            return "docker_host_not_tested"
        return "network_test_through_published_port" if self.probe_at is not None else "network_test_skipped"

    def message(self, address: str | None) -> str:
        """The localized sentence saying why (not) and how it was tested; `address` for the server's own
        `bomnipotent_client test-email` (a placeholder when None)."""
        if self.probe_at is not None:
            host, port = self.probe_at
            return tr("deployment.network.published", host=self.host, service=self.service, at=f"{host}:{port}")
        address = address or tr("deployment.next.address_placeholder")
        if self.docker_host:
            return tr("host_gateway.network", host=self.host, service=self.service, address=address)
        key = "deployment.network.loopback" if self.loopback else "deployment.network.skipped"
        return tr(key, host=self.host, service=self.service, address=address)

    def confirmation_needed(self) -> tuple[str, dict[str, str]]:
        """The message id and arguments of the error when writing was not confirmed (`--skip-network-test`)."""
        if self.docker_host:
            return "host_gateway.needs_confirmation", {"host": self.host, "service": self.service}
        key = "deployment.loopback_needs_confirmation" if self.loopback else "deployment.network_needs_confirmation"
        return key, {"host": self.host, "service": self.service}


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
    """The compose service `host` names, or the server's own container when `host` is loopback (None when
    it is neither, or the layout is standalone, or the server's service uses the host's network stack)."""
    if deployment.layout is not LayoutKind.COMPOSE or deployment.compose is None:
        return None
    if is_docker_host_name(host):
        # This machine as the container sees it, through the Docker bridge: the route from here (loopback) is
        # not the container's, so no test from here; the server's own test checks it.
        return NetworkHost(host, deployment.service or "", port, None, docker_host=True)
    if is_loopback_host(host):
        own = deployment.compose.services.get(deployment.service or "")
        if own is not None and str(own.node.get("network_mode") or "") == "host":
            return None  # the container shares this machine's loopback
        return NetworkHost(host, deployment.service or "", port, None, loopback=True)
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
