"""After the new files are in place and before the transaction ends: Docker Compose reads them again, and
the server's container must get exactly the new secret (SPEC §12 rev 3). Otherwise the transaction puts
every file back and the user is told what Compose gives instead — never the value itself."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from wizard.core.deployment.layout import Deployment
from wizard.core.errors import FileProblem
from wizard.core.i18n import tr
from wizard.core.secret import Secret


@dataclass(frozen=True)
class ExpectedSecret:
    """What the container must be given: config.toml's variable `name` with exactly `secret`, written into
    the secret file `env_path` as `written_as` (Compose may map names; None: as `name`)."""

    name: str
    secret: Secret
    env_path: Path
    written_as: str | None = None


def verify_container(deployment: Deployment | None, config_path: Path, expected: ExpectedSecret) -> None:
    """Run the deployment's engine on the files as they are now. The variable config.toml names
    (`expected.name`) must be in the service's environment with exactly `expected.secret`. The
    variable the secret was written as is left out of the shell Compose runs with: the shell `docker
    compose up` will run in is not the wizard's. Raises FileProblem (ComposeEngineError when Compose
    refuses the new files)."""
    if deployment is None or deployment.service is None:
        return  # standalone (a compose project nearby that does not run the server): no container to ask about
    if deployment.engine is None or deployment.engine.engine is None:
        return
    view = deployment.engine
    assert view.engine is not None
    secret = expected.secret.reveal()
    written_as = expected.written_as or expected.name
    shell = {k: v for k, v in os.environ.items() if k not in (written_as, expected.name)}
    given = deployment.engine.given
    folder = view.folder or (deployment.project_dir or config_path.parent)
    config = view.engine.config(folder, shell, given, hide=(secret,))
    service = (config.get("services") or {}).get(deployment.service) or {}
    env = service.get("environment") or {}
    got = env.get(expected.name)
    got = None if got is None else str(got).replace("$$", "$")
    if got == secret:
        return
    if expected.name not in env:
        gives = tr("compose_engine.gives.missing")
    elif got is None or got == "":
        gives = tr("compose_engine.gives.empty")
    else:
        gives = tr("compose_engine.gives.other", length=len(got))
    raise FileProblem(
        expected.env_path,
        "compose_engine.verify_failed",
        engine=view.label,
        name=expected.name,
        service=str(deployment.service),
        gives=gives,
    )
