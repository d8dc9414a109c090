"""Test certificates from trustme: a trusted CA (its PEM is the `ca_file` tests pass to the probe), an unknown
CA, and server certificates that are good, from the unknown CA, for the wrong host, or expired."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import trustme

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")


class CertKind(StrEnum):
    TRUSTED = "trusted"  # signed by the trusted CA, for localhost / 127.0.0.1 / ::1
    UNKNOWN_CA = "unknown_ca"  # the same names, signed by a CA nobody trusts
    WRONG_HOST = "wrong_host"  # trusted CA, but for another name
    EXPIRED = "expired"  # trusted CA, right names, validity ended yesterday


@dataclass
class TlsMaterial:
    ca: trustme.CA
    unknown_ca: trustme.CA
    ca_file: Path  # PEM of the trusted CA
    unknown_ca_file: Path
    _contexts: dict[CertKind, ssl.SSLContext] = field(default_factory=dict)
    _leaves: dict[CertKind, trustme.LeafCert] = field(default_factory=dict)

    def leaf(self, kind: CertKind | str) -> trustme.LeafCert:
        """The server certificate of this kind (one per kind and session)."""
        kind = CertKind(kind)
        if kind not in self._leaves:
            self._leaves[kind] = self._issue(kind)
        return self._leaves[kind]

    def leaf_pem(self, kind: CertKind | str) -> str:
        return self.leaf(kind).cert_chain_pems[0].bytes().decode("ascii")

    def _issue(self, kind: CertKind) -> trustme.LeafCert:
        if kind is CertKind.TRUSTED:
            return self.ca.issue_cert(*LOCAL_NAMES)
        if kind is CertKind.UNKNOWN_CA:
            return self.unknown_ca.issue_cert(*LOCAL_NAMES)
        if kind is CertKind.WRONG_HOST:
            return self.ca.issue_cert("mail.wrong-host.test")
        now = datetime.now(UTC)
        return self.ca.issue_cert(*LOCAL_NAMES, not_before=now - timedelta(days=30), not_after=now - timedelta(days=1))

    def server_context(self, kind: CertKind | str = CertKind.TRUSTED) -> ssl.SSLContext:
        """A server-side context presenting the certificate of this kind (cached: one per kind and session)."""
        kind = CertKind(kind)
        if kind not in self._contexts:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            self.leaf(kind).configure_cert(context)
            self._contexts[kind] = context
        return self._contexts[kind]


def make_tls_material(folder: Path) -> TlsMaterial:
    ca, unknown = trustme.CA(), trustme.CA()
    ca_file, unknown_file = folder / "trusted-ca.pem", folder / "unknown-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    unknown.cert_pem.write_to_path(str(unknown_file))
    return TlsMaterial(ca, unknown, ca_file, unknown_file)
