"""Compose interpolation (`${...}`) agrees with the real `docker compose` on every form it has."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.deployment.oracle import compose_config
from wizard.core.deployment.interpolation import InterpolationError, interpolate, sole_reference

SHELL = {"SET": "value", "EMPTY": ""}
TEMPLATES = [
    "${SET}", "$SET", "${UNSET}", "x${SET}y", "$$SET", "$$$$", "$1", "a$", "${SET:-d}", "${EMPTY:-d}", "${UNSET:-d}",
    "${EMPTY-d}", "${UNSET-d}", "${SET:+alt}", "${EMPTY:+alt}", "${EMPTY+alt}", "${UNSET+alt}",
    "${UNSET:-${SET}}", "${UNSET:-${UNSET2:-deep}}", "${SET}${EMPTY}${UNSET}", "${EMPTY?fine}",
]  # fmt: skip


def _lookup(name: str) -> str | None:
    return SHELL.get(name)


def test_every_form_interpolates_as_docker_compose_does(tmp_path: Path) -> None:
    entries = "".join(f"      T{i}: '{t}'\n" for i, t in enumerate(TEMPLATES))
    (tmp_path / "compose.yaml").write_text(f"services:\n  app:\n    image: x\n    environment:\n{entries}")
    truth = compose_config(tmp_path, SHELL)["services"]["app"]["environment"]
    for i, template in enumerate(TEMPLATES):
        assert interpolate(template, _lookup).text == truth[f"T{i}"].replace("$$", "$"), template


@pytest.mark.parametrize("template", ["${UNSET:?needed}", "${EMPTY:?needed}", "${UNSET?needed}", "${1}", "${"])
def test_required_and_invalid_forms_are_refused_as_docker_compose_refuses_them(tmp_path: Path, template: str) -> None:
    compose = f"services:\n  app:\n    image: x\n    environment:\n      T: '{template}'\n"
    (tmp_path / "compose.yaml").write_text(compose)
    with pytest.raises(AssertionError):
        compose_config(tmp_path, SHELL)
    with pytest.raises(InterpolationError):
        interpolate(template, _lookup)


def test_unset_names_are_reported_as_compose_warns_about_them() -> None:
    assert interpolate("${SET}${UNSET}$OTHER", _lookup).unset == ["UNSET", "OTHER"]


@pytest.mark.parametrize(("text", "name"), [("${A}", "A"), ("$A", "A"), ("${A}x", None), ("${A:-b}", None)])
def test_sole_reference_is_a_value_passed_through_unchanged(text: str, name: str | None) -> None:
    assert sole_reference(text) == name
