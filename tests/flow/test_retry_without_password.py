"""A server that offers no login at all (a relay on loopback) while a password is set: every face gets
"Retry without a password" from the flow next to the encryption link, and it passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support.servers import SmtpServer
from wizard.flow import Flow, PageId
from wizard.flow.testing import offers_no_password
from wizard.probe.report import DiagnosisCode

RELAY_SETUP = '[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{port}"\n'


def relay_setup(folder: Path, port: int) -> Path:
    """A config.toml whose [smtp] names a plaintext relay on loopback without a login (the demo was one
    before it wanted STARTTLS and a login)."""
    config = folder / "config.toml"
    config.write_text(RELAY_SETUP.format(port=port))
    return config


async def test_a_relay_without_login_offers_retry_without_a_password_and_it_passes(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("plain", auth=False)
    flow = Flow(relay_setup(tmp_path, server.port))
    flow.advance()
    flow.set("secret", "any password")
    assert flow.advance() is PageId.TEST
    report = await flow.run_test()
    assert report is not None and report.diagnosis is not None
    assert report.diagnosis.code is DiagnosisCode.AUTH_UNAVAILABLE
    assert [a.id for a in flow.actions()] == ["fix", "retry_no_password", "save_report"]
    flow.act("retry_no_password")
    assert flow.page is PageId.TEST and flow.test is None and flow.answers.secret_source == "none"
    report = await flow.run_test()
    assert report is not None and report.ok, report
    assert "retry_no_password" not in [a.id for a in flow.actions()]


def test_retry_without_a_password_is_offered_only_when_the_server_offers_no_login_and_a_password_is_set() -> None:
    assert offers_no_password(DiagnosisCode.AUTH_UNAVAILABLE, password_set=True)
    assert not offers_no_password(DiagnosisCode.AUTH_UNAVAILABLE, password_set=False)
    others = set(DiagnosisCode) - {DiagnosisCode.AUTH_UNAVAILABLE}
    assert not any(offers_no_password(code, password_set=True) for code in others)
