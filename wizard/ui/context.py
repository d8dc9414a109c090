"""What the pages share beyond the flow: how the wizard was started (demo, test hooks, the keyring to use).

Plain data, no Qt. The answers, the existing setup, the detected layout, the test, the plan and what was
written are the flow's (`SetupWizard.flow`); this never holds the secret.
A plain class rather than a dataclass: it is built before the first window shows, and `dataclasses` would
be one more import on that path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        self.keyring_note = ""  # where "remember in the keyring" put the secret, for the last page
