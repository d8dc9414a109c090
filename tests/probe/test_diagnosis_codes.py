"""Every diagnosis code that can be produced on loopback, produced by a real server that behaves that way.
Where TLS was asked for, the server also confirms no credentials arrived before TLS."""

from __future__ import annotations

from tests.probe.conftest import code_of, failed_step
from tests.support.servers import LOGIN, PASSWORD, refused_port
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security
from wizard.probe.engine import run_probe
from wizard.probe.report import StepName

# The step timeout a silent server has to run out: each step before it (connect, TLS handshake, EHLO) must
# finish within it, which takes milliseconds alone but far longer on a loaded machine.
STEP_BEFORE_SILENCE = 2.0


async def test_connect_refused_when_nothing_listens(smtp_server):
    server = smtp_server("plain")
    settings = server.settings(port=refused_port())
    report = await run_probe(server.request(settings, secret=None, connect_to=None))
    assert code_of(report) == "connect_refused"
    assert failed_step(report) is StepName.CONNECT


async def test_connect_timeout_when_the_port_does_not_answer(backlogged_server):
    request = backlogged_server.request(secret=None, timeout=0.3)
    report = await run_probe(request)
    assert code_of(report) == "connect_timeout"
    assert failed_step(report) is StepName.CONNECT


async def test_greeting_timeout_on_a_silent_server(fault_server):
    server = fault_server("silent")
    report = await run_probe(server.request(secret=None, timeout=STEP_BEFORE_SILENCE))
    assert code_of(report) == "greeting_timeout"
    assert failed_step(report) is StepName.GREETING


async def test_greeting_timeout_on_a_silent_server_with_implicit_tls(fault_server):
    server = fault_server("silent")
    settings = server.settings(Security.SMTPS)
    report = await run_probe(server.request(settings, secret=None, timeout=STEP_BEFORE_SILENCE))
    assert code_of(report) == "greeting_timeout"
    assert server.auth_commands == []


async def test_wrong_mode_when_implicit_tls_meets_a_plaintext_port(smtp_server):
    server = smtp_server("starttls")  # greets in plaintext
    settings = server.settings(Security.SMTPS, secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings))
    assert code_of(report) == "tls_wrong_mode"
    assert failed_step(report) is StepName.TLS
    assert report.diagnosis.advice_id == "wrong_mode_plain_port"
    assert server.auth_commands == []


async def test_wrong_mode_when_starttls_meets_an_implicit_tls_port(smtp_server):
    server = smtp_server("smtps")
    settings = server.settings(Security.STARTTLS, port=server.port, secret_source=SecretSource.NEW,
                               secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings, timeout=STEP_BEFORE_SILENCE))
    assert code_of(report) == "tls_wrong_mode"
    assert failed_step(report) is StepName.GREETING
    assert report.diagnosis.advice_id == "wrong_mode_tls_port"
    assert server.auth_commands == []


async def test_starttls_unavailable_sends_no_credentials(smtp_server):
    server = smtp_server("plain")  # offers AUTH in plaintext, but no STARTTLS
    settings = server.settings(Security.STARTTLS, secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings))
    assert code_of(report) == "starttls_unavailable"
    assert failed_step(report) is StepName.STARTTLS
    assert server.auth_commands == []
    assert server.auth_attempts == []


async def test_tls_handshake_failed_when_starttls_is_answered_with_garbage(fault_server):
    server = fault_server("starttls_junk")
    settings = server.settings(Security.STARTTLS, secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings))
    assert code_of(report) == "tls_handshake_failed"
    assert failed_step(report) is StepName.STARTTLS
    assert not server.auth_before_tls


async def test_cert_untrusted_for_an_unknown_ca_with_starttls(smtp_server):
    server = smtp_server("starttls", cert="unknown_ca")
    report = await run_probe(server.request())
    assert code_of(report) == "cert_untrusted"
    assert failed_step(report) is StepName.STARTTLS
    assert server.auth_commands == []


async def test_cert_untrusted_for_an_unknown_ca_with_implicit_tls(smtp_server):
    server = smtp_server("smtps", cert="unknown_ca")
    report = await run_probe(server.request())
    assert code_of(report) == "cert_untrusted"
    assert failed_step(report) is StepName.TLS
    # A CA file was given (the test CA), and another CA signed this one: never "give the wizard the CA file".
    assert report.diagnosis.advice_id == "cert_issuer_not_sent_ca_given"
    assert server.auth_commands == []


async def test_cert_untrusted_of_a_local_relay_without_a_ca_file_advises_trusting_its_ca(smtp_server):
    server = smtp_server("smtps", cert="unknown_ca")
    report = await run_probe(server.request(ca_file=None))
    assert code_of(report) == "cert_untrusted" and report.diagnosis.advice_id == "local_self_signed"
    assert server.auth_commands == []


async def test_cert_untrusted_without_the_extra_ca(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(ca_file=None))
    assert code_of(report) == "cert_untrusted"
    assert server.auth_commands == []


async def test_cert_hostname_mismatch_with_starttls(smtp_server):
    server = smtp_server("starttls", cert="wrong_host")
    report = await run_probe(server.request())
    assert code_of(report) == "cert_hostname_mismatch"
    assert server.auth_commands == []


async def test_cert_hostname_mismatch_with_implicit_tls(smtp_server):
    server = smtp_server("smtps", cert="wrong_host")
    report = await run_probe(server.request())
    assert code_of(report) == "cert_hostname_mismatch"
    assert server.auth_commands == []


async def test_cert_expired_with_starttls(smtp_server):
    server = smtp_server("starttls", cert="expired")
    report = await run_probe(server.request())
    assert code_of(report) == "cert_expired"
    assert server.auth_commands == []


async def test_cert_expired_with_implicit_tls(smtp_server):
    server = smtp_server("smtps", cert="expired")
    report = await run_probe(server.request())
    assert code_of(report) == "cert_expired"
    assert server.auth_commands == []


async def test_auth_failed_on_a_wrong_password_after_tls(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(secret="wrong password"))
    assert code_of(report) == "auth_failed"
    assert failed_step(report) is StepName.AUTH
    assert report.diagnosis.server_reply.startswith("535")
    assert [a.success for a in server.auth_attempts] == [False]
    assert not server.auth_before_tls


async def test_auth_failed_over_login_mechanism_with_implicit_tls(smtp_server):
    server = smtp_server("smtps", mechanisms=("LOGIN",))
    report = await run_probe(server.request(secret="wrong password"))
    assert code_of(report) == "auth_failed"
    assert [a.mechanism for a in server.auth_attempts] == ["LOGIN"]
    assert not server.auth_before_tls


async def test_auth_unavailable_when_no_mechanism_is_offered(smtp_server):
    server = smtp_server("starttls", auth=False)
    report = await run_probe(server.request())
    assert code_of(report) == "auth_unavailable"
    assert failed_step(report) is StepName.AUTH
    assert server.auth_commands == []


async def test_auth_unavailable_for_plaintext_to_a_non_loopback_host(smtp_server):
    server = smtp_server("plain")
    settings = server.settings(host="relay.example.net", secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings))
    assert code_of(report) == "auth_unavailable"
    assert report.diagnosis.advice_id == "plaintext_auth"
    assert server.auth_commands == []


async def test_plaintext_auth_to_a_non_loopback_host_goes_ahead_when_allowed(smtp_server):
    server = smtp_server("plain")
    settings = server.settings(host="relay.example.net", secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings, allow_plaintext_auth=True))
    assert report.ok
    assert [a.success for a in server.auth_attempts] == [True]


async def test_auth_required_when_the_server_answers_530_without_a_secret(smtp_server):
    server = smtp_server("starttls", require_auth=True)
    report = await run_probe(server.request(secret=None, send_to=LOGIN))
    assert code_of(report) == "auth_required"
    assert failed_step(report) is StepName.MAIL_FROM
    assert server.auth_commands == []


async def test_sender_rejected_on_553(smtp_server):
    server = smtp_server("starttls", mail_reply="553 5.7.1 Sender address rejected: not owned by user")
    report = await run_probe(server.request(send_to=LOGIN))
    assert code_of(report) == "sender_rejected"
    assert report.diagnosis.server_reply.startswith("553 5.7.1")
    assert not server.auth_before_tls


async def test_sender_rejected_for_a_login_that_is_not_an_address_says_the_server_sends_as_that_login(
    smtp_server,
):
    server = smtp_server("starttls", mail_reply="553 5.7.1 Sender address rejected")
    settings = server.settings(user="apikey")
    report = await run_probe(server.request(settings, secret=None, send_to=LOGIN))
    assert any(line.endswith("MAIL FROM:<apikey>") for line in report.transcript)
    assert report.diagnosis.advice_id == "login_not_address"
    assert "apikey" in report.diagnosis.advice


async def test_recipient_rejected_on_550(smtp_server):
    server = smtp_server("starttls", rcpt_reply="550 5.1.1 No such user")
    report = await run_probe(server.request(send_to="nobody@example.com"))
    assert code_of(report) == "recipient_rejected"
    assert failed_step(report) is StepName.RCPT_TO
    assert not server.auth_before_tls


async def test_message_rejected_on_554_after_data(smtp_server):
    server = smtp_server("smtps", data_reply="554 5.7.1 Message rejected as spam")
    report = await run_probe(server.request(send_to=LOGIN))
    assert code_of(report) == "message_rejected"
    assert failed_step(report) is StepName.DATA
    assert not server.auth_before_tls


async def test_server_unavailable_on_a_421_greeting(fault_server):
    server = fault_server("greeting_421")
    report = await run_probe(server.request(secret=None))
    assert code_of(report) == "server_unavailable"
    assert report.diagnosis.server_reply.startswith("421")


async def test_temporary_failure_on_451_greylisting(smtp_server):
    server = smtp_server("starttls", rcpt_reply="451 4.7.1 Greylisted, please try again later")
    report = await run_probe(server.request(send_to=LOGIN))
    assert code_of(report) == "temporary_failure"
    assert failed_step(report) is StepName.RCPT_TO
    assert not server.auth_before_tls


async def test_connection_lost_when_the_server_closes_after_the_banner(fault_server):
    server = fault_server("close_after_banner")
    report = await run_probe(server.request(secret=None))
    assert code_of(report) == "connection_lost"
    assert failed_step(report) is StepName.EHLO


async def test_connection_lost_when_the_server_stops_answering(fault_server):
    server = fault_server("quiet_after_ehlo")
    report = await run_probe(server.request(secret=None, send_to=LOGIN, timeout=STEP_BEFORE_SILENCE))
    assert code_of(report) == "connection_lost"
    assert failed_step(report) is StepName.MAIL_FROM


async def test_unexpected_for_a_server_that_does_not_speak_smtp(fault_server):
    server = fault_server("malformed_greeting")
    report = await run_probe(server.request(secret=None))
    assert code_of(report) == "unexpected"


async def test_whole_probe_deadline_cuts_a_slow_step(fault_server):
    server = fault_server("silent")
    report = await run_probe(server.request(secret=None, timeout=30, deadline=0.3))
    assert code_of(report) == "greeting_timeout"
    assert report.steps[2].ms < 5000


async def test_greeting_timeout_after_a_completed_implicit_tls_handshake(fault_server):
    server = fault_server("silent", tls=True)
    report = await run_probe(server.request(secret=None, timeout=STEP_BEFORE_SILENCE))
    assert code_of(report) == "greeting_timeout"
    assert failed_step(report) is StepName.GREETING
    assert report.steps[2].name is StepName.TLS and report.steps[2].status.value == "ok"


async def test_connection_lost_when_an_implicit_tls_server_hangs_up_after_greeting(fault_server):
    server = fault_server("close_after_banner", tls=True)
    report = await run_probe(server.request(secret=None))
    assert code_of(report) == "connection_lost"
    assert not server.auth_before_tls
