"""A compose project whose `[smtp]` refers to `${SMTP_SECRET}`, with the value in the project's `.env` while the
server's service does not pass it to its container: keeping the secret must keep the reference and add the
`environment:` entry, the same through every face and `smtp-wizard apply --keep-secret`."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from tests.deployment.layouts import COMPOSE_MISSING_HOST_NET, Project, make_project
from wizard.cli import main

USER = "alice@example.org"
SECRET = "geheim"
PROJECT_ENV = f"BOMNIPOTENT_DB_PW=dbpw\nSMTP_SECRET={SECRET}\n"
REFERENCE = 'secret = "${SMTP_SECRET}"'
ENTRY = "SMTP_SECRET: ${SMTP_SECRET}"


def smtp_table(port: int) -> str:
    return f'\n[smtp]\nuser = "{USER}"\nendpoint = "smtp://127.0.0.1:{port}"\n{REFERENCE}\n'


def make_unpassed_secret_project(root: Path, port: int, compose: str = COMPOSE_MISSING_HOST_NET) -> Project:
    project = make_project(root, compose, env=PROJECT_ENV)
    project.config.write_text(project.config.read_text() + smtp_table(port))
    return project


def project_files(project: Project) -> dict[str, str | None]:
    """The project's files as text (None: absent), by name."""
    paths = {"compose.yaml": project.compose, ".env": project.env, "config.toml": project.config}
    paths["bomnipotent_config/.env"] = project.config_env
    return {name: path.read_text() if path.exists() else None for name, path in paths.items()}


def keep_secret_with_the_cli(root: Path, port: int) -> dict[str, str | None]:
    """The files `smtp-wizard apply --keep-secret` writes for the same project (made under `root`)."""
    project = make_unpassed_secret_project(root, port)
    args = ["apply", "--config", str(project.config), "--user", USER, "--host", "127.0.0.1", "--port", str(port)]
    args += ["--security", "none", "--keep-secret", "--no-probe"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(args) == 0
    return project_files(project)
