"""One mnemonic per letter on the Test page in every state a failed test leaves it in — each kind of failure
with its own advice buttons (fix links, "Retry without a password", "Save report"), with the details open,
with "save without a passing test" ticked — in English and German. Every clash found is listed; Alt+N stays
Next (the fix link "Change the server name…" took it before)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from tests.ui.driver import click, open_wizard, probe_finished, walk_to_test_page
from tests.ui.mnemonics import duplicates, mnemonic, mnemonics
from tests.ui.servers import PASSWORD, _free_port, local_server
from wizard.core import i18n
from wizard.probe.report import DiagnosisCode
from wizard.ui.translation import remove_translators
from wizard.ui.wizard import SetupWizard

# failure kind: (server mode, whether the server wants a login, host typed, security chosen, password)
FAILURES = {
    "wrong password": ("smtps", True, "localhost", "smtps", "not-the-password"),
    "certificate names another host": ("smtps", True, "mail.example.org", "smtps", PASSWORD),
    "nothing listens on the port": (None, True, "127.0.0.1", "smtps", PASSWORD),
    "implicit TLS against a plaintext server": ("none", False, "localhost", "smtps", PASSWORD),
    "STARTTLS not offered": ("none", False, "localhost", "starttls", PASSWORD),
    "a relay that offers no login": ("none", False, "localhost", "none", PASSWORD),
}


PORTS = {"smtps": 465, "starttls": 587, "none": 25}  # what is written; the probe goes to connect_to


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def clashes_of(state: str, wiz: SetupWizard) -> list[str]:
    found = [f"{state}: {clash}" for clash in duplicates(wiz)]
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    letters = [letter for letter, _ in mnemonics(wiz)]
    if next_button.isVisible() and letters.count(mnemonic(next_button.text())) != 1:
        found.append(f"{state}: Next's letter is not Next's alone")
    return found


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_failed_test_state_has_one_mnemonic_per_letter(
    qtbot: Any, tmp_path: Path, server_tls: ssl.SSLContext, ca_file: Path, lang: str, back_to_english: None
) -> None:
    clashes: list[str] = []
    seen: set[DiagnosisCode] = set()
    for kind, (mode, auth, host, security, password) in FAILURES.items():
        with ExitStack() as stack:
            if mode is None:
                address = ("127.0.0.1", _free_port())
            else:
                server = stack.enter_context(local_server(mode, server_tls, auth=auth))
                address = (server.host, server.port)
            folder = tmp_path / f"{lang}-{len(seen)}-{kind.replace(' ', '-')}"
            folder.mkdir()
            wiz = open_wizard(qtbot, folder / "config.toml", ca_file=ca_file, connect_to=address)
            wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
            try:
                await walk_to_test_page(qtbot, wiz, host, PORTS[security], security, password)  # sent to `address`
            except AssertionError as exc:
                raise AssertionError(f"{kind}: {exc}; {wiz.flow.problems()}") from exc
            await probe_finished(wiz)
            report = wiz.test.report
            assert report is not None and report.diagnosis is not None, kind
            seen.add(report.diagnosis.code)
            clashes += clashes_of(f"{kind} ({report.diagnosis.code})", wiz)
            click(qtbot, wiz.test.details_button)
            clashes += clashes_of(f"{kind}, details open", wiz)
            if wiz.test.confirm.isVisible():
                click(qtbot, wiz.test.confirm)
                clashes += clashes_of(f"{kind}, saving untested", wiz)
            if wiz.test.fix.isVisible():  # Alt+N is Next, never the fix link
                wiz.button(QWizard.WizardButton.NextButton).setFocus()
                assert wiz.test.fix.text().replace("&&", "").find("&") >= 0, (kind, wiz.test.fix.text())
            wiz.close()
            qtbot.keyClick(wiz, Qt.Key.Key_Escape)
    assert len(seen) >= 5, seen  # each kind of failure reached its own diagnosis
    assert not clashes, "\n".join(clashes)
