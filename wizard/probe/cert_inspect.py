"""A certificate that failed verification, looked at (SPEC §12 rev 3): a second handshake that verifies nothing
and never sends credentials (for STARTTLS: greeting, EHLO, STARTTLS, handshake, close) reports the names the
certificate holds, its issuer and validity, and whether the chain the server sent is incomplete.

Which certificates the server sent is read from the handshake itself: the handshake is limited to TLS 1.2,
whose Certificate message travels unencrypted (RFC 5246 §7.4.2: a list of DER certificates, leaf first), and
the raw records are parsed as they pass through an `ssl.MemoryBIO`. A server that speaks only TLS 1.3 gets a
second try at any version; then only the leaf is known (`chain_known` False).

Never raises for a network or TLS problem: `inspect_certificate` returns None then.
"""

from __future__ import annotations

import asyncio
import ssl
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from wizard.probe.transcript import safe_text

_HANDSHAKE = 22
_CERTIFICATE = 11


@dataclass(frozen=True)
class CertFindings:
    """What the second handshake saw. Names and issuer are safe to show (server text)."""

    names: tuple[str, ...]  # DNS names and IP addresses of the subjectAltName, else the subject's CN
    issuer: str  # the issuer's common name (or its whole name)
    subject: str
    not_before: str  # ISO 8601, UTC
    not_after: str
    chain_sent: int  # how many certificates the server sent (0: unknown)
    chain_known: bool  # the chain was read (TLS 1.2); else only the leaf is known
    self_signed: bool
    leaf_only: bool  # the server sent its own certificate and none that issued it
    issuer_in_store: bool  # the leaf's issuer is among the trusted CAs (system store + --ca-file)
    has_ca_issuers_url: bool  # the leaf names where its issuer can be fetched (AIA): a public-style chain
    # The certificate the dates are of when it is not the leaf: an intermediate the server sent that is out of
    # date while the leaf is not (its subject; "" when the dates are the leaf's).
    dated: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def certificates_in(records: bytes) -> list[bytes]:
    """The DER certificates of the first Certificate handshake message in raw TLS 1.2 `records` (RFC 5246
    §6.2.1 records, §7.4 handshake messages, §7.4.2 certificate_list); [] when there is none."""
    handshake = bytearray()
    pos = 0
    while pos + 5 <= len(records):
        kind, length = records[pos], int.from_bytes(records[pos + 3 : pos + 5], "big")
        fragment = records[pos + 5 : pos + 5 + length]
        pos += 5 + length
        if kind == _HANDSHAKE:
            handshake += fragment
        elif handshake:
            break  # ChangeCipherSpec or encrypted data: the plaintext handshake is over
    pos = 0
    while pos + 4 <= len(handshake):
        kind, length = handshake[pos], int.from_bytes(handshake[pos + 1 : pos + 4], "big")
        body = bytes(handshake[pos + 4 : pos + 4 + length])
        pos += 4 + length
        if kind != _CERTIFICATE:
            continue
        total = int.from_bytes(body[0:3], "big")
        certs, at = [], 3
        while at + 3 <= min(len(body), 3 + total):
            size = int.from_bytes(body[at : at + 3], "big")
            certs.append(body[at + 3 : at + 3 + size])
            at += 3 + size
        return certs
    return []


async def _reply(reader: asyncio.StreamReader) -> int:
    """One SMTP reply (all its lines); its code."""
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("closed")
        if line[3:4] != b"-":
            return int(line[:3]) if line[:3].isdigit() else 0


async def _handshake(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server_name: str, *, tls12: bool
) -> tuple[bytes, list[bytes]]:
    """A non-verifying handshake over the stream: (leaf DER, certificates read from the records)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # only to look: nothing is sent on this connection but the handshake
    if tls12:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname=server_name)
    seen = bytearray()
    while True:
        try:
            tls.do_handshake()
            break
        except ssl.SSLWantReadError:
            pending = outgoing.read()
            if pending:
                writer.write(pending)
                await writer.drain()
            chunk = await reader.read(65536)
            if not chunk:
                raise ConnectionError("closed during the handshake") from None
            seen += chunk
            incoming.write(chunk)
    return tls.getpeercert(binary_form=True) or b"", certificates_in(bytes(seen)) if tls12 else []


async def _sent_chain(
    address: str, port: int, server_name: str, starttls: bool, ehlo_name: str, *, tls12: bool
) -> tuple[bytes, list[bytes]]:
    reader, writer = await asyncio.open_connection(address, port)
    try:
        if starttls:
            if await _reply(reader) != 220:
                raise ConnectionError("no greeting")
            writer.write(f"EHLO {ehlo_name}\r\n".encode("ascii", "replace"))
            if await _reply(reader) != 250:
                raise ConnectionError("EHLO refused")
            writer.write(b"STARTTLS\r\n")
            if await _reply(reader) != 220:
                raise ConnectionError("STARTTLS refused")
        return await _handshake(reader, writer, server_name, tls12=tls12)
    finally:
        writer.close()


def _names(cert: x509.Certificate) -> tuple[str, ...]:
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        san = None
    if san is not None:
        found = [str(n) for n in san.get_values_for_type(x509.DNSName)]
        found += [str(n) for n in san.get_values_for_type(x509.IPAddress)]
        if found:
            return tuple(safe_text(n) for n in found)
    return tuple(safe_text(str(a.value)) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME))


def _short(name: x509.Name) -> str:
    common = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return safe_text(str(common[0].value) if common else name.rfc4514_string())


def _has_aia_issuer(cert: x509.Certificate) -> bool:
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return False
    return any(d.access_method == AuthorityInformationAccessOID.CA_ISSUERS for d in aia)


def trusted_subjects(context: ssl.SSLContext, ca_file: Path | None) -> set[bytes]:
    """The DER subject names of the CAs the verifying context trusts (loaded system store and `ca_file`)."""
    subjects = set()
    with warnings.catch_warnings():  # a store may hold an old root with a serial RFC 5280 forbids: still a root
        warnings.simplefilter("ignore")
        for der in context.get_ca_certs(binary_form=True):
            subjects.add(x509.load_der_x509_certificate(der).subject.public_bytes())
    if ca_file is not None:
        try:
            for cert in x509.load_pem_x509_certificates(ca_file.read_bytes()):
                subjects.add(cert.subject.public_bytes())
        except (OSError, ValueError):
            pass
    return subjects


def _out_of_date(cert: x509.Certificate, now: datetime) -> bool:
    return not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def findings(leaf_der: bytes, chain: list[bytes], trusted: set[bytes], chain_known: bool) -> CertFindings:
    leaf = x509.load_der_x509_certificate(leaf_der)
    sent = [x509.load_der_x509_certificate(der) for der in chain] or [leaf]
    sent_subjects = {c.subject.public_bytes() for c in sent}
    self_signed = leaf.issuer == leaf.subject
    issuer_sent = leaf.issuer.public_bytes() in sent_subjects and not self_signed
    # An expired intermediate fails the chain as an expired leaf does: its dates are the ones to report.
    now = datetime.now(UTC)
    others = [c for c in sent if c != leaf]
    dated = leaf if _out_of_date(leaf, now) else next((c for c in others if _out_of_date(c, now)), leaf)
    return CertFindings(
        names=_names(leaf),
        issuer=_short(leaf.issuer),
        subject=_short(leaf.subject),
        not_before=dated.not_valid_before_utc.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        not_after=dated.not_valid_after_utc.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        dated="" if dated is leaf else _short(dated.subject),
        chain_sent=len(chain),
        chain_known=chain_known,
        self_signed=self_signed,
        leaf_only=chain_known and not self_signed and not issuer_sent,
        issuer_in_store=leaf.issuer.public_bytes() in trusted,
        has_ca_issuers_url=_has_aia_issuer(leaf),
    )


async def inspect_certificate(
    address: str,
    port: int,
    server_name: str,
    *,
    starttls: bool,
    ehlo_name: str,
    context: ssl.SSLContext,
    ca_file: Path | None,
) -> CertFindings | None:
    """Look at the certificate of `address`:`port` (SNI `server_name`) without verifying it; None when the
    second handshake fails. The caller bounds the time (asyncio.timeout)."""
    for tls12 in (True, False):
        try:
            leaf, chain = await _sent_chain(address, port, server_name, starttls, ehlo_name, tls12=tls12)
        except (OSError, ssl.SSLError, ValueError):
            continue
        if not leaf:
            return None
        try:
            return findings(leaf, chain, trusted_subjects(context, ca_file), chain_known=bool(chain))
        except ValueError:  # a certificate cryptography cannot read
            return None
    return None
