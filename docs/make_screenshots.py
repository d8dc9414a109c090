"""Screenshots of every wizard page (and of a failure diagnosis) into docs/screenshots/.

Runs the real wizard offscreen in demo mode (scratch folder, embedded mail server on 127.0.0.1), at the size
the window opens with on a large screen (wizard.ui.app.PREFERRED_SIZE), once at a device pixel ratio of 1 and
once at 2 (QT_SCALE_FACTOR=2, files named `@2x`), and at the smallest size (MINIMUM_SIZE, 760x540) into a
`smallest/` folder. The failure is a wrong password against a second local server that asks for a login.

    .venv/bin/python docs/make_screenshots.py [--lang en|de]   (German into docs/screenshots/de/)
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (900, 600)  # set from wizard.ui.app in shoot_all


async def _until(predicate: Callable[[], object], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the wizard did not get there")
        await asyncio.sleep(0.02)


class Camera:
    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder = folder
        self.suffix = suffix
        self.taken: list[Path] = []

    async def shoot(self, widget: Any, name: str) -> None:
        await asyncio.sleep(0.15)  # let layouts settle and paint
        path = self.folder / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        self.taken.append(path)


async def _to(wiz: Any, page: Any) -> None:
    """Press Next until the wizard shows `page` (the route skips pages it does not need, e.g. Security for a
    relay); a running test is waited for."""
    for _ in range(10):
        if wiz.currentId() == page:
            await asyncio.sleep(0.05)
            return
        await _until(lambda: wiz.currentPage().isComplete())
        wiz.next()
    raise TimeoutError(f"the wizard did not get to page {page}")


async def _fill(wiz: Any, address: str, host: str, port: int) -> None:
    """Account, Server and Encryption (none: a relay on loopback) typed in, up to the Secret page."""
    from wizard.core.settings import Security
    from wizard.ui.pages.ids import PageId

    await _to(wiz, PageId.SENDER)
    _type(wiz.sender_page.address.line, address)
    await _to(wiz, PageId.SERVER)
    _type(wiz.server.host.line, host)
    wiz.server.port.setValue(port)
    await _to(wiz, PageId.SECURITY)
    wiz.security._buttons[Security.NONE].setChecked(True)
    await _to(wiz, PageId.SECRET)


def _type(line: Any, text: str) -> None:
    """Put `text` into a QLineEdit as typing does (the pages listen to textEdited)."""
    line.setText(text)
    line.textEdited.emit(text)


async def _close(wiz: Any) -> None:
    """Close a wizard and have Qt delete it now, on this thread, before the next one is built."""
    wiz.close()
    wiz.deleteLater()
    await asyncio.sleep(0.1)


def _login_server() -> Any:
    """A local server that wants a login and accepts none, for the failure screenshot."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=port,
        authenticator=lambda *args: AuthResult(success=False, handled=False),
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    return controller


async def walk(camera: Camera) -> None:
    from PySide6.QtWidgets import QWizard

    from wizard.demo.environment import DemoEnvironment
    from wizard.ui.app import _warm_up
    from wizard.ui.pages.ids import PageId
    from wizard.ui.wizard import SetupWizard

    _warm_up()
    demo = DemoEnvironment()
    await demo.start()
    try:
        wiz = SetupWizard(demo.config_path, demo=demo, quick=False)  # every page, in order
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        await camera.shoot(wiz, "01-welcome")
        wiz.welcome.skip.setChecked(True)
        await camera.shoot(wiz, "02-welcome-no-mail-server")
        wiz.welcome.skip.setChecked(False)
        await _to(wiz, PageId.SENDER)
        await camera.shoot(wiz, "03-sender")
        await _to(wiz, PageId.SERVER)
        await camera.shoot(wiz, "04-server")
        await _to(wiz, PageId.SECRET)
        await _until(wiz.secret_page.keyring_asked)
        await camera.shoot(wiz, "06-secret")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.TEST and not wiz.test.running())
        await camera.shoot(wiz, "07-test-passed")
        await _to(wiz, PageId.SUMMARY)
        await camera.shoot(wiz, "09-summary")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.DONE)
        await camera.shoot(wiz, "10-done")
        wiz.button(QWizard.WizardButton.FinishButton).click()
    finally:
        demo.close()


async def quick_test(camera: Camera) -> None:
    """The demo on the quick path: its Test page carries "Change server settings" beside the report's buttons;
    passed, and failed with its advice after a password the demo server does not take (a wrong one)."""
    from wizard.demo.environment import DemoEnvironment
    from wizard.ui.app import _warm_up
    from wizard.ui.pages.ids import PageId
    from wizard.ui.wizard import SetupWizard

    _warm_up()
    demo = DemoEnvironment()
    await demo.start()
    try:
        wiz = SetupWizard(demo.config_path, demo=demo, quick=True)
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        await _to(wiz, PageId.SENDER)
        await _to(wiz, PageId.TEST)
        await _until(lambda: not wiz.test.running())
        await camera.shoot(wiz, "07-test-passed-quick-path")
        wiz.back()
        _type(wiz.sender_page.password, "a password")
        await _to(wiz, PageId.TEST)
        await _until(lambda: not wiz.test.running())
        await camera.shoot(wiz, "08-test-failed-quick-path")
        await _close(wiz)
    finally:
        demo.close()


async def failure_and_suggestions(camera: Camera, folder: Path) -> None:
    from wizard.core.settings import Security
    from wizard.ui.pages.ids import PageId
    from wizard.ui.wizard import SetupWizard

    # The quick path's Account page: the provider recognised from the address (the table, no network).
    wiz = SetupWizard(folder / "quick.toml", live_discovery=False)
    wiz.resize(*SIZE)
    wiz.show()
    await _until(wiz.welcome.isComplete)
    wiz.next()
    _type(wiz.sender_page.address.line, "bomnipotent@gmail.com")
    await _until(lambda: "gmail" in wiz.sender_page.provider.text())
    await camera.shoot(wiz, "03-account-quick-path")
    await _close(wiz)

    # Suggestions come from the provider table for a known provider's address (no network needed).
    wiz = SetupWizard(folder / "other.toml", quick=False, live_discovery=False)
    wiz.resize(*SIZE)
    wiz.show()
    await _until(wiz.welcome.isComplete)
    await _to(wiz, PageId.SENDER)
    _type(wiz.sender_page.address.line, "bomnipotent@gmail.com")
    await _to(wiz, PageId.SERVER)
    await _until(lambda: wiz.server.suggestions.count() > 0)
    await camera.shoot(wiz, "04-server-suggestions")
    await _to(wiz, PageId.SECURITY)
    await camera.shoot(wiz, "05-security")
    wiz.back()
    wiz.server.port.setValue(2465)
    await _to(wiz, PageId.SECURITY)
    wiz.security._buttons[Security.SMTPS].setChecked(True)  # implicit TLS on 2465: explained, with the fixes
    await camera.shoot(wiz, "05-security-impossible")
    await _close(wiz)

    server = _login_server()
    try:
        wiz = SetupWizard(folder / "failing.toml", quick=False)
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        port = server.port
        await _fill(wiz, "bomnipotent@example.com", "127.0.0.1", port)
        await _to(wiz, PageId.SECRET)
        wiz.secret_page.secret.setText("not-the-right-password")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.TEST and not wiz.test.running())
        await camera.shoot(wiz, "08-test-failed")
        wiz.test.details_button.setChecked(True)
        await camera.shoot(wiz, "08-test-failed-details")
        await _close(wiz)
    finally:
        server.stop()


# The documentation's recommended layout (SPEC §3a): the server's service does not pass SMTP_SECRET yet.
COMPOSE_YAML = """\
name: bomnipotent

services:
  bomnipotent_db:
    image: postgres:17-alpine
    environment:
      POSTGRES_PASSWORD: ${BOMNIPOTENT_DB_PW}

  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    environment:
      # hand the database password to the server
      BOMNIPOTENT_DB_PW: ${BOMNIPOTENT_DB_PW}
    ports:
      - "443:8443"
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def _accepting_server() -> Any:
    """A local server that accepts any login, standing in for the real mail server."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=port,
        authenticator=lambda *args: AuthResult(success=True),
        auth_require_tls=False,
    )
    controller.start()
    return controller


async def compose_layout(camera: Camera, folder: Path) -> None:
    """Welcome, Summary and Done in the Docker Compose layout, with the compose file's change."""
    from wizard.ui.pages.ids import PageId
    from wizard.ui.wizard import SetupWizard

    project = folder / "bomnipotent"
    (project / "bomnipotent_config").mkdir(parents=True)
    (project / "compose.yaml").write_text(COMPOSE_YAML)
    (project / ".env").write_text("BOMNIPOTENT_DB_PW=database-password\n")
    config = project / "bomnipotent_config" / "config.toml"
    config.write_text('domain = "https://bom.example.com"\n')
    server = _accepting_server()
    try:
        wiz = SetupWizard(config, quick=False)
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        await camera.shoot(wiz, "11-compose-welcome")
        await _fill(wiz, "bomnipotent@example.com", "127.0.0.1", server.port)
        await _to(wiz, PageId.SECRET)
        wiz.secret_page.secret.setText("demo-password")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.TEST and not wiz.test.running())
        await camera.shoot(wiz, "12-compose-test-not-from-here")
        if not wiz.test.passed():  # a loopback host is the server's own container: not tested from here
            wiz.test.confirm.setChecked(True)
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.SUMMARY)
        await camera.shoot(wiz, "13-compose-summary")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.DONE)
        await camera.shoot(wiz, "14-compose-done")
        await _close(wiz)
    finally:
        server.stop()


async def _in_scratch(part: Any, camera: Camera) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="smtp-wizard-shots-") as folder:
        await part(camera, Path(folder))


# Each part in a process of its own: a fresh Qt per part keeps one part's leftovers out of the next.
PARTS = {
    "walk": walk,
    "quick": quick_test,
    "failure": lambda camera: _in_scratch(failure_and_suggestions, camera),
    "compose": lambda camera: _in_scratch(compose_layout, camera),
}


def shoot_all(suffix: str, lang: str, smallest: bool = False, part: str = "walk") -> None:
    global SIZE
    import qasync
    from PySide6.QtWidgets import QApplication

    from wizard.core import i18n
    from wizard.ui.app import MINIMUM_SIZE, PREFERRED_SIZE
    from wizard.ui.translation import install_translators

    SIZE = MINIMUM_SIZE if smallest else PREFERRED_SIZE
    # As in the GUI tests (tests/ui/conftest.py): the cyclic collector, run on a mail server's thread, would
    # destroy closed wizards' Qt objects off the main thread and crash; this short run needs no collection.
    gc.disable()

    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # one wizard closes before the next opens
    app.setApplicationDisplayName("SMTP Setup Wizard")
    i18n.set_language(lang)
    install_translators(app, lang)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    folder = OUT if lang == "en" else OUT / lang  # English beside the README, others in a folder each
    if smallest:
        folder = folder / "smallest"
    folder.mkdir(parents=True, exist_ok=True)
    camera = Camera(folder, suffix)
    with loop:
        loop.run_until_complete(PARTS[part](camera))
    for path in camera.taken:
        print(path.relative_to(OUT.parent.parent))
    sys.stdout.flush()
    # The pictures are saved; skip the interpreter's final collection, which would tear down Qt objects of
    # closed wizards in an order Qt does not expect (a crash after the work is done, seen as a failed run).
    os._exit(0)


def main() -> int:
    parser = argparse.ArgumentParser(description="Screenshots of every wizard page into docs/screenshots/.")
    parser.add_argument("--lang", choices=["en", "de"], default="en")
    parser.add_argument("--scale", choices=["1", "2", "smallest"], help=argparse.SUPPRESS)  # one process each
    parser.add_argument("--part", choices=list(PARTS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.scale:
        suffix = "@2x" if args.scale == "2" else ""
        shoot_all(suffix, args.lang, smallest=args.scale == "smallest", part=args.part or "walk")
        return 0
    for scale in ("1", "2", "smallest"):
        factor = "2" if scale == "2" else "1"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=factor, QT_API="pyside6")
        for part in PARTS:
            command = [sys.executable, __file__, "--lang", args.lang, "--scale", scale, "--part", part]
            subprocess.run(command, env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
