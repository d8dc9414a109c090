"""A certificate that failed verification is looked at with a second handshake that verifies nothing and
sends no credentials (SPEC §12 rev 3): the names it holds, its issuer, its dates, whether the chain sent is
incomplete — and the advice follows the cause, in English and German. Real TLS servers on loopback with
trustme certificates (a root, an intermediate, leaves sent alone or with their chain)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme

from tests.support.loop_thread import LoopThread
from tests.support.scripted_server import Script, ScriptedServer
from tests.support.servers import PASSWORD
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.diagnosis import localized
from wizard.probe.engine import ProbeRequest, run_probe


@pytest.fixture(scope="module")
def chain_ca() -> tuple[trustme.CA, trustme.CA]:
    root = trustme.CA(organization_name="Test Root")
    return root, root.create_child_ca()


def _context(leaf: trustme.LeafCert, *, whole_chain: bool) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    if whole_chain:
        leaf.configure_cert(context)  # trustme sends the leaf and its intermediates
        return context
    folder = Path(__import__("tempfile").mkdtemp())
    (folder / "leaf.pem").write_bytes(leaf.cert_chain_pems[0].bytes())  # the leaf alone
    (folder / "key.pem").write_bytes(leaf.private_key_pem.bytes())
    context.load_cert_chain(folder / "leaf.pem", folder / "key.pem")
    return context


@pytest.fixture
def tls_server(server_loop: LoopThread) -> Iterator:
    started: list[ScriptedServer] = []

    def start(context: ssl.SSLContext, *, implicit: bool = False) -> ScriptedServer:
        server = ScriptedServer(server_loop, Script(starttls=not implicit, implicit_tls=implicit), context=context)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


async def _probe(server: ScriptedServer, host: str, ca_file: Path | None, *, implicit: bool = False):
    secret = Secret(PASSWORD)
    security = Security.SMTPS if implicit else Security.STARTTLS
    settings = Settings(user="me@example.org", host=host, port=465 if implicit else 587, security=security,
                        secret_source=SecretSource.NEW, secret=secret).validated()  # fmt: skip
    request = ProbeRequest(settings, secret, timeout=3, deadline=15, ca_file=ca_file,
                           connect_to=("127.0.0.1", server.port), ehlo_hostname="client.test")  # fmt: skip
    return await run_probe(request)


def _pem(tmp_path: Path, ca: trustme.CA, name: str = "ca.pem") -> Path:
    path = tmp_path / name
    ca.cert_pem.write_to_path(str(path))
    return path


def _never_sent_credentials(server: ScriptedServer) -> None:
    assert not [line for line in server.lines if line.upper().startswith("AUTH")]


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "smtps"])
async def test_a_name_mismatch_names_the_names_the_certificate_holds(
    tls_server, chain_ca, tmp_path: Path, implicit: bool
) -> None:
    root, _ = chain_ca
    leaf = root.issue_cert("mail.example.net", "smtp.example.net")
    server = tls_server(_context(leaf, whole_chain=True), implicit=implicit)
    report = await _probe(server, "localhost", _pem(tmp_path, root), implicit=implicit)
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_hostname_mismatch", "cert_names")
    assert "mail.example.net, smtp.example.net" in d.advice and "trust" not in d.advice.lower()
    assert report.tls.san == ["mail.example.net", "smtp.example.net"]
    assert "mail.example.net, smtp.example.net" in localized(d, "de").advice
    _never_sent_credentials(server)


async def test_a_wildcard_one_level_too_shallow_says_so(tls_server, chain_ca, tmp_path: Path) -> None:
    root, _ = chain_ca
    server = tls_server(_context(root.issue_cert("*.example.com"), whole_chain=True))
    report = await _probe(server, "smtp.mail.example.com", _pem(tmp_path, root))
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_hostname_mismatch", "cert_wildcard_depth")
    assert "*.example.com" in d.advice and "one name level" in d.advice and "trust" not in d.advice.lower()
    assert "Namensebene" in localized(d, "de").advice


def _public_style_pki(folder: Path) -> tuple[Path, Path, Path]:
    """Root → intermediate → leaf for localhost whose leaf names its issuer's address (AIA caIssuers), as
    public and company CAs issue them (trustme leaves carry no AIA). Returns (root PEM, leaf PEM, key PEM)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

    now = datetime.now(UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    def build(subject, issuer, key, signer, *, ca: bool, extra=()):  # type: ignore[no-untyped-def]
        builder = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )  # fmt: skip
        for extension in extra:
            builder = builder.add_extension(extension, critical=False)
        return builder.sign(signer, hashes.SHA256())

    root_key, int_key, leaf_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    root = build(name("Public-Style Root"), name("Public-Style Root"), root_key, root_key, ca=True)
    intermediate = build(name("Public-Style Intermediate"), root.subject, int_key, root_key, ca=True)
    aia = x509.AuthorityInformationAccess([x509.AccessDescription(
        AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier("http://pki.example.test/i.crt"))])
    san = x509.SubjectAlternativeName([x509.DNSName("localhost")])
    leaf = build(name("localhost"), intermediate.subject, leaf_key, int_key, ca=False, extra=(san, aia))
    paths = (folder / "root.pem", folder / "leaf.pem", folder / "leaf.key")
    paths[0].write_bytes(root.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(leaf_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                serialization.NoEncryption()))  # fmt: skip
    return paths


async def test_a_leaf_sent_alone_with_its_root_given_is_the_mail_servers_missing_intermediate(
    tls_server, tmp_path: Path
) -> None:
    root, leaf, key = _public_style_pki(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(leaf, key)  # the leaf alone, without its intermediate
    server = tls_server(context)
    report = await _probe(server, "localhost", root)
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_untrusted", "cert_chain_incomplete")
    assert "Public-Style Intermediate" in d.advice and "give the wizard" not in d.advice
    assert report.tls.chain_sent == 1 and report.tls.chain_incomplete is True
    assert "Zwischenzertifikat" in localized(d, "de").advice
    _never_sent_credentials(server)


async def test_a_trustme_leaf_sent_alone_with_the_root_given_names_both_fixes_and_not_the_ca_file(
    tls_server, chain_ca, tmp_path: Path
) -> None:
    root, intermediate = chain_ca
    server = tls_server(_context(intermediate.issue_cert("localhost"), whole_chain=False))
    report = await _probe(server, "localhost", _pem(tmp_path, root))
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_untrusted", "cert_issuer_not_sent_ca_given")
    assert "full chain" in d.advice and "give the wizard" not in d.advice
    assert report.tls.chain_incomplete is True


async def test_a_leaf_sent_alone_without_any_ca_given_names_both_fixes(tls_server, chain_ca) -> None:
    _, intermediate = chain_ca
    server = tls_server(_context(intermediate.issue_cert("mail.example.org"), whole_chain=False))
    report = await _probe(server, "mail.example.org", None)  # not a relay here (that is local_self_signed)
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_untrusted", "cert_issuer_not_sent")
    assert "full chain" in d.advice and "must trust it" in d.advice
    assert report.tls.chain_incomplete is True


async def test_the_whole_chain_from_an_unknown_root_is_an_unknown_ca(tls_server, chain_ca) -> None:
    _, intermediate = chain_ca
    server = tls_server(_context(intermediate.issue_cert("mail.example.org"), whole_chain=True))
    report = await _probe(server, "mail.example.org", None)
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_untrusted", "cert_unknown_ca")
    assert report.tls.chain_sent == 2 and report.tls.chain_incomplete is False
    assert "container image" in d.advice


async def test_a_whole_chain_from_another_ca_than_the_one_given_never_says_give_the_ca_file(
    tls_server, chain_ca, tmp_path: Path
) -> None:
    root, _ = chain_ca
    stranger = trustme.CA(organization_name="Stranger").create_child_ca()
    server = tls_server(_context(stranger.issue_cert("localhost"), whole_chain=True))
    report = await _probe(server, "localhost", _pem(tmp_path, root))
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_untrusted", "cert_other_ca")
    assert "give the wizard" not in d.advice and str(tmp_path / "ca.pem") in d.advice


async def test_an_expired_certificate_says_its_dates(tls_server, chain_ca, tmp_path: Path) -> None:
    root, _ = chain_ca
    now = datetime.now(UTC)
    leaf = root.issue_cert("localhost", not_before=now - timedelta(days=40), not_after=now - timedelta(days=2))
    server = tls_server(_context(leaf, whole_chain=True))
    report = await _probe(server, "localhost", _pem(tmp_path, root))
    d = report.diagnosis
    assert (d.code, d.advice_id) == ("cert_expired", "cert_dates")
    assert (now - timedelta(days=2)).strftime("%Y-%m-%d") in d.advice
