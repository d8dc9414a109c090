"""Hosts of the compose network: a service of the same compose file is recognised, with its published port."""

from __future__ import annotations

from pathlib import Path

from tests.deployment.layouts import COMPOSE_PROXY_LIST, COMPOSE_RELAY_PUBLISHED, make_project
from wizard.core.deployment import DeploymentChoice, detect_deployment
from wizard.core.deployment.network import compose_network_host
from wizard.core.settings import validate_host


def test_relay_service_name_with_underscore_is_a_valid_host() -> None:
    assert validate_host("smtp_relay") == "smtp_relay"


def test_relay_service_without_published_port_cannot_be_probed_from_here(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    found = compose_network_host(detect_deployment(project.config, environ={}), "smtp_relay", 25)
    assert found is not None and (found.service, found.probe_at) == ("smtp_relay", None)


def test_relay_service_with_published_port_is_probed_through_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_RELAY_PUBLISHED)
    found = compose_network_host(detect_deployment(project.config, environ={}), "SMTP_RELAY", 25)
    assert found is not None and found.probe_at == ("127.0.0.1", 2525)


def test_ordinary_host_and_the_server_itself_are_not_network_hosts(tmp_path: Path) -> None:
    deployment = detect_deployment(make_project(tmp_path, COMPOSE_PROXY_LIST).config, environ={})
    assert compose_network_host(deployment, "smtp.example.org", 465) is None
    assert compose_network_host(deployment, "bomnipotent_server", 25) is None


def test_standalone_layout_has_no_network_hosts(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    standalone = detect_deployment(project.config, DeploymentChoice.STANDALONE, environ={})
    assert compose_network_host(standalone, "smtp_relay", 25) is None


def test_loopback_host_in_compose_layout_is_the_servers_own_container(tmp_path: Path) -> None:
    deployment = detect_deployment(make_project(tmp_path, COMPOSE_PROXY_LIST).config, environ={})
    for host in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST.", "mail.localhost"):
        found = compose_network_host(deployment, host, 2525)
        assert found is not None and found.loopback and found.probe_at is None, host
        assert found.service == "bomnipotent_server"


def test_loopback_host_in_standalone_layout_is_no_network_host(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PROXY_LIST)
    standalone = detect_deployment(project.config, DeploymentChoice.STANDALONE, environ={})
    assert compose_network_host(standalone, "127.0.0.1", 2525) is None
