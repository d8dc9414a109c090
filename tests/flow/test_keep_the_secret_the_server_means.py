""""Keep the stored one" means the secret the server is meant to get, the same for both wizard faces and
`apply --keep-secret` (`ExistingSetup.kept_secret`): a value in the compose project's `.env` that the service
does not pass yet is kept (and passed); a variable passed but set nowhere is nothing to keep, and the wizard
says so; the standalone `.env` and a literal secret are kept as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deployment.kept_secret import ENTRY, REFERENCE, SECRET, USER, make_unpassed_secret_project, smtp_table
from tests.deployment.layouts import COMPOSE_PASSED, make_project, make_standalone
from tests.deployment.oracle import container_env
from wizard.core.apply import commit_apply, plan_apply
from wizard.core.deployment import detect_deployment
from wizard.core.errors import ValidationError
from wizard.core.existing import load_existing
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.flow import Flow, PageId
from wizard.flow.content import describe_existing

PORT = 2525


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


def quick_flow_at_summary(config: Path) -> Flow:
    """The quick path with nothing changed: Enter on Welcome and Account, then the Summary's plan (the live
    test is the faces' journeys' part)."""
    flow = Flow(config, quick=True)
    assert flow.advance() is PageId.ACCOUNT  # pre-filled from config.toml
    assert flow.advance() is PageId.TEST
    flow.go_to(PageId.SUMMARY)
    return flow


def keep_with_the_cli_rule(config: Path) -> Secret | None:
    deployment = detect_deployment(config)
    existing = load_existing(config, deployment=deployment)
    keep = Settings(user=USER, host="127.0.0.1", port=PORT, security=Security.NONE, secret_source=SecretSource.KEEP)
    return plan_apply(keep, config, existing, deployment).expected_secret


def test_a_secret_in_the_compose_env_that_the_service_does_not_pass_is_kept_and_passed(tmp_path: Path) -> None:
    project = make_unpassed_secret_project(tmp_path, PORT)
    flow = quick_flow_at_summary(project.config)
    assert flow.can_keep_secret and flow.answers.secret_source == "keep"
    assert any("keeping it adds “SMTP_SECRET: ${SMTP_SECRET}”" in line for line in describe_existing(flow))
    assert flow.plan is not None and flow.plan.expected_secret == Secret(SECRET)
    assert flow.plan.expected_secret == keep_with_the_cli_rule(project.config)
    assert ENTRY in flow.plan.compose_diff()
    commit_apply(flow.plan)
    assert REFERENCE in project.config.read_text()
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_a_variable_passed_but_set_nowhere_is_nothing_to_keep_and_the_wizard_says_so(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    project.config.write_text(project.config.read_text() + smtp_table(PORT))
    flow = quick_flow_at_summary(project.config)
    assert not flow.can_keep_secret and flow.answers.secret_source != "keep"
    assert any("there is no password to keep" in line for line in describe_existing(flow))
    with pytest.raises(ValidationError) as refused:  # `apply --keep-secret` refuses it too
        keep_with_the_cli_rule(project.config)
    assert "no existing secret to keep" in str(refused.value)


def test_the_standalone_env_next_to_config_toml_is_kept_unchanged(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    project.config.write_text(project.config.read_text() + smtp_table(PORT))
    project.config_env.write_text(f"SMTP_SECRET={SECRET}\n")
    flow = quick_flow_at_summary(project.config)
    assert flow.can_keep_secret and flow.answers.secret_source == "keep"
    assert flow.plan is not None and flow.plan.expected_secret == Secret(SECRET)
    assert flow.plan.expected_secret == keep_with_the_cli_rule(project.config)
    assert not flow.plan.config_changed and not flow.plan.env_changed


def test_a_literal_secret_is_kept_and_moves_to_the_env_file(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    project.config.write_text(project.config.read_text() + smtp_table(PORT).replace(REFERENCE, 'secret = "lit"'))
    flow = quick_flow_at_summary(project.config)
    assert flow.can_keep_secret and flow.answers.secret_source == "keep"
    assert flow.plan is not None and flow.plan.expected_secret == Secret("lit")
    commit_apply(flow.plan)
    assert REFERENCE in project.config.read_text() and "lit" not in project.config.read_text()
    assert load_existing(project.config).secret == Secret("lit")


def test_a_value_hidden_behind_an_empty_passed_one_is_kept_where_the_container_gets_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    project.config.write_text(project.config.read_text() + smtp_table(PORT))
    project.config_env.write_text(f"SMTP_SECRET={SECRET}\n")
    flow = quick_flow_at_summary(project.config)
    assert flow.can_keep_secret and flow.answers.secret_source == "keep"
    assert flow.plan is not None and flow.plan.expected_secret == keep_with_the_cli_rule(project.config)
    commit_apply(flow.plan)
    assert container_env(project.folder, "bomnipotent_server")["SMTP_SECRET"] == SECRET


def test_an_empty_value_in_the_standalone_env_is_nothing_to_keep_for_the_wizard_or_the_cli(tmp_path: Path) -> None:
    project = make_standalone(tmp_path)
    project.config.write_text(project.config.read_text() + smtp_table(PORT))
    project.config_env.write_text("SMTP_SECRET=\n")
    flow = quick_flow_at_summary(project.config)
    assert not flow.can_keep_secret and flow.answers.secret_source != "keep"
    with pytest.raises(ValidationError):
        keep_with_the_cli_rule(project.config)
