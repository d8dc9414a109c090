"""Pre-fill never changes a value the user did not touch: every endpoint form of the [smtp] table comes back
unchanged after Next alone; ticking and unticking "relay" gives back what it replaced; the Encryption page
never opens with an error the user did not cause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, type_into
from wizard.core.settings import Security
from wizard.ui.pages.ids import PageId

# One row per line of the endpoint mapping (wizard/core/endpoint.py): the table's lines, as the file says
# them, and the host, port and mode they mean.
ROWS = [
    ('endpoint = "smtp.example.com"', ("smtp.example.com", 465, Security.SMTPS)),
    ('endpoint = "smtp.example.com"\nstarttls = true', ("smtp.example.com", 587, Security.STARTTLS)),
    ('endpoint = "smtp://smtp.example.com:2525?tls=required"', ("smtp.example.com", 2525, Security.STARTTLS)),
    ('endpoint = "smtp://localhost:2500"', ("localhost", 2500, Security.NONE)),
    ('endpoint = "smtp://localhost:25"', ("localhost", 25, Security.NONE)),
    ('endpoint = "smtp://relay.lan:587"', ("relay.lan", 587, Security.NONE)),
]


@pytest.mark.parametrize(("lines", "meaning"), ROWS, ids=[r[0].split('"')[1] for r in ROWS])
async def test_each_endpoint_row_comes_back_unchanged_after_next_alone(
    qtbot: Any, tmp_path: Path, lines: str, meaning: tuple[str, int, Security]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "bom@example.com"\n{lines}\n')
    wiz = open_wizard(qtbot, config)
    await pass_welcome(qtbot, wiz)
    await next_page(qtbot, wiz, PageId.SERVER)
    security = meaning[2]
    assert wiz.server.relay.isChecked() == (security is Security.NONE)
    if security is Security.NONE:
        await next_page(qtbot, wiz, PageId.SECRET)
    else:
        await next_page(qtbot, wiz, PageId.SECURITY)
        assert not wiz.security.problem.isVisible(), wiz.security.problem.text()
        await next_page(qtbot, wiz, PageId.SECRET)
    click(qtbot, wiz.secret_page.none)
    settings = wiz.settings()
    assert (settings.host, settings.port, settings.security) == meaning


async def test_ticking_relay_keeps_a_pre_filled_port_and_unticking_gives_back_the_mode(
    qtbot: Any, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.com"\nendpoint = "smtp://localhost:2500"\n')
    wiz = open_wizard(qtbot, config)
    await pass_welcome(qtbot, wiz)
    await next_page(qtbot, wiz, PageId.SERVER)
    page = wiz.server
    click(qtbot, page.relay)  # off
    assert (page.host.text(), page.port.value()) == ("localhost", 2500)
    await next_page(qtbot, wiz, PageId.SECURITY)  # not a relay any more: a mode that fits port 2500
    assert wiz.security.chosen() is Security.STARTTLS and not wiz.security.problem.isVisible()
    await wiz_back(qtbot, wiz)
    click(qtbot, page.relay)  # on again
    assert (page.host.text(), page.port.value()) == ("localhost", 2500)


async def test_ticking_relay_replaces_only_the_pages_own_default_and_unticking_restores_it(
    qtbot: Any, tmp_path: Path
) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@nowhere.invalid")
    await next_page(qtbot, wiz, PageId.SERVER)
    page = wiz.server
    default_port = page.port.value()
    click(qtbot, page.relay)
    assert (page.host.text(), page.port.value()) == ("localhost", 25)
    click(qtbot, page.relay)
    assert (page.host.text(), page.port.value()) == ("", default_port)
    type_into(qtbot, page.port, "2500")  # typed: ticking keeps it
    click(qtbot, page.relay)
    assert page.port.value() == 2500


@pytest.mark.parametrize(("port", "mode"), [(465, Security.SMTPS), (587, Security.STARTTLS), (2500, Security.STARTTLS)])
async def test_the_encryption_page_preselects_what_the_port_implies(
    qtbot: Any, tmp_path: Path, port: int, mode: Security
) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, "bom@nowhere.invalid")
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "mail.nowhere.invalid")
    type_into(qtbot, wiz.server.port, str(port))
    await next_page(qtbot, wiz, PageId.SECURITY)
    assert wiz.security.chosen() is mode
    assert not wiz.security.problem.isVisible() and wiz.security.isComplete()


async def wiz_back(qtbot: Any, wiz: Any) -> None:
    from PySide6.QtWidgets import QWizard

    click(qtbot, wiz.button(QWizard.WizardButton.BackButton))
