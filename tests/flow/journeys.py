"""Journeys written once and driven through every face (debconf's idea applied to tests): each journey talks
to a `Face` — the terminal wizard through Textual's pilot, the Qt wizard through qtbot — in the flow's
terms (page ids and question names), and ends with the written files, which must be the same whatever
face walked it.

The journeys take the full route (Welcome → Account → Server → [Security] → Secret → Test → Summary →
Done), the one both faces have today.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pytest

from tests.support.servers import LOGIN, PASSWORD
from wizard.core import dotenv
from wizard.flow import PageId


class Face(Protocol):
    async def next(self, expect: PageId) -> None:
        """Press Next (or Enter) and check the page that opened."""

    async def fill(self, name: str, value: str) -> None:
        """Type `value` into the question `name` (as a person types)."""

    async def tick(self, name: str) -> None:
        """Tick the yes/no question `name`."""

    async def choose(self, name: str, value: str) -> None:
        """Choose option `value` of the question `name`."""

    async def test_passed(self) -> bool:
        """Wait for the live test to end; whether it passed."""


@dataclass(frozen=True)
class Setup:
    folder: Path
    port: int

    @property
    def config(self) -> Path:
        return self.folder / "config.toml"

    @property
    def env(self) -> Path:
        return self.folder / ".env"


INITIAL = """\
# BOMnipotent Server (journey test): this comment and the table below stay as they are
domain = "https://bom.example.org"

[tls]
allow_tls12 = true
"""


def prepare_new(folder: Path, port: int) -> Setup:
    setup = Setup(folder, port)
    setup.config.write_text(INITIAL)
    return setup


async def relay_test_passed(face: Face, setup: Setup) -> None:
    """The first part of `new_relay`: a relay on this machine, no password, typed in up to its passed test
    (the sender bom@example.org)."""
    await face.next(PageId.ACCOUNT)
    await face.fill("user", "bom@example.org")
    await face.next(PageId.SERVER)
    await face.tick("relay")
    await face.fill("host", "127.0.0.1")
    await face.fill("port", str(setup.port))
    await face.next(PageId.SECRET)
    await face.choose("secret_source", "none")
    await face.next(PageId.TEST)
    assert await face.test_passed()


async def new_relay(face: Face, setup: Setup) -> None:
    """A relay on this machine, no password: typed in on every page."""
    await relay_test_passed(face, setup)
    await face.next(PageId.SUMMARY)
    await face.next(PageId.DONE)


def new_relay_written(setup: Setup) -> dict[str, str | None]:
    return {
        "config.toml": INITIAL + f'\n[smtp]\nuser = "bom@example.org"\nendpoint = "smtp://127.0.0.1:{setup.port}"\n',
        ".env": None,
    }


async def new_starttls_with_password(face: Face, setup: Setup) -> None:
    """A STARTTLS server on another port with a login and a password typed in."""
    await face.next(PageId.ACCOUNT)
    await face.fill("user", LOGIN)
    await face.next(PageId.SERVER)
    await face.fill("host", "127.0.0.1")
    await face.fill("port", str(setup.port))
    await face.next(PageId.SECURITY)
    await face.choose("security", "starttls")
    await face.next(PageId.SECRET)
    await face.fill("secret", PASSWORD)
    await face.next(PageId.TEST)
    assert await face.test_passed()
    await face.next(PageId.SUMMARY)
    await face.next(PageId.DONE)


def new_starttls_written(setup: Setup) -> dict[str, str | None]:
    return {
        "config.toml": INITIAL
        + f'\n[smtp]\nuser = "{LOGIN}"\nendpoint = "smtp://127.0.0.1:{setup.port}?tls=required"\n'
        + 'secret = "${SMTP_SECRET}"\n',
        ".env": dotenv.set_variable("", "SMTP_SECRET", PASSWORD).text,
    }


def written(setup: Setup) -> dict[str, str | None]:
    """The files of the setup as they are now (None: absent)."""
    return {
        name: (path.read_text() if path.exists() else None)
        for name, path in (("config.toml", setup.config), (".env", setup.env))
    }


# Each journey with the server mode it needs and the files it must leave: both faces run this one table.
JOURNEYS = pytest.mark.parametrize(
    ("journey", "mode", "expected"),
    [
        (new_relay, "plain", new_relay_written),
        (new_starttls_with_password, "starttls", new_starttls_written),
    ],
    ids=["new_relay", "new_starttls_with_password"],
)
