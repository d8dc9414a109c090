"""A relay on the Docker host, named `host.docker.internal` in the compose layout: the server's service gets
`extra_hosts: ["host.docker.internal:host-gateway"]` in the same transaction (Linux needs it), the output says
the relay must listen on the Docker bridge, and nothing is tested from here (a route the container lacks).
Real files, the real CLI; Docker Compose itself reads the result back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run
from tests.deployment.layouts import COMPOSE_PASSED, make_project
from tests.deployment.oracle import compose_config
from wizard.core.deployment.compose_file import read_compose

CLI = Callable[..., Run]


def _apply(config: Path, *extra: str) -> list[str]:
    return ["apply", "--config", str(config), "--user", "bom@example.org", "--host", "host.docker.internal",
            "--port", "25", "--security", "none", "--no-secret", *extra]  # fmt: skip


def test_host_docker_internal_adds_the_host_gateway_entry_and_says_where_the_relay_must_listen(
    cli: CLI, tmp_path: Path
) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    compose = project.folder / "compose.yaml"
    before = compose.read_text()
    run = cli(*_apply(project.config, "--skip-network-test"))
    assert run.code == 0, run.out + run.err
    after = compose.read_text()
    service = read_compose(compose).services["bomnipotent_server"]
    assert service.node["extra_hosts"] == ["host.docker.internal:host-gateway"]
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    extra_hosts:", '      - "host.docker.internal:host-gateway"']
    assert "Docker bridge" in run.out and "172.17.0.1" in run.out
    resolved = compose_config(project.folder, {"BOMNIPOTENT_DB_PW": "x", "SMTP_SECRET": ""})
    assert resolved["services"]["bomnipotent_server"]["extra_hosts"] == ["host.docker.internal=host-gateway"]


def test_host_docker_internal_is_not_tested_from_here_and_needs_confirmation(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    run = cli(*_apply(project.config, "--json"))
    payload = json.loads(run.out)
    assert run.code == 2 and "--skip-network-test" in payload["error"]["message"]
    assert "extra_hosts" not in (project.folder / "compose.yaml").read_text()  # nothing written


def test_an_existing_host_gateway_entry_is_left_as_it_is(cli: CLI, tmp_path: Path) -> None:
    text = COMPOSE_PASSED.replace(
        "    image: wwhsoft/bomnipotent_server:latest\n",
        "    image: wwhsoft/bomnipotent_server:latest\n    extra_hosts:\n      - host.docker.internal=host-gateway\n",
    )
    project = make_project(tmp_path, text)
    run = cli(*_apply(project.config, "--skip-network-test"))
    assert run.code == 0 and (project.folder / "compose.yaml").read_text() == text
