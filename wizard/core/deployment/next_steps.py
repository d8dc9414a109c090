"""What makes a written change take effect, per deployment layout (SPEC §3a).

Compose: `docker compose up -d` in the project folder recreates the container with the new environment
(`docker compose restart` keeps the old environment and does not read `.env` again,
https://docs.docker.com/reference/cli/docker/compose/restart/). Standalone: restart the server. Both: the
server's own test mail, `bomnipotent_client test-email ADDRESS` (server 1.1.0 and newer).
"""

from __future__ import annotations

from wizard.core.deployment.layout import Deployment, LayoutKind
from wizard.core.i18n import tr


def next_steps(deployment: Deployment, send_to: str | None = None) -> list[str]:
    """Localized steps, in order. `send_to` fills in the test address (a placeholder when None)."""
    address = send_to or tr("deployment.next.address_placeholder")
    if deployment.layout is LayoutKind.COMPOSE:
        first = tr("deployment.next.compose_up", folder=str(deployment.project_dir))
    else:
        first = tr("deployment.next.restart")
    return [first, tr("deployment.next.test_email", address=address)]
