"""What the pages share beyond their fields: the config file as read, hints between pages, the result.

Plain data, no Qt: pages fill it in, the wizard reads it. (The probe report stays on the Test page, the
plan on the Summary page.) It never holds the secret (the Secret page does).
A plain class rather than a dataclass: it is built before the first window shows, and `dataclasses` would
be one more import on that path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.core.deployment import Deployment
    from wizard.core.existing import ExistingSetup
    from wizard.core.settings import Security
    from wizard.demo.environment import DemoEnvironment


class WizardContext:
    def __init__(
        self,
        config_path: Path,
        *,
        demo: DemoEnvironment | None = None,
        ca_file: Path | None = None,
        connect_to: tuple[str, int] | None = None,
        discovery_options: dict[str, Any] | None = None,
        keyring_backend: Any = None,
        keyring_allow_insecure: bool = False,
    ) -> None:
        self.config_path = config_path
        self.demo = demo
        self.ca_file = ca_file  # an extra CA for the probe (tests, corporate CAs)
        self.connect_to = connect_to  # probe this address instead of the route's (tests only)
        self.discovery_options = dict(discovery_options or {})  # passed to discover() (tests: a resolver)
        self.keyring_backend = keyring_backend  # None: the keyring `keyring` resolves; tests inject one
        self.keyring_allow_insecure = keyring_allow_insecure  # tests only: keyrings.alt's plaintext file
        self.existing: ExistingSetup | None = None
        self.deployment: Deployment | None = None  # where the server runs (SPEC §3a), found on the Welcome page
        self.prefilled_from: Path | None = None  # the config whose [smtp] last pre-filled the pages
        self.security_hint: Security | None = None  # from a provider suggestion or the existing file
        self.provider_hint = ""  # catalogue id of the chosen provider's login hint
        self.written: list[Path] = []
        self.backups: list[Path] = []  # the previous content of each file written (for the Done page)
        self.notes: list[str] = []
        self.keyring_note = ""  # where "remember in the keyring" put the secret, for the last page
