"""The demo mail server's TLS identity, made when the demo starts and trusted only by that run's probe.

A throw-away certificate authority signs a certificate for 127.0.0.1 and localhost; the authority's
certificate is written into the demo's scratch folder and handed to the probe as its extra CA file (the
`ca_file` of the flow), never added to any system store, and deleted with the folder. Imported by
`wizard.demo.serving` when the demo server starts (ssl and cryptography are not needed before).
Elliptic-curve keys (P-256): made in about a millisecond. RFC 5280 profile (basicConstraints, keyUsage, subjectAltName).
"""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

VALID_FOR = datetime.timedelta(days=1)  # the run is over long before


def make_server_context(ca_file: Path) -> ssl.SSLContext:
    """Make the authority and the server certificate; write the authority's certificate to `ca_file`;
    return the server's TLS context (for STARTTLS). The key passes through a private file in `ca_file`'s
    folder, removed at once. Raises OSError if the folder is not writable."""
    now = datetime.datetime.now(datetime.UTC)
    start, end = now - datetime.timedelta(minutes=5), now + VALID_FOR
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SMTP Setup Wizard demo CA (this run only)")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_file.write_bytes(ca_cert.public_bytes(pem))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    # ssl loads a key only from a file: a private one in the scratch folder, removed at once
    with tempfile.NamedTemporaryFile(dir=ca_file.parent, suffix=".pem") as chain:
        chain.write(
            key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
            + cert.public_bytes(pem)
        )
        chain.flush()
        context.load_cert_chain(chain.name)
    return context
