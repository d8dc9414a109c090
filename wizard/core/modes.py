"""The three ways the server can talk to its mail server, and their standard ports (SPEC §2)."""

from __future__ import annotations

from enum import StrEnum


class Security(StrEnum):
    SMTPS = "smtps"  # implicit TLS (RFC 8314), port 465
    STARTTLS = "starttls"  # plaintext greeting, then TLS is required (RFC 3207)
    NONE = "none"  # no encryption: only for a relay on this machine or network


DEFAULT_PORTS = {Security.SMTPS: 465, Security.STARTTLS: 587, Security.NONE: 25}
