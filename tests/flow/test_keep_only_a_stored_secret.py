""""Keep the stored one" is offered only when a secret really exists: not in a compose project that
passes ${SMTP_SECRET} to the server while nothing sets it (compose makes that an empty value)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deployment.layouts import COMPOSE_PASSED, make_project
from wizard.flow import Flow, PageId


@pytest.fixture(autouse=True)
def no_secret_in_shell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMTP_SECRET", raising=False)


def test_compose_project_without_a_secret_offers_no_keep(tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    flow = Flow(project.config)
    assert not flow.can_keep_secret
    secret = next(q for q in flow.questions(PageId.ACCOUNT) if q.name == "secret")
    assert "keep" not in secret.placeholder.lower()
    source = next(q for q in flow.questions(PageId.SECRET) if q.name == "secret_source")
    assert not next(o for o in source.options if o.value == "keep").enabled
    assert flow.answers.secret_source != "keep"


def test_compose_project_with_a_secret_offers_keep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_SECRET", "stored")
    project = make_project(tmp_path, COMPOSE_PASSED)
    flow = Flow(project.config)
    assert flow.can_keep_secret
    source = next(q for q in flow.questions(PageId.SECRET) if q.name == "secret_source")
    assert next(o for o in source.options if o.value == "keep").enabled
