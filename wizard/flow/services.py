"""The flow's service seam: its discovery and test services, loaded on first use (the other seam, the
setup's files, is `wizard.flow.files`; both are stated in `wizard.flow`'s docstring).

Importing this module loads what the first screen must not pay for: discovery (the provider table, DNS with
dnspython, autoconfig), the live test (the probe with aiosmtplib and ssl, the EHLO name the compose project
gives) and the sender domain's records (SPEC §11). The flow and its helpers reach these only through this
module, with `from wizard.flow import services  # lazy: …` in the function that needs them, so the first
screen stays quick (tests/tui/test_first_screen_imports.py, tests/cli/test_startup_imports.py); the faces
may import it while the user reads the first page, to warm it up.
"""

from __future__ import annotations

from wizard.core.ehlo_name import for_deployment
from wizard.deliverability.check import DeliverabilityRun
from wizard.discovery import discover, suggest_from_table
from wizard.discovery.labels import login_hint, status_label, unusable_reason
from wizard.flow.deliverability_view import deliverability_view
from wizard.flow.report_text import report_text
from wizard.flow.testing import TestRun, offers_no_password
from wizard.probe.engine import ProbeRequest, cancelled_report, run_probe

__all__ = [
    "DeliverabilityRun",
    "ProbeRequest",
    "TestRun",
    "cancelled_report",
    "deliverability_view",
    "discover",
    "for_deployment",
    "login_hint",
    "offers_no_password",
    "report_text",
    "run_probe",
    "status_label",
    "suggest_from_table",
    "unusable_reason",
]
