"""Screenshots of every wizard page (and of a failure diagnosis) into docs/screenshots/.

Runs the real wizard offscreen in demo mode (scratch folder, embedded mail server on 127.0.0.1), at a window
size of 1024x768, once at a device pixel ratio of 1 and once at 2 (QT_SCALE_FACTOR=2, files named `@2x`).
The failure is a wrong password against a second local server that asks for a login.

    .venv/bin/python docs/make_screenshots.py [--lang en|de]   (German into docs/screenshots/de/)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (1024, 768)


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
        wiz = SetupWizard(demo.config_path, demo=demo)
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        await camera.shoot(wiz, "01-welcome")
        wiz.welcome.skip.setChecked(True)
        await camera.shoot(wiz, "02-welcome-no-mail-server")
        wiz.welcome.skip.setChecked(False)
        wiz.next()
        await camera.shoot(wiz, "03-sender")
        wiz.next()
        await camera.shoot(wiz, "04-server")
        wiz.next()
        await camera.shoot(wiz, "05-security")
        wiz.next()
        await _until(wiz.secret_page.keyring_asked)
        await camera.shoot(wiz, "06-secret")
        wiz.next()
        await _until(lambda: not wiz.test.running())
        await camera.shoot(wiz, "07-test-passed")
        wiz.next()
        await camera.shoot(wiz, "09-summary")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.DONE)
        await camera.shoot(wiz, "10-done")
        wiz.button(QWizard.WizardButton.FinishButton).click()
        await failure_and_suggestions(camera, demo.folder)
        await compose_layout(camera, demo.folder)
    finally:
        demo.close()


async def failure_and_suggestions(camera: Camera, folder: Path) -> None:
    from wizard.core.settings import SecretSource, Security, Settings
    from wizard.ui.wizard import SetupWizard

    # Suggestions come from the provider table for a known provider's address (no network needed).
    wiz = SetupWizard(folder / "other.toml")
    wiz.resize(*SIZE)
    wiz.show()
    await _until(wiz.welcome.isComplete)
    wiz.setField("user", "bomnipotent@gmail.com")
    wiz.next()
    wiz.next()
    await camera.shoot(wiz, "04-server-suggestions")
    wiz.server.port.setValue(2465)
    wiz.next()
    await camera.shoot(wiz, "05-security-impossible")
    wiz.close()

    server = _login_server()
    try:
        wiz = SetupWizard(folder / "failing.toml")
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        port = server.port
        wiz.preset(
            Settings(
                user="bomnipotent@example.com",
                host="127.0.0.1",
                port=port,
                security=Security.NONE,
                secret_source=SecretSource.NEW,
            )
        )
        for _ in range(4):
            wiz.next()
        wiz.secret_page.secret.setText("not-the-right-password")
        wiz.next()
        await _until(lambda: not wiz.test.running())
        await camera.shoot(wiz, "08-test-failed")
        wiz.test.details_button.setChecked(True)
        await camera.shoot(wiz, "08-test-failed-details")
        wiz.close()
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
    from wizard.core.settings import SecretSource, Security, Settings
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
        wiz = SetupWizard(config)
        wiz.resize(*SIZE)
        wiz.show()
        await _until(wiz.welcome.isComplete)
        await camera.shoot(wiz, "11-compose-welcome")
        wiz.preset(
            Settings(
                user="bomnipotent@example.com",
                host="127.0.0.1",
                port=server.port,
                security=Security.NONE,
                secret_source=SecretSource.NEW,
            )
        )
        for _ in range(4):
            wiz.next()
        wiz.secret_page.secret.setText("demo-password")
        wiz.next()
        await _until(lambda: not wiz.test.running())
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.SUMMARY)
        await camera.shoot(wiz, "12-compose-summary")
        wiz.next()
        await _until(lambda: wiz.currentId() == PageId.DONE)
        await camera.shoot(wiz, "13-compose-done")
        wiz.close()
    finally:
        server.stop()


def shoot_all(suffix: str, lang: str) -> None:
    import qasync
    from PySide6.QtWidgets import QApplication

    from wizard.core import i18n
    from wizard.ui.translation import install_translators

    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("SMTP Setup Wizard")
    i18n.set_language(lang)
    install_translators(app, lang)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    folder = OUT if lang == "en" else OUT / lang  # English beside the README, others in a folder each
    folder.mkdir(parents=True, exist_ok=True)
    camera = Camera(folder, suffix)
    with loop:
        loop.run_until_complete(walk(camera))
    for path in camera.taken:
        print(path.relative_to(OUT.parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description="Screenshots of every wizard page into docs/screenshots/.")
    parser.add_argument("--lang", choices=["en", "de"], default="en")
    parser.add_argument("--scale", choices=["1", "2"], help=argparse.SUPPRESS)  # one process per scale
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.scale:
        shoot_all("@2x" if args.scale == "2" else "", args.lang)
        return 0
    for scale in ("1", "2"):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale, QT_API="pyside6")
        subprocess.run([sys.executable, __file__, "--lang", args.lang, "--scale", scale], env=env, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
