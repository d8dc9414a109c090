"""The flow's second lazy seam: the setup's files, loaded on first use.

Importing this module loads what reads and writes the setup: config.toml (tomllib, tomlkit), the .env files,
the Docker Compose project (the layout, the container's environment, the compose network, the EHLO name it
gives, the `hostname:` editor), the apply plan with its transaction and backups, and what the Summary and Done
pages make of them (`wizard.flow.outcome`). Together ~35–50 ms of the wizard's
own modules and the TOML libraries, which the first screen must not pay for: the faces read the files once
the first page is on screen (`Flow.load`). The flow and its helpers reach these only through this module,
with `from wizard.flow import files  # lazy: …` in the function that needs them
(tests/tui/test_first_screen_imports.py, tests/cli/test_startup_imports.py hold it). The discovery and test
services are the other seam (`wizard.flow.services`).
"""

from __future__ import annotations

from wizard.core.apply import commit_apply, lock_before_reading, plan_apply, plan_skip
from wizard.core.atomic import backup_path
from wizard.core.config_file import Layout
from wizard.core.deployment import DeploymentChoice, detect_deployment, server_environment
from wizard.core.deployment.compose_hostname import validate_hostname
from wizard.core.deployment.container_env import explain_variable
from wizard.core.deployment.layout import DeploymentError, LayoutKind, ServiceChoiceNeeded
from wizard.core.deployment.network import compose_network_host
from wizard.core.deployment.next_steps import next_steps
from wizard.core.ehlo_name import for_deployment
from wizard.core.existing import load_existing
from wizard.flow.outcome import DoneView, SummaryView, done_view, summary_view

__all__ = [
    "DeploymentChoice",
    "DeploymentError",
    "DoneView",
    "Layout",
    "LayoutKind",
    "ServiceChoiceNeeded",
    "SummaryView",
    "backup_path",
    "commit_apply",
    "compose_network_host",
    "detect_deployment",
    "done_view",
    "explain_variable",
    "for_deployment",
    "load_existing",
    "lock_before_reading",
    "next_steps",
    "plan_apply",
    "plan_skip",
    "server_environment",
    "summary_view",
    "validate_hostname",
]
