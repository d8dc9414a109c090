"""GUI tests: one qasync loop shared by pytest-asyncio and Qt, the servers, certificates, and a driver."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import trustme
from PySide6.QtWidgets import QApplication


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Callable[[], Any]]:
    """pytest-asyncio runs the GUI tests' coroutines on a qasync loop, so the wizard's tasks and Qt's events
    share one loop, as in the real program (pytest-qt has no qasync support of its own)."""

    def qasync_loop() -> asyncio.AbstractEventLoop:
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)  # closing a wizard under test must not stop the test's loop
        return qasync.QEventLoop(app)

    return {"qasync": qasync_loop}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # aiosmtpd warns about AUTH without STARTTLS, which is what an implicit-TLS server rightly offers.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"))


@pytest.fixture(scope="session")
def tls_ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    ca = trustme.CA()
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return ca, ca_file


@pytest.fixture(scope="session")
def server_tls(tls_ca: tuple[trustme.CA, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca[0].issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def ca_file(tls_ca: tuple[trustme.CA, Path]) -> Path:
    return tls_ca[1]


@pytest.fixture
def config_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
