"""Certificate chains an adversarial walk tried (SPEC §12 rev 3, "certificates, looked at"), each served by a
real TLS server on loopback: an expired intermediate behind a valid leaf (its dates and name, not the leaf's
— found reporting the valid leaf's dates as "expired"), a chain sent in the wrong order (verified as the
server's library does: it passes), and an IPv6 literal as host, with and without the address in the
certificate. Credentials are never sent on a failed verification."""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer
from tests.support.servers import PASSWORD
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.diagnosis import localized
from wizard.probe.engine import ProbeRequest, run_probe

NOW = datetime.now(UTC)


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])


def _cert(subject: str, issuer: x509.Name, key, signer, *, ca: bool, san=None, days=(-1, 30)):  # type: ignore[no-untyped-def]
    builder = (
        x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(NOW + timedelta(days=days[0]))
        .not_valid_after(NOW + timedelta(days=days[1]))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )  # fmt: skip
    if san is not None:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(signer, hashes.SHA256())


class Pki:
    """A root, an intermediate (valid or expired) and a leaf key, written as PEM files under `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.root_key, self.inter_key, self.leaf_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
        self.root = _cert("Chain Test Root", _name("Chain Test Root"), self.root_key, self.root_key, ca=True)
        self.root_file = folder / "root.pem"
        self.root_file.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        (folder / "leaf.key").write_bytes(self.leaf_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))  # fmt: skip

    def intermediate(self, *, expired: bool = False) -> x509.Certificate:
        days = (-60, -3) if expired else (-1, 30)
        return _cert("Chain Test Intermediate", self.root.subject, self.inter_key, self.root_key, ca=True, days=days)

    def leaf(self, san: list[x509.GeneralName]) -> x509.Certificate:
        return _cert("leaf", _name("Chain Test Intermediate"), self.leaf_key, self.inter_key, ca=False, san=san)

    def context(self, chain: list[x509.Certificate]) -> ssl.SSLContext:
        path = self.folder / f"chain{len(list(self.folder.iterdir()))}.pem"
        path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(path, self.folder / "leaf.key")
        return context


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return Pki(tmp_path)


@pytest.fixture
def tls_server(server_loop: LoopThread) -> Iterator:
    started: list[ScriptedServer] = []

    def start(context: ssl.SSLContext) -> ScriptedServer:
        server = ScriptedServer(server_loop, Script(starttls=True), context=context)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


async def _probe(server: ScriptedServer, host: str, ca_file: Path):  # type: ignore[no-untyped-def]
    secret = Secret(PASSWORD)
    settings = Settings(user="me@example.org", host=host, port=587, security=Security.STARTTLS,
                        secret_source=SecretSource.NEW, secret=secret).validated()  # fmt: skip
    return await run_probe(ProbeRequest(settings, secret, timeout=3, deadline=15, ca_file=ca_file,
                                        connect_to=("127.0.0.1", server.port)))  # fmt: skip


def _auth_sent(server: ScriptedServer) -> bool:
    return any(line.upper().startswith("AUTH") for line in server.lines)


LOCALHOST = [x509.DNSName("localhost")]


async def test_an_expired_intermediate_behind_a_valid_leaf_names_the_intermediate_and_its_dates(pki, tls_server):
    server = tls_server(pki.context([pki.leaf(LOCALHOST), pki.intermediate(expired=True)]))
    report = await _probe(server, "localhost", pki.root_file)
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_expired", "cert_dates_intermediate")
    ended = (NOW - timedelta(days=3)).strftime("%Y-%m-%d")
    assert "“Chain Test Intermediate”" in d.advice and ended in d.advice
    assert (NOW + timedelta(days=30)).strftime("%Y-%m-%d") not in d.advice  # not the valid leaf's end
    german = localized(d, "de").advice
    assert "Zwischenzertifikat „Chain Test Intermediate“" in german and ended in german
    assert not _auth_sent(server)


async def test_an_expired_leaf_still_says_its_own_dates(pki, tls_server):
    leaf = _cert("leaf", _name("Chain Test Intermediate"), pki.leaf_key, pki.inter_key, ca=False, san=LOCALHOST,
                 days=(-40, -2))  # fmt: skip
    server = tls_server(pki.context([leaf, pki.intermediate()]))
    report = await _probe(server, "localhost", pki.root_file)
    assert (report.diagnosis.code, report.diagnosis.advice_id) == ("cert_expired", "cert_dates")
    assert (NOW - timedelta(days=2)).strftime("%Y-%m-%d") in report.diagnosis.advice


async def test_a_chain_sent_in_the_wrong_order_is_verified_and_passes(pki, tls_server):
    server = tls_server(pki.context([pki.leaf(LOCALHOST), pki.root, pki.intermediate()]))
    report = await _probe(server, "localhost", pki.root_file)
    assert report.ok and report.covered == ["connect", "tls", "login"]


async def test_an_ipv6_literal_host_passes_with_its_address_in_the_certificate(pki, tls_server):
    san = [x509.IPAddress(ipaddress.ip_address("::1"))]
    server = tls_server(pki.context([pki.leaf(san), pki.intermediate()]))
    report = await _probe(server, "::1", pki.root_file)
    assert report.ok


async def test_an_ipv6_literal_host_against_a_name_only_certificate_names_the_names_it_holds(pki, tls_server):
    server = tls_server(pki.context([pki.leaf(LOCALHOST), pki.intermediate()]))
    report = await _probe(server, "::1", pki.root_file)
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_hostname_mismatch", "cert_names")
    assert "localhost" in d.advice and "“::1”" in d.advice and "„::1“" in localized(d, "de").advice
    assert not _auth_sent(server)
