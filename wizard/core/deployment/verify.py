"""After the new files are in place and before the transaction ends: Docker Compose reads them again, and
the server's container must get exactly the new secret (SPEC §12 rev 3). Otherwise the transaction puts
every file back and the user is told what Compose gives instead — never the value itself."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from wizard.core.errors import FileProblem
from wizard.core.i18n import tr

if TYPE_CHECKING:
    from wizard.core.apply import ApplyPlan


def verify_container(plan: ApplyPlan) -> None:
    """Run the deployment's engine on the files as they are now. The variable config.toml names
    (`plan.secret_var`) must be in the service's environment with exactly `plan.expected_secret`. The
    variable the secret was written as is left out of the shell Compose runs with: the shell `docker
    compose up` will run in is not the wizard's. Raises FileProblem (ComposeEngineError when Compose
    refuses the new files)."""
    deployment = plan.deployment
    if deployment is None or deployment.service is None:
        return  # standalone (a compose project nearby that does not run the server): no container to ask about
    if deployment.engine is None or deployment.engine.engine is None:
        return
    if plan.secret_var is None or plan.expected_secret is None:
        return
    view = deployment.engine
    assert view.engine is not None
    secret = plan.expected_secret.reveal()
    written_as = plan.env_variable or plan.secret_var
    shell = {k: v for k, v in os.environ.items() if k not in (written_as, plan.secret_var)}
    given = deployment.engine.given
    folder = view.folder or (deployment.project_dir or plan.config_path.parent)
    config = view.engine.config(folder, shell, given, hide=(secret,))
    service = (config.get("services") or {}).get(deployment.service) or {}
    env = service.get("environment") or {}
    got = env.get(plan.secret_var)
    got = None if got is None else str(got).replace("$$", "$")
    if got == secret:
        return
    if plan.secret_var not in env:
        gives = tr("compose_engine.gives.missing")
    elif got is None or got == "":
        gives = tr("compose_engine.gives.empty")
    else:
        gives = tr("compose_engine.gives.other", length=len(got))
    raise FileProblem(
        plan.env_path,
        "compose_engine.verify_failed",
        engine=view.label,
        name=plan.secret_var,
        service=str(deployment.service),
        gives=gives,
    )
