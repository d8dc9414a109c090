"""Whether a host name means this very machine: the one rule for "credentials may go there without TLS"
(SPEC §4) and for "a loopback relay inside a container is the container itself" (SPEC §3a)."""

from __future__ import annotations

import ipaddress


def is_loopback_host(host: str) -> bool:
    """`localhost` (and `*.localhost`, RFC 6761 §6.3) or a loopback address (127.0.0.0/8, ::1), bracketed or
    not, with or without a trailing dot."""
    name = host.lower().rstrip(".").strip("[]")
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
