"""Demo mode's own mail server behaves like a real provider's (SPEC §12 rev 3): STARTTLS with a certificate
made for this run (trusted by this run's probe only, never by the system), and a login with the user and
password the wizard shows — so the live test goes through every step; Done says the files are temporary."""

from __future__ import annotations

import ssl
import tomllib

import pytest

from tests.tui.driver import enter, page_text, probe_finished, wizard
from wizard.core.i18n import tr
from wizard.core.warnings import WarningCode
from wizard.demo.environment import DemoEnvironment
from wizard.flow import PageId
from wizard.probe.report import StepName, StepStatus


async def test_the_demo_tests_starttls_and_a_login_and_the_mail_says_so() -> None:
    demo = DemoEnvironment()
    try:
        async with wizard(demo.config_path, demo=demo) as (app, pilot):
            shown = page_text(app)
            assert demo.server.login in shown and demo.password in shown  # the login, shown on Welcome
            await enter(app, pilot, PageId.ACCOUNT)
            await enter(app, pilot, PageId.TEST)
            await probe_finished(app, pilot)
            test = app.flow.test
            assert test is not None and test.report is not None and test.report.ok, test.verdict()
            steps = {step.name: step.status for step in test.report.steps}
            every_step = [
                StepName.CONNECT,
                StepName.GREETING,
                StepName.EHLO,
                StepName.STARTTLS,
                StepName.EHLO_TLS,
                StepName.AUTH,
                StepName.MAIL_FROM,
                StepName.RCPT_TO,
                StepName.DATA,
            ]
            assert [steps.get(name) for name in every_step] == [StepStatus.OK] * len(every_step), steps
            # the run's own authority is no advice matter: no warning that the server would not trust it
            assert all(w.code is not WarningCode.EXTRA_CA for w in test.report.warnings)
            await enter(app, pilot, PageId.SUMMARY)
            await enter(app, pilot, PageId.DONE)
            done = page_text(app)
            assert tr("faces.demo.temporary") in done
            assert tr("faces.mail.login", user=demo.server.login) in done  # the received mail, on Done
            assert tr("faces.mail.no_login") not in done
        smtp = tomllib.loads(demo.config_path.read_text())["smtp"]
        assert smtp["user"] == demo.server.login
    finally:
        demo.close()
    assert not demo.ca_file.exists()  # the run's authority went with the scratch folder


async def test_the_demo_server_refuses_a_wrong_password_and_anything_before_starttls() -> None:
    import aiosmtplib

    demo = DemoEnvironment()
    try:
        await demo.start()
        plain = aiosmtplib.SMTP(hostname="127.0.0.1", port=demo.server.port, start_tls=False, timeout=5)
        await plain.connect()
        with pytest.raises(aiosmtplib.SMTPException):
            await plain.login(demo.server.login, demo.password)  # no login before STARTTLS
        await plain.quit()
        context = ssl.create_default_context(cafile=str(demo.ca_file))  # this run's authority only
        client = aiosmtplib.SMTP(
            hostname="127.0.0.1", port=demo.server.port, start_tls=True, tls_context=context, timeout=5
        )
        await client.connect()
        with pytest.raises(aiosmtplib.SMTPAuthenticationError):
            await client.login(demo.server.login, demo.password + "x")
        await client.login(demo.server.login, demo.password)
        await client.quit()
        with pytest.raises(ssl.SSLCertVerificationError):  # not trusted by the system's store
            system = aiosmtplib.SMTP(hostname="127.0.0.1", port=demo.server.port, start_tls=True, timeout=5)
            await system.connect()
    finally:
        demo.close()
