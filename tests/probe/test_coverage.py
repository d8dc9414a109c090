"""A pass says what it covered and what it did not try, in every face (the flow's explanation feeds the GUI
and the terminal wizard; the CLI prints the same sentence): SPEC §12 rev 3."""

from __future__ import annotations

from wizard.core import i18n
from wizard.flow import testing as flow_testing
from wizard.probe.coverage import coverage_sentence
from wizard.probe.engine import run_probe


async def test_a_pass_without_a_password_says_no_login_was_tried_in_the_flow(smtp_server):
    server = smtp_server("plain", auth=False)
    request = server.request(secret=None)
    run = flow_testing.TestRun.start(request)
    run.finish(await run_probe(request))
    assert run.passed and run.report.covered == ["connect"]
    assert "no login tried (no password)" in run.explanation()[0]


async def test_the_coverage_sentence_is_german_in_german(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(send_to="friend@example.net"))
    assert report.covered == ["connect", "tls", "login", "mail"]
    i18n.set_language("de")
    assert coverage_sentence(report) == "Geprüft und bestanden: Verbindung, Verschlüsselung, Anmeldung, Testnachricht."


async def test_a_failed_run_claims_no_coverage_sentence(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(secret="wrong"))
    assert not report.ok and coverage_sentence(report) == "" and report.covered == ["connect", "tls"]
