"""What the pages share beyond their fields: the config file as read, the last probe, the plan, the result.

Plain data, no Qt: pages fill it in, the wizard reads it. The secret lives only in `secret` (a Secret).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.core.existing import ExistingSetup
    from wizard.core.settings import Security
    from wizard.demo.environment import DemoEnvironment
    from wizard.probe.report import ProbeReport


@dataclass
class WizardContext:
    config_path: Path
    demo: DemoEnvironment | None = None
    ca_file: Path | None = None  # an extra CA for the probe (tests, corporate CAs)
    existing: ExistingSetup | None = None
    prefilled_from: Path | None = None  # the config whose [smtp] last pre-filled the pages
    security_hint: Security | None = None  # from a provider suggestion or the existing file
    provider_hint: str = ""  # catalogue id of the chosen provider's login hint
    connect_to: tuple[str, int] | None = None  # probe this address instead of the route's (tests only)
    discovery_options: dict[str, Any] = field(default_factory=dict)  # passed to discover() (tests: resolver)
    keyring_backend: Any = None  # None: the keyring the `keyring` package resolves; tests inject one
    keyring_allow_insecure: bool = False  # tests only: allow keyrings.alt's plaintext file
    keyring_note: str = ""  # where "remember in the keyring" put the secret, for the last page
    report: ProbeReport | None = None
    report_settings: Any = None  # the Settings the last report was made with
    plan: Any = None  # ApplyPlan for the summary
    written: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
