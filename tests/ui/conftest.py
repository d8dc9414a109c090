"""GUI tests: one qasync loop shared by pytest-asyncio and Qt, the servers, certificates, and a driver."""

from __future__ import annotations

import asyncio
import gc
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
import trustme
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from tests.ui.quick import provider_server  # noqa: F401  (a fixture: the quick path's stand-in provider)


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Callable[[], Any]]:
    """pytest-asyncio runs the GUI tests' coroutines on a qasync loop, so the wizard's tasks and Qt's events
    share one loop, as in the real program (pytest-qt has no qasync support of its own)."""

    def qasync_loop() -> asyncio.AbstractEventLoop:
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)  # closing a wizard under test must not stop the test's loop
        return qasync.QEventLoop(app)

    return {"qasync": qasync_loop}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """No automatic garbage collection while a GUI test runs; see `pytest_runtest_teardown`."""
    gc.disable()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Qt objects are destroyed here, on the main thread, once the test's qasync loop is closed.

    A closed qasync loop sits in a reference cycle holding live Qt objects (its timer object with running
    timers, socket notifiers, worker QThreads). Python's cyclic collector runs on whichever thread allocates
    at the wrong moment -- a test server's thread, a qasync worker -- and destroying those objects there
    races the main thread's event dispatcher: "QObject::~QObject: Timers cannot be stopped from another
    thread", then a segmentation fault in processEvents. So collection is off during a GUI test and done
    here, after the widgets pytest-qt closed are deleted."""
    try:
        return (yield)
    finally:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        gc.enable()


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
