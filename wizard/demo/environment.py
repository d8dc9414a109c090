"""The demo's world: a scratch folder holding a sample config.toml, and the demo mail server.

Nothing outside the scratch folder is read or written; `close()` removes the folder again. Creating it is
cheap (no settings model, no asyncio), so the demo's first window is as fast as the normal one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

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
        self.server = DemoMailServer()

    @property
    def received(self) -> list[str]:
        return self.server.received

    @property
    def settings(self) -> Settings:
        """What the pages are pre-filled with: a plain relay on this machine, no password."""
        return Settings(
            user="bomnipotent@example.com",
            host=self.server.host,
            port=self.server.port,
            security=Security.NONE,
            secret_source=SecretSource.NONE,
        )

    async def start(self) -> None:
        await self.server.start()

    def close(self) -> None:
        self.server.close()
        shutil.rmtree(self.folder, ignore_errors=True)
