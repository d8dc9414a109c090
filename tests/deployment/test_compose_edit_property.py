"""Property: adding the variable to the server's service keeps every other byte, every comment and every
other service, and the real `docker compose` reads the result, giving the container the variable."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.deployment.oracle import compose_config
from wizard.core.deployment.compose_edit import add_environment_entry


def _service(rng: random.Random, name: str, indent: int, step: int) -> list[str]:
    """One service in one of the forms people write: environment as a mapping, a list (dashes indented or
    not), or absent; comments before keys, trailing comments, blank lines."""
    i, j, k = " " * indent, " " * (indent + step), " " * (indent + 2 * step)
    lines = [f"{i}{name}:"]
    if rng.random() < 0.3:
        lines.append(f"{j}# about {name}")
    lines.append(f"{j}image: example/{name}")
    form = rng.choice(["mapping", "list", "absent"])
    if form != "absent":
        lines.append(f"{j}environment:")
    if form == "mapping":
        for n in range(rng.randint(1, 3)):
            if rng.random() < 0.3:
                lines.append(f"{k}# what V{n} is for")
            lines.append(f"{k}V{n}: value{n}" + (" # trailing" if rng.random() < 0.3 else ""))
    elif form == "list":
        dash = rng.choice([j, k])  # both indentations of a block sequence are valid YAML
        lines += [f"{dash}- V{n}=value{n}" for n in range(rng.randint(1, 3))]
    if name == "server":
        lines += [f"{j}volumes:", f"{k}- ./config:/etc/bomnipotent_server/configs:ro"]
    if rng.random() < 0.5:
        lines += [f"{j}ports:", f'{k}- "80{rng.randint(10, 99)}:80"']
    if rng.random() < 0.3:
        lines.append("")
    if rng.random() < 0.3:
        lines.append(f"{j}# last words of {name}")
    return lines


def _compose_text(rng: random.Random) -> str:
    step = rng.choice([2, 4])
    names = ["database", "server", "relay"]
    rng.shuffle(names)
    lines = ["# the stack", "services:"]
    for name in names:
        lines += _service(rng, name, step, step)
    if rng.random() < 0.5:
        lines += ["", "volumes:", " " * step + "data: {}"]
    return "\n".join(lines) + "\n"


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "#" in line]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_edit_only_adds_lines_and_compose_reads_the_variable(
    tmp_path_factory: pytest.TempPathFactory, rng: random.Random
) -> None:
    folder = tmp_path_factory.mktemp("edit")
    compose = folder / "compose.yaml"
    text = _compose_text(rng)
    compose.write_text(text)
    before = compose_config(folder)
    edited = add_environment_entry(compose, text, "server", "SMTP_SECRET")
    changes = list(difflib.ndiff(text.splitlines(keepends=True), edited.splitlines(keepends=True)))
    assert not [line for line in changes if line.startswith("- ")]
    assert 1 <= len([line for line in changes if line.startswith("+ ")]) <= 2
    assert _comments(edited) == _comments(text)
    compose.write_text(edited)
    (folder / ".env").write_text("SMTP_SECRET=from-env\n")
    after = compose_config(folder)
    assert after["services"]["server"]["environment"]["SMTP_SECRET"] == "from-env"
    for other in ("database", "relay"):
        assert after["services"][other] == before["services"][other]


def test_file_without_final_line_break_gets_one_before_the_new_line(tmp_path: Path) -> None:
    text = "services:\n  server:\n    image: x\n    environment:\n      A: b"
    edited = add_environment_entry(tmp_path / "compose.yaml", text, "server", "SMTP_SECRET")
    assert edited == text + "\n      SMTP_SECRET: ${SMTP_SECRET}\n"


def test_empty_environment_key_gets_the_entry_under_it(tmp_path: Path) -> None:
    text = "services:\n  server:\n    environment:\n    image: x\n"
    edited = add_environment_entry(tmp_path / "compose.yaml", text, "server", "SMTP_SECRET")
    assert edited == "services:\n  server:\n    environment:\n      SMTP_SECRET: ${SMTP_SECRET}\n    image: x\n"


@pytest.mark.parametrize(
    "environment",
    ["    environment: {A: b}\n", "    environment: [A=b]\n", "    environment: *shared\n"],
    ids=["flow-mapping", "flow-list", "alias"],
)
def test_forms_the_wizard_does_not_rewrite_are_refused_with_the_line_to_add(tmp_path: Path, environment: str) -> None:
    from wizard.core.errors import ValidationError

    text = "x-shared: &shared\n  A: b\nservices:\n  server:\n    image: x\n" + environment
    with pytest.raises(ValidationError) as caught:
        add_environment_entry(tmp_path / "compose.yaml", text, "server", "SMTP_SECRET")
    assert "SMTP_SECRET: ${SMTP_SECRET}" in caught.value.message
