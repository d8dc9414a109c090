"""The EHLO name BOMnipotent will introduce itself with (SPEC §12, rev 3 "§4 — The server's EHLO name").

BOMnipotent sends mail with lettre, whose default client id is `ClientId::hostname()`: the host name exactly as
the OS's `gethostname()` returns it (lettre's `hostname` feature, on by default), or `localhost` when that
fails (lettre `src/transport/smtp/extension.rs`, DEFAULT_DOMAIN_CLIENT_ID). No FQDN lookup, no substitute.

- Standalone: this machine's `socket.gethostname()` as it is.
- Compose: the container's kernel host name, which Docker sets from the service's `hostname:` (the UTS
  name); `domainname:` sets the NIS domain name (setdomainname(2)), which gethostname() does not include, so
  it is not part of the EHLO name. Without `hostname:` Docker uses the first 12 hex digits of the container
  id, which is not known before the container exists: the probe sends a stand-in of the same shape.

Strict relays (Postfix `reject_non_fqdn_helo_hostname`, `reject_invalid_helo_hostname`; RFC 5321 §4.1.1.1
asks for a fully-qualified domain name) refuse a name without a dot: `warnings` says so before the test.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from enum import StrEnum

from wizard.core.atomic import sha256_hex
from wizard.core.deployment.interpolation import InterpolationError, interpolate
from wizard.core.deployment.layout import Deployment, LayoutKind, project_environment
from wizard.core.errors import WizardError
from wizard.core.warnings import SetupWarning, WarningCode

LETTRE_FALLBACK = "localhost"  # lettre's DEFAULT_DOMAIN_CLIENT_ID when the host name cannot be read


class EhloOrigin(StrEnum):
    MACHINE = "machine"  # standalone: this machine's host name
    COMPOSE_HOSTNAME = "compose_hostname"  # the compose service's `hostname:`
    CONTAINER_ID = "container_id"  # compose without `hostname:`: a stand-in for Docker's 12-hex container id


@dataclass(frozen=True)
class EhloName:
    name: str
    origin: EhloOrigin
    service: str = ""  # the compose service, when the name is the container's

    @property
    def fully_qualified(self) -> bool:
        """A name with a dot that is not an IP address (RFC 5321 §4.1.1.1 wants a domain name there)."""
        return is_fully_qualified(self.name)


def is_fully_qualified(name: str) -> bool:
    text = name.strip().rstrip(".")
    if "." not in text:
        return False
    try:
        ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return True
    return False


def machine_name() -> EhloName:
    """This machine's host name as gethostname() returns it (lettre's fallback `localhost` if it cannot)."""
    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    return EhloName(name or LETTRE_FALLBACK, EhloOrigin.MACHINE)


def container_id_stand_in(seed: str) -> str:
    """Twelve lower-case hex digits, stable for one project and service, shaped like Docker's short id."""
    return sha256_hex(seed.encode("utf-8"))[:12]


def compose_name(service: str, hostname: str | None, seed: str) -> EhloName:
    """The EHLO name of a compose service: its `hostname:` (already interpolated) or the container-id stand-in."""
    if hostname and hostname.strip():
        return EhloName(hostname.strip(), EhloOrigin.COMPOSE_HOSTNAME, service)
    return EhloName(container_id_stand_in(seed), EhloOrigin.CONTAINER_ID, service)


def for_deployment(deployment: Deployment | None, hostname: str | None = None) -> EhloName:
    """The EHLO name the server of `deployment` will send (None: standalone). `hostname`: a `hostname:` the
    wizard is about to write (the fix offered for a bare name), used instead of the compose file's."""
    if deployment is None or deployment.layout is not LayoutKind.COMPOSE or deployment.compose is None:
        return machine_name()
    service = deployment.server_service()
    raw = hostname if hostname is not None else service.hostname
    if raw and "$" in raw:
        try:
            env = project_environment(deployment.compose)
            raw = interpolate(raw, lambda name: env[name].value if name in env else None).text
        except (InterpolationError, WizardError):
            pass  # compose would refuse the file itself; the raw text is the best guess until then
    seed = f"{deployment.compose.path}:{service.name}"
    return compose_name(service.name, raw, seed)


EHLO_WARNING_CODES = frozenset(
    {WarningCode.EHLO_MACHINE_NOT_FQDN, WarningCode.EHLO_COMPOSE_NOT_FQDN, WarningCode.EHLO_CONTAINER_ID}
)


def ehlo_warnings(ehlo: EhloName) -> list[SetupWarning]:
    """Before the test: a name without a dot is refused by strict relays; the fix for its layout."""
    if ehlo.fully_qualified:
        return []
    code = {
        EhloOrigin.MACHINE: WarningCode.EHLO_MACHINE_NOT_FQDN,
        EhloOrigin.COMPOSE_HOSTNAME: WarningCode.EHLO_COMPOSE_NOT_FQDN,
        EhloOrigin.CONTAINER_ID: WarningCode.EHLO_CONTAINER_ID,
    }[ehlo.origin]
    return [SetupWarning(code, (("name", ehlo.name), ("service", ehlo.service)))]
