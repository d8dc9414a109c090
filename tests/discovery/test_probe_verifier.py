"""The default verifier: the real probe engine, connection only, redirected to local servers (connect_to)."""

from __future__ import annotations

import socket
from pathlib import Path

import trustme

from tests.discovery.local_smtp import LocalServers
from wizard.core.settings import Security
from wizard.discovery import Source, discover
from wizard.discovery.discover import guess_candidates
from wizard.discovery.verify import probe_verifier

ADDRESS = "alice@example.com"


def _closed_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _everything_refused() -> dict[tuple[str, int], tuple[str, int]]:
    """Every guess goes to a closed local port unless a test routes it elsewhere: nothing leaves 127.0.0.1."""
    closed = ("127.0.0.1", _closed_tcp_port())
    return {(c.host, c.port): closed for c in guess_candidates("example.com", ADDRESS)}


def _ca_file(ca: trustme.CA, tmp_path: Path) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


async def test_probe_verifier_confirms_implicit_tls_and_starttls_servers(
    servers: LocalServers, ca: trustme.CA, tmp_path: Path
) -> None:
    routes = _everything_refused()
    routes[("smtp.example.com", 465)] = ("127.0.0.1", await servers.implicit_tls())
    routes[("mail.example.com", 587)] = ("127.0.0.1", await servers.starttls())
    verify = probe_verifier(ADDRESS, timeout=5, connect_to=routes, ca_file=_ca_file(ca, tmp_path))
    found = await discover(ADDRESS, use_dns=False, verify=verify, deadline=8)
    assert [(c.host, c.port, c.security, c.source, c.verified) for c in found] == [
        ("smtp.example.com", 465, Security.SMTPS, Source.GUESS, True),
        ("mail.example.com", 587, Security.STARTTLS, Source.GUESS, True),
    ]


async def test_probe_verifier_rejects_plaintext_server_on_implicit_tls_port(
    servers: LocalServers, ca: trustme.CA, tmp_path: Path
) -> None:
    routes = _everything_refused()
    routes[("smtp.example.com", 465)] = ("127.0.0.1", await servers.plaintext())
    verify = probe_verifier(ADDRESS, timeout=2, connect_to=routes, ca_file=_ca_file(ca, tmp_path))
    assert await discover(ADDRESS, use_dns=False, verify=verify, deadline=5) == []


async def test_probe_verifier_rejects_certificate_from_unknown_ca(servers: LocalServers) -> None:
    routes = _everything_refused()
    routes[("smtp.example.com", 465)] = ("127.0.0.1", await servers.implicit_tls())
    verify = probe_verifier(ADDRESS, timeout=2, connect_to=routes)  # the test CA is not trusted
    assert await discover(ADDRESS, use_dns=False, verify=verify, deadline=5) == []
