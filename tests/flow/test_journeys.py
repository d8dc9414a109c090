"""Whole journeys through the flow alone, against real loopback servers and real files."""

from __future__ import annotations

import asyncio
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.flow.conftest import PROVIDER_ADDRESS, PROVIDER_HOST
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from wizard.core import dotenv, i18n
from wizard.core.env_file import read_env
from wizard.demo.environment import DemoEnvironment
from wizard.flow import Flow, PageId
from wizard.probe.report import DiagnosisCode

EXISTING = """\
# my server
domain = "https://bom.example.org"

[smtp]
user = "{user}"
endpoint = "smtp://127.0.0.1:{port}?tls=required"
secret = "${{MAIL_PASSWORD}}"
"""


def existing_setup(folder: Path, port: int, secret: str = PASSWORD) -> Path:
    config = folder / "config.toml"
    config.write_text(EXISTING.format(user=LOGIN, port=port))
    env = folder / ".env"
    env.write_text(dotenv.set_variable("OTHER=1\n", "MAIL_PASSWORD", secret).text)
    env.chmod(0o600)
    return config


async def test_demo_end_to_end_on_the_quick_path_writes_and_shows_the_mail() -> None:
    demo = DemoEnvironment()
    try:
        await demo.start()
        flow = Flow(demo.config_path, demo=demo)
        assert any(str(demo.folder) in m.text for m in flow.messages())
        assert flow.advance() is PageId.ACCOUNT
        # the demo server wants STARTTLS and a login, as a provider does: both filled in
        assert (flow.answers.user, flow.answers.security, flow.answers.relay) == (demo.server.login, "starttls", False)
        assert flow.answers.secret == demo.password
        assert flow.advance() is PageId.TEST
        report = await flow.run_test()
        assert report is not None and report.ok, report
        assert flow.advance() is PageId.SUMMARY
        endpoint = f"smtp://127.0.0.1:{demo.server.port}?tls=required"
        summary = flow.summary()
        assert summary is not None and endpoint in summary.diff
        assert flow.advance() is PageId.DONE
        done = flow.done()
        assert demo.config_path in done.written and "Subject:" in done.demo_mail and done.temporary
        smtp = tomllib.loads(demo.config_path.read_text())["smtp"]
        assert smtp["endpoint"] == endpoint
    finally:
        demo.close()


async def test_existing_config_prefills_and_keeps_the_secret_unseen_and_unwritten(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port)
    env_before = (tmp_path / ".env").read_bytes()
    flow = Flow(config, ca_file=server.ca_file)
    assert any(LOGIN in m.text for m in flow.messages())
    flow.advance()
    assert flow.answers.user == LOGIN
    secret_question = next(q for q in flow.questions() if q.name == "secret")
    assert secret_question.value == "" and "keep" in secret_question.placeholder
    assert flow.advance() is PageId.TEST
    assert (flow.answers.host, flow.answers.port, flow.answers.security) == ("127.0.0.1", str(server.port), "starttls")
    assert flow.answers.secret_source == "keep" and flow.answers.secret_var == "MAIL_PASSWORD"
    report = await flow.run_test()
    assert report is not None and report.ok, report.to_json() if report else None
    flow.advance()
    summary = flow.summary()
    assert summary is not None and "keeps MAIL_PASSWORD" in summary.env_text
    flow.advance()
    assert (tmp_path / ".env").read_bytes() == env_before
    assert 'secret = "${MAIL_PASSWORD}"' in config.read_text()
    assert PASSWORD not in repr(flow.answers)


def test_an_existing_relay_is_prefilled_without_changing_its_port(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://localhost:2500"\n')
    flow = Flow(config, quick=False)
    flow.advance()
    flow.advance()
    assert flow.page is PageId.SERVER
    assert (flow.answers.host, flow.answers.port, flow.answers.relay) == ("localhost", "2500", True)
    assert flow.advance() is PageId.SECRET and flow.answers.secret_source == "none"


async def test_a_failed_test_names_its_fix_and_the_link_opens_the_page_holding_the_value(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port, secret="wrong password")
    before = config.read_bytes()
    flow = Flow(config, ca_file=server.ca_file)
    flow.advance()
    flow.advance()
    report = await flow.run_test()
    assert report is not None and report.diagnosis is not None
    assert report.diagnosis.code is DiagnosisCode.AUTH_FAILED
    assert flow.test is not None and flow.test.fix is not None and flow.test.fix[0] is PageId.SECRET
    assert not flow.can_advance()  # no passing test and no confirmation
    assert [a.id for a in flow.actions()] == ["fix", "save_report"]  # and the report to share
    flow.act("fix")
    assert flow.page is PageId.SECRET
    flow.set("secret", PASSWORD)
    assert flow.advance() is PageId.TEST
    report = await flow.run_test()
    assert report is not None and report.ok
    flow.advance()
    flow.advance()
    assert flow.page is PageId.DONE and config.read_bytes() == before  # same [smtp]; only .env changed
    assert read_env(tmp_path / ".env").value("MAIL_PASSWORD") == PASSWORD


async def test_saving_without_a_passing_test_needs_the_confirmation(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    config = existing_setup(tmp_path, server.port, secret="wrong password")
    flow = Flow(config, ca_file=server.ca_file)
    flow.advance()
    flow.advance()
    await flow.run_test()
    assert any(q.name == "save_untested" for q in flow.questions())
    flow.set("save_untested", True)
    assert flow.advance() is PageId.SUMMARY
    summary = flow.summary()
    assert summary is not None and any("without a passing test" in note for note in summary.notes)


async def test_cancelling_the_test_ends_in_a_cancelled_report(
    tmp_path: Path, fault_server: Callable[..., object]
) -> None:
    server = fault_server("silent")
    flow = Flow(tmp_path / "config.toml", quick=False)
    flow.advance()
    flow.set("user", "bom@example.org")
    flow.advance()
    flow.set("host", "127.0.0.1")
    flow.set("port", str(server.port))  # type: ignore[attr-defined]
    flow.advance()
    flow.set("security", "starttls")
    flow.advance()
    flow.set("secret_source", "none")
    flow.advance()
    task = asyncio.ensure_future(flow.run_test())
    await asyncio.sleep(0.3)
    assert flow.test is not None and not flow.test.finished
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert flow.test.cancelled and not flow.can_advance()


async def test_skip_path_writes_the_flag_and_says_to_come_back(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[user]\ntmp_admin = false\n")
    flow = Flow(config)
    flow.set("skip", True)
    assert flow.answers.layout == "current"  # a [user] table: the newer layout
    flow.advance()
    summary = flow.summary()
    assert summary is not None and "skip_verification = true" in summary.diff and not summary.smtp_section
    assert flow.advance() is PageId.DONE
    assert tomllib.loads(config.read_text())["user"]["skip_verification"] is True
    assert any("again" in step for step in flow.done().next_steps)


async def test_quick_path_reaches_a_written_file_in_four_presses_of_next_for_a_table_provider(
    tmp_path: Path, provider_server: Callable[..., SmtpServer]
) -> None:
    server = provider_server()
    flow = Flow(tmp_path / "config.toml", ca_file=server.ca_file, connect_to=server.connect_to)
    presses = 0
    flow.advance()
    presses += 1
    flow.set("user", PROVIDER_ADDRESS)
    flow.set("secret", PASSWORD)
    flow.advance()
    presses += 1
    assert flow.page is PageId.TEST
    report = await flow.run_test()
    assert report is not None and report.ok, report.to_json() if report else None
    while flow.page is not PageId.DONE:
        flow.advance()
        presses += 1
    assert presses <= 4
    smtp = tomllib.loads((tmp_path / "config.toml").read_text())["smtp"]
    assert smtp == {"user": PROVIDER_ADDRESS, "endpoint": PROVIDER_HOST, "secret": "${SMTP_SECRET}"}
    assert server.messages and server.messages[0].mail_from == PROVIDER_ADDRESS


def test_german_texts_and_validation_messages(tmp_path: Path) -> None:
    i18n.set_language("de")
    flow = Flow(tmp_path / "config.toml")
    assert flow.title() == "Postausgang einrichten"
    flow.advance()
    flow.set("user", "bom@")
    problem = next(q.problem for q in flow.questions() if q.name == "user")
    assert problem and problem == str(problem)
    assert flow.questions()[0].label == "E-Mail-Adresse"


def test_language_answer_switches_the_catalogue(tmp_path: Path) -> None:
    flow = Flow(tmp_path / "config.toml")
    flow.set("language", "de")
    assert flow.title() == "Postausgang einrichten"
