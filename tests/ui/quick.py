"""The quick path's test harness: a loopback server standing in for a provider of the table, the wizard on the
quick path (the production default) aimed at it, and Next pressed and counted as a person does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWizard

from tests.support.certs import CertKind, TlsMaterial
from tests.support.loop_thread import LoopThread
from tests.support.servers import PASSWORD, SmtpServer
from tests.ui.driver import click, open_wizard, until
from wizard.ui.pages.ids import PageId
from wizard.ui.wizard import SetupWizard

PROVIDER_ADDRESS = "bom@gmail.com"  # in the provider table: smtp.gmail.com, 465, implicit TLS
PROVIDER_HOST = "smtp.gmail.com"


@pytest.fixture
def provider_server(server_loop: LoopThread, tls_material: TlsMaterial) -> Iterator[Callable[..., SmtpServer]]:
    """A loopback implicit-TLS server standing in for the table provider: its certificate names the
    provider's host, and `connect_to` sends the probe to 127.0.0.1 while TLS checks that name."""
    material = TlsMaterial(tls_material.ca, tls_material.unknown_ca, tls_material.ca_file, tls_material.unknown_ca_file)
    material._leaves[CertKind.TRUSTED] = tls_material.ca.issue_cert(PROVIDER_HOST)
    started: list[SmtpServer] = []

    def start(**options: Any) -> SmtpServer:
        options.setdefault("credentials", {PROVIDER_ADDRESS: PASSWORD})
        server = SmtpServer(server_loop, material, "smtps", **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class Presses:
    """Presses Next (or the Summary's commit button) as a person does, and counts the presses."""

    def __init__(self, qtbot: Any, wiz: SetupWizard) -> None:
        self.qtbot, self.wiz, self.count = qtbot, wiz, 0

    async def next(self, expect: PageId) -> None:
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
            button = self.wiz.button(which)
            if button.isVisible():
                break
        await until(button.isEnabled, what=f"{button.text()} to be enabled on page {self.wiz.currentId()}")
        click(self.qtbot, button)
        self.count += 1
        assert self.wiz.currentId() == expect, f"went to {self.wiz.currentId()}, expected {expect!r}"


def quick_wizard(qtbot: Any, config: Path, server: SmtpServer, **options: Any) -> SetupWizard:
    """The wizard on the quick path, its probe sent to `server` (standing in for the provider's host)."""
    return open_wizard(qtbot, config, quick=True, ca_file=server.ca_file, connect_to=server.connect_to, **options)
