"""How a suggestion is checked: an injected `verify(candidate) -> bool`; by default the probe engine in
connection-only mode (TCP, TLS handshake against the trust store, greeting, EHLO — no credentials)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from wizard.core.settings import Settings
from wizard.discovery.candidate import Candidate

log = logging.getLogger(__name__)

Verify = Callable[[Candidate], Awaitable[bool]]
Endpoint = tuple[str, int]

VERIFY_TIMEOUT = 6.0  # seconds for one candidate; discovery's own deadline bounds them all anyway


def probe_verifier(
    address: str,
    *,
    timeout: float = VERIFY_TIMEOUT,
    connect_to: Mapping[Endpoint, Endpoint] | None = None,
    ca_file: Path | None = None,
) -> Verify:
    """A verifier that runs the real probe along the route the server would take for each candidate.

    `connect_to` sends the connection for a (host, port) elsewhere while keeping the host name for TLS
    (like curl --connect-to): for tests and the demo server, whose ports cannot be 465/587."""
    redirects = dict(connect_to or {})

    async def verify(candidate: Candidate) -> bool:
        # lazy: the table and DNS work without the probe (aiosmtplib)
        from wizard.probe.engine import ProbeRequest, run_probe

        settings = Settings(
            user=candidate.login or address,
            host=candidate.host,
            port=candidate.port,
            security=candidate.security,
        ).validated()
        request = ProbeRequest(
            settings=settings,
            secret=None,  # connection only: never any credentials while discovering
            send_to=None,
            timeout=timeout,
            deadline=timeout,
            ca_file=ca_file,
            connect_to=redirects.get((candidate.host, candidate.port)),
        )
        report = await run_probe(request)
        return report.ok

    return verify


async def checked(verify: Verify, candidate: Candidate) -> bool:
    """`verify(candidate)`, where any failure of the verifier itself counts as "did not answer"."""
    try:
        return bool(await verify(candidate))
    except Exception as exc:  # a verifier bug or an unexpected network error: one candidate lost, not all
        log.debug("verifying %s:%s failed: %r", candidate.host, candidate.port, exc)
        return False
