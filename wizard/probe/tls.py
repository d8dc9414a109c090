"""TLS for the probe: one verifying context per run, certificate facts, and naming certificate problems."""

from __future__ import annotations

import hashlib
import os
import ssl
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wizard.core.errors import FileProblem
from wizard.probe.report import DiagnosisCode, TlsFacts
from wizard.probe.transcript import safe_text

# OpenSSL X509_V_ERR_* codes that ssl.SSLCertVerificationError.verify_code carries.
_EXPIRED = {9, 10}  # not yet valid, has expired: both mean "outside its validity period"
_NAME_MISMATCH = {62, 63, 64}  # host name, e-mail, IP address mismatch

# SSL reasons seen when a TLS client meets a server that speaks plaintext SMTP first ("220 ..." is no TLS record).
WRONG_MODE_REASONS = frozenset(
    {"WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG", "UNKNOWN_PROTOCOL", "HTTP_REQUEST"}
)


def verifying_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """The system trust store (SSL_CERT_FILE / SSL_CERT_DIR honoured) plus `ca_file`; host names are checked."""
    context = ssl.create_default_context()
    if ca_file is not None:
        try:
            context.load_verify_locations(cafile=str(ca_file))
        except ssl.SSLError:  # read, but no certificate in it (not PEM, a key, an empty file)
            raise FileProblem(ca_file, "ca_file.no_certificate") from None
        except OSError as exc:
            raise FileProblem(ca_file, ca_file_problem(exc), reason=os.strerror(exc.errno or 0)) from None
    return context


def ca_file_problem(exc: OSError) -> str:
    """The message id that says in words why `--ca-file` could not be read (never an exception class name)."""
    if isinstance(exc, FileNotFoundError):
        return "ca_file.missing"
    if isinstance(exc, IsADirectoryError):
        return "ca_file.folder"
    if isinstance(exc, PermissionError):
        return "ca_file.denied"
    return "ca_file.unreadable"


def sniffing_context() -> ssl.SSLContext:
    """Only to learn whether a port speaks TLS at all (wrong-mode detection); never used to send anything."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def cert_problem(error: ssl.SSLCertVerificationError) -> DiagnosisCode:
    if error.verify_code in _EXPIRED:
        return DiagnosisCode.CERT_EXPIRED
    if error.verify_code in _NAME_MISMATCH:
        return DiagnosisCode.CERT_HOSTNAME_MISMATCH
    return DiagnosisCode.CERT_UNTRUSTED


def find_cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """`exc` or the first exception in its cause/context chain that is a `kind` (aiosmtplib wraps SSL errors)."""
    seen: set[int] = set()
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        if isinstance(node, kind):
            return node
        seen.add(id(node))
        node = node.__cause__ or node.__context__
    return None


def _name(parts: Any) -> str:
    """`CN=mail.example.com, O=Example` from getpeercert()'s nested tuples."""
    return safe_text(", ".join(f"{key}={value}" for rdn in parts or () for key, value in rdn))


def _iso(cert_time: str) -> str:
    if not cert_time:
        return ""
    return datetime.fromtimestamp(ssl.cert_time_to_seconds(cert_time), UTC).isoformat()


def fingerprint(der: bytes) -> str:
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def tls_facts(ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> TlsFacts | None:
    if ssl_object is None:
        return None
    cipher = ssl_object.cipher()
    cert = ssl_object.getpeercert() or {}
    der = ssl_object.getpeercert(binary_form=True)
    return TlsFacts(
        version=ssl_object.version() or "",
        cipher=cipher[0] if cipher else "",
        subject=_name(cert.get("subject")),
        issuer=_name(cert.get("issuer")),
        not_before=_iso(str(cert.get("notBefore", ""))),
        not_after=_iso(str(cert.get("notAfter", ""))),
        sha256=fingerprint(der) if der else "",
        san=[safe_text(f"{entry[0]}:{entry[1]}") for entry in cert.get("subjectAltName", ())],  # a server's words
    )
