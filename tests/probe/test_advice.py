"""One fitting piece of advice (SPEC §4 rev 2): the server's reply first, then the provider of the host (every
entry of the provider table, by submission host or MX), then the generic text; never a circle, never a hint
that does not belong to the failure."""

from __future__ import annotations

import pytest

from tests.probe.conftest import code_of
from wizard.core.i18n import tr
from wizard.core.providers import providers
from wizard.core.settings import Security
from wizard.probe.advice import Context, choose_advice
from wizard.probe.diagnosis import describe
from wizard.probe.engine import run_probe
from wizard.probe.report import DiagnosisCode, StepName

C = DiagnosisCode


def ctx(host: str, login: str = "me@example.org", **facts) -> Context:
    return Context(host=host, port=587, security=Security.STARTTLS, sender=login, login=login, **facts)


async def test_no_login_offered_after_starttls_points_to_an_mx_or_a_relay_not_to_encryption(smtp_server):
    server = smtp_server("starttls", auth=False)
    report = await run_probe(server.request())
    assert code_of(report) == "auth_unavailable"
    assert report.diagnosis.advice_id == "no_auth_after_tls"
    assert "MX" in report.diagnosis.advice
    assert "Choose STARTTLS" not in report.diagnosis.advice and "Choose an encrypted" not in report.diagnosis.advice


def test_no_login_offered_on_an_unencrypted_connection_advises_encryption():
    advice = choose_advice(C.AUTH_UNAVAILABLE, ctx("mail.example.org", encrypted=False, auth_offered=()))
    assert advice.id == "auth_needs_tls"


def test_a_provider_mx_host_is_named_with_its_submission_server():
    facts = ctx("example-com.mail.protection.outlook.com", encrypted=True, auth_offered=())
    diagnosis = describe(C.AUTH_UNAVAILABLE, facts)
    assert diagnosis.advice_id == "mx_not_submission"
    assert "smtp.office365.com" in diagnosis.advice and "587" in diagnosis.advice


def test_only_oauth_offered_names_the_mechanisms_and_the_cause():
    diagnosis = describe(C.AUTH_UNAVAILABLE, ctx("mail.example.org", encrypted=True, auth_offered=("XOAUTH2",)))
    assert diagnosis.advice_id == "auth_mechanism_unsupported" and "XOAUTH2" in diagnosis.advice


def test_personal_outlook_and_microsoft_365_get_different_advice():
    personal = choose_advice(C.AUTH_FAILED, ctx("smtp-mail.outlook.com", "someone@hotmail.com"))
    personal_on_365_host = choose_advice(C.AUTH_FAILED, ctx("smtp.office365.com", "someone@outlook.com"))
    work = choose_advice(C.AUTH_FAILED, ctx("smtp.office365.com", "me@contoso.com"))
    assert personal.id == personal_on_365_host.id == "ms_personal_password_login_ended"
    assert work.id == "provider.microsoft365"


@pytest.mark.parametrize("provider", providers(), ids=lambda p: p.id)
def test_every_provider_of_the_table_advises_on_a_failed_login(provider):
    advice = choose_advice(C.AUTH_FAILED, ctx(provider.host))
    if provider.id == "outlook":
        assert advice.id == "ms_personal_password_login_ended"
    else:
        assert advice.id == f"provider.{provider.id}" and advice.message_id == provider.hint
        assert tr(advice.message_id)


def test_a_provider_is_also_known_by_its_mx_pattern():
    advice = choose_advice(C.AUTH_REQUIRED, ctx("alt1.gmail-smtp-in.l.google.com", encrypted=True))
    assert advice.id == "mx_not_submission" and advice.params["submission_host"] == "smtp.gmail.com"


@pytest.mark.parametrize("code", [C.CONNECT_REFUSED, C.RECIPIENT_REJECTED, C.CERT_EXPIRED, C.TEMPORARY_FAILURE])
def test_provider_login_hints_are_not_attached_to_unrelated_failures(code):
    advice = choose_advice(code, ctx("smtp.gmail.com", "me@gmail.com"))
    assert advice.tier == "generic" and not advice.id.startswith("provider.")


def test_the_servers_reply_outranks_the_provider():
    facts = ctx("smtp.gmail.com", "me@gmail.com", reply_code=530, reply="5.7.0 Must issue a STARTTLS command first",
                step=StepName.AUTH)
    advice = choose_advice(C.AUTH_FAILED, facts)
    assert advice.id == "starttls_first" and advice.code is C.AUTH_UNAVAILABLE


def test_must_issue_starttls_is_never_advised_on_an_encrypted_connection():
    facts = ctx("mail.example.org", reply_code=530, reply="5.7.0 Must issue a STARTTLS command first",
                encrypted=True, step=StepName.AUTH)
    assert choose_advice(C.AUTH_FAILED, facts).id != "starttls_first"


def test_an_unverified_ses_sender_with_an_address_login_is_sent_to_the_ses_console():
    facts = ctx("email-smtp.eu-central-1.amazonaws.com", "me@example.org", reply_code=554,
                reply="Message rejected: Email address is not verified. The following identities failed the check "
                      "in region EU-CENTRAL-1: me@example.org", recipient="friend@example.net")
    assert choose_advice(C.MESSAGE_REJECTED, facts).id == "ses_identity_unverified"


def test_a_timeout_at_the_deadline_advises_about_a_slow_server_and_names_the_step():
    facts = ctx("mail.example.org", step=StepName.RCPT_TO, timed_out=True, by_deadline=True, seconds=1.5)
    diagnosis = describe(C.CONNECTION_LOST, facts)
    assert diagnosis.advice_id == "slow_server" and tr("step.rcpt_to") in diagnosis.advice
    assert diagnosis.title == tr("diagnosis.timeout.title")
