"""A failed name lookup says "no DNS / no network" — not "check the spelling" — when no name server answered,
or when the host is one the wizard itself suggests (a provider's own submission host): SPEC §12 rev 3.
The lookups go through the probe's resolver hook (the system's getaddrinfo cannot be pointed at a loopback
name server without editing system files); the errors are the ones getaddrinfo raises."""

from __future__ import annotations

import socket

import pytest

from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.diagnosis import localized
from wizard.probe.engine import ProbeRequest, run_probe


def _failing(errno: int, text: str):
    async def resolve(host: str, port: int):
        raise socket.gaierror(errno, text)

    return resolve


NO_ANSWER = (socket.EAI_AGAIN, "Temporary failure in name resolution")
NO_NAME = (socket.EAI_NONAME, "Name or service not known")


async def _probe(host: str, failure: tuple[int, str], *, suggested: bool = False):
    settings = Settings(user="me@example.org", host=host, port=465, security=Security.SMTPS,
                        secret_source=SecretSource.NONE).validated()  # fmt: skip
    resolver = _failing(*failure)
    request = ProbeRequest(settings, None, timeout=3, deadline=10, resolver=resolver, host_suggested=suggested)
    return await run_probe(request)


@pytest.mark.parametrize("host", ["smtp.gmail.com", "mail.example.org"])
async def test_no_name_server_answering_is_no_dns_whatever_the_host(host: str) -> None:
    report = await _probe(host, NO_ANSWER)
    diagnosis = report.diagnosis
    assert diagnosis.code == "dns_failed" and diagnosis.advice_id == "no_name_service"
    assert "check the spelling" not in (diagnosis.meaning + diagnosis.advice).lower()
    assert "no working DNS" in diagnosis.meaning
    assert "kein funktionierendes DNS" in localized(diagnosis, "de").meaning


async def test_a_providers_own_host_that_does_not_resolve_is_not_a_spelling_problem() -> None:
    report = await _probe("smtp.gmail.com", NO_NAME)
    assert report.diagnosis.advice_id == "no_name_service"


async def test_a_typed_host_the_name_server_does_not_know_keeps_the_spelling_advice() -> None:
    report = await _probe("smtp.exampel.org", NO_NAME)
    assert report.diagnosis.advice_id == "generic" and "spelling" in report.diagnosis.advice


async def test_a_host_the_wizard_suggested_that_does_not_resolve_is_not_a_spelling_problem() -> None:
    report = await _probe("smtp.example-guess.org", NO_NAME, suggested=True)  # e.g. discovery's smtp.<domain>
    assert report.diagnosis.advice_id == "no_name_service"
