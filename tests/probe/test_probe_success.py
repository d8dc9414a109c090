"""A passing probe along each route: the steps it takes, the facts it reports, the mail that arrives."""

from __future__ import annotations

import hashlib
import ssl

import pytest

from tests.support.servers import LOGIN, PASSWORD
from wizard.core import i18n
from wizard.core.errors import FileProblem
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource
from wizard.probe.engine import run_probe
from wizard.probe.report import Step, StepName, StepStatus


@pytest.mark.parametrize("mode", ["plain", "starttls", "smtps"])
async def test_test_send_delivers_a_message_in_every_mode(smtp_server, mode):
    server = smtp_server(mode)
    report = await run_probe(server.request(send_to="postmaster@example.com"))
    assert report.ok, report.diagnosis
    assert [(m.mail_from, m.rcpt_tos) for m in server.messages] == [(LOGIN, ["postmaster@example.com"])]
    assert server.messages[0].login == LOGIN


async def test_delivered_message_carries_the_expected_headers(smtp_server):
    server = smtp_server("starttls")
    settings = server.settings(secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings, send_to="ops@example.com"))
    message = server.messages[0].message
    assert str(message["From"]) == LOGIN  # the server sends as `user`, with no display name
    assert server.messages[0].mail_from == LOGIN
    assert message["To"] == "ops@example.com"
    assert message["Message-ID"] == report.message_id
    assert message["Date"].datetime is not None
    assert "test message" in message["Subject"]
    assert "127.0.0.1" in message.get_content()


async def test_recipient_defaults_to_user_when_sending_to_user(smtp_server):
    server = smtp_server("smtps")
    await run_probe(server.request(send_to=LOGIN))
    assert server.messages[0].rcpt_tos == [LOGIN]


async def test_message_arrives_only_inside_tls_when_tls_was_chosen(smtp_server):
    server = smtp_server("starttls")
    await run_probe(server.request(send_to=LOGIN))
    assert server.messages[0].tls
    assert [a.tls for a in server.auth_attempts] == [True]
    assert not server.auth_before_tls


async def test_connection_only_check_stops_after_auth(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request())
    assert report.ok
    assert [s.name for s in report.steps] == [
        StepName.RESOLVE, StepName.CONNECT, StepName.GREETING, StepName.EHLO, StepName.STARTTLS,
        StepName.EHLO_TLS, StepName.AUTH, StepName.QUIT,
    ]
    assert server.messages == []
    assert [a.success for a in server.auth_attempts] == [True]


async def test_login_mechanism_is_used_when_plain_is_not_offered(smtp_server):
    server = smtp_server("starttls", mechanisms=("LOGIN",))
    report = await run_probe(server.request())
    assert report.ok
    assert [(a.mechanism, a.success) for a in server.auth_attempts] == [("LOGIN", True)]


async def test_without_a_secret_no_auth_is_attempted(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request(secret=None, send_to=LOGIN))
    assert report.ok
    assert StepName.AUTH not in [s.name for s in report.steps]
    assert server.auth_commands == []


async def test_every_step_reports_running_then_its_outcome(smtp_server):
    server = smtp_server("smtps")
    seen: list[Step] = []
    report = await run_probe(server.request(send_to=LOGIN), on_step=seen.append)
    for step in report.steps:
        states = [s.status for s in seen if s.name is step.name]
        if step.name is StepName.GREETING:  # arrives with the implicit-TLS handshake: reported once
            assert states == [StepStatus.OK]
        else:
            assert states == [StepStatus.RUNNING, StepStatus.OK], step.name


async def test_tls_facts_describe_the_servers_certificate(smtp_server, tls_material):
    server = smtp_server("smtps")
    report = await run_probe(server.request())
    leaf_der = ssl.PEM_cert_to_DER_cert(tls_material.leaf_pem("trusted"))
    assert report.tls is not None
    assert report.tls.version.startswith("TLSv1.")
    assert report.tls.cipher
    assert "Testing CA" in report.tls.issuer
    assert report.tls.not_after.startswith("3000-")
    assert report.tls.sha256 == ":".join(f"{b:02X}" for b in hashlib.sha256(leaf_der).digest())
    assert "IP Address:127.0.0.1" in report.tls.san


async def test_server_facts_list_greeting_and_capabilities(smtp_server):
    server = smtp_server("starttls")
    report = await run_probe(server.request())
    assert report.server.greeting.startswith("smtp.test")
    assert report.server.ehlo_name == "smtp.test"
    assert report.server.auth_mechanisms == ["LOGIN", "PLAIN"]  # as offered inside TLS
    assert report.server.max_size == 33554432
    assert report.server.address == "127.0.0.1"


async def test_probes_in_a_row_on_one_loop_reuse_no_busy_descriptor(smtp_server):
    # A TLS transport closes its socket only after its own shutdown; closing the descriptor under it made the
    # next connection on the same loop fail with "File descriptor ... is used by transport".
    server = smtp_server("starttls")
    reports = [await run_probe(server.request(send_to=LOGIN)) for _ in range(4)]
    assert [r.ok for r in reports] == [True] * 4
    assert len(server.messages) == 4


async def test_a_host_name_is_resolved_and_each_address_tried(smtp_server):
    # "localhost" may resolve to ::1 first, where nothing listens: the probe moves on to 127.0.0.1.
    server = smtp_server("starttls")
    settings = server.settings(host="localhost", secret_source=SecretSource.NEW, secret=Secret(PASSWORD))
    report = await run_probe(server.request(settings, connect_to=None))
    assert report.ok, report.diagnosis
    assert report.server.address == "127.0.0.1"
    assert "DNS:localhost" in report.tls.san


async def test_ssl_cert_file_from_the_environment_is_trusted(smtp_server, monkeypatch):
    server = smtp_server("smtps")
    monkeypatch.setenv("SSL_CERT_FILE", str(server.ca_file))
    report = await run_probe(server.request(ca_file=None))
    assert report.ok, report.diagnosis


async def test_an_unreadable_ca_file_is_a_file_problem_before_connecting(smtp_server, tmp_path):
    server = smtp_server("starttls")
    broken = tmp_path / "ca.pem"
    broken.write_text("not a certificate")
    with pytest.raises(FileProblem) as caught:
        await run_probe(server.request(ca_file=broken))
    assert caught.value.path == broken
    assert server.connections == 0


async def test_a_failing_step_callback_does_not_break_the_probe(smtp_server):
    server = smtp_server("plain")

    def broken_callback(step: Step) -> None:
        raise RuntimeError("GUI bug")

    report = await run_probe(server.request(send_to=LOGIN), on_step=broken_callback)
    assert report.ok
    assert len(server.messages) == 1


async def test_the_diagnosis_follows_the_current_language(smtp_server):
    server = smtp_server("starttls")
    i18n.set_language("de")
    report = await run_probe(server.request(secret="falsch"))
    assert report.diagnosis.title == "Anmeldung abgelehnt"


async def test_ehlo_names_this_machine_when_no_name_is_given(smtp_server):
    server = smtp_server("plain")
    report = await run_probe(server.request(ehlo_hostname=None))
    assert report.ok
    ehlo = next(line for line in report.transcript if line.startswith("C: EHLO "))
    assert len(ehlo.split()) == 3 and ehlo.split()[2] != "client.test"
