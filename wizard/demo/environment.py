"""The demo's world: a scratch folder holding a sample config.toml, and the demo mail server.

Nothing outside the scratch folder is read or written; `close()` removes the folder again. Creating it is
cheap (no settings model, no asyncio), so the demo's first window is as fast as the normal one.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.i18n import tr
from wizard.core.settings import SecretSource, Security, Settings
from wizard.demo.mail_server import DemoMailServer

if TYPE_CHECKING:
    from wizard.core.settings import Settings

SAMPLE_CONFIG = """\
# BOMnipotent Server configuration (a demo copy in a scratch folder).
# The wizard adds the [smtp] section below and leaves everything else exactly as it is.

domain = "https://bomnipotent.example.com"

[tls]
certificate_chain_path = "/etc/ssl/certs/bomnipotent.crt"
secret_key_path = "/etc/ssl/private/bomnipotent.key"
"""


class DemoEnvironment:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="smtp-wizard-demo-"))
        self.config_path = self.folder / "config.toml"
        self.config_path.write_text(SAMPLE_CONFIG, encoding="utf-8")
        self.server = DemoMailServer(self.folder)
        self.ca_file = self.server.ca_file  # written when the server starts; trusted by this run's probe only

    @property
    def received(self) -> list[str]:
        return self.server.received

    @property
    def settings(self) -> Settings:
        """What the pages are pre-filled with: the demo server with STARTTLS and its login (the password is
        `password`, filled in as a new secret)."""
        return Settings(
            user=self.server.login,
            host=self.server.host,
            port=self.server.port,
            security=Security.STARTTLS,
            secret_source=SecretSource.NEW,
        )

    @property
    def password(self) -> str:
        return self.server.password

    def login_words(self) -> str:
        """The demo server's STARTTLS and login, with the run's user and password (a throw-away one, shown),
        in the current language."""
        return tr("faces.demo.login", user=self.server.login, password=self.password)

    def close_on_hangup(self, exit_code: int) -> None:
        """A closed terminal (SSH dropped, window closed) ends the program with SIGHUP, whose default skips every
        `finally`: this scratch folder and mail server would stay behind. From now on SIGHUP removes them and
        ends the program with `exit_code` at once (nothing of the user's is open in a demo, and the terminal is
        gone: nothing to restore on it). Call from the main thread (Python's rule for signal handlers)."""
        def hung_up(signum: int, frame: object) -> None:
            self.close()
            os._exit(exit_code)

        signal.signal(signal.SIGHUP, hung_up)

    async def start(self) -> None:
        await self.server.start()

    def close(self) -> None:
        self.server.close()
        shutil.rmtree(self.folder, ignore_errors=True)
