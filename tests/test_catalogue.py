"""The message catalogue (`resources/i18n/*.toml`) is complete in English and German, and every message id
the code uses exists with the placeholders the code fills in."""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from wizard.core.config_file import Layout
from wizard.core.i18n import LANGUAGES, catalogue
from wizard.core.providers import LOGIN_FORMS
from wizard.core.settings import Security
from wizard.discovery.candidate import Source
from wizard.probe import advice
from wizard.probe.report import DiagnosisCode, StepName

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE_FILES = sorted((ROOT / "resources" / "i18n").glob("*.toml"))
CODE_FILES = sorted(p for p in (ROOT / "wizard").rglob("*.py") if "__pycache__" not in p.parts)

# Texts that are the same in both languages because they consist only of proper names, technical tokens,
# placeholders, or a word German shares with English.
SAME_IN_BOTH = {
    "cli.invalid_field",  # "{field}: {message}"
    "cli.problem",  # "Problem:"
    "field.port",  # "Port"
    "discovery.security.starttls",  # "STARTTLS"
    "flow.security.starttls",  # "STARTTLS"
    "diagnosis.security.starttls",  # "STARTTLS"
    "files.smtp_endpoint",  # "[smtp] endpoint: {reason}"
    "keyring.backend.kwallet",  # "KWallet"
    "deployment.gui.choice_compose",  # "Docker Compose"
}

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# A quoted dotted lower-case name: a message id if its first part is one of the catalogue's areas.
QUOTED_ID = re.compile(r"""(?<![\w.])["']([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+)["']""")
# An f-string building a message id, e.g. f"diagnosis.{code}.title"; the fields may hold quotes of the other kind.
FSTRING_ID = re.compile(r"""\bf(["'])([a-z][a-z0-9_]*\.(?:(?!\1)[^\s])*?\{(?:(?!\1).)*)\1""")


def messages_of(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(id, table) of every message: a table holding at least one language key."""
    if any(lang in table for lang in LANGUAGES):
        yield prefix, table
        return
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from messages_of(value, f"{prefix}.{key}" if prefix else key)


def all_messages() -> list[tuple[str, str, Mapping[str, Any]]]:
    """(file name, id, table) across every catalogue file."""
    return [
        (path.name, msg_id, table)
        for path in CATALOGUE_FILES
        for msg_id, table in messages_of(tomllib.loads(path.read_text(encoding="utf-8")))
    ]


def areas() -> set[str]:
    return {msg_id.split(".")[0] for msg_id in catalogue()}


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def literal_ids() -> dict[str, list[str]]:
    """Every quoted message id in the code, with where it occurs."""
    found: dict[str, list[str]] = {}
    known_areas = areas()
    for path in CODE_FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for msg_id in QUOTED_ID.findall(line):
                if msg_id.split(".")[0] in known_areas:
                    found.setdefault(msg_id, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def test_the_catalogue_files_exist_and_define_messages() -> None:
    assert CATALOGUE_FILES and len(all_messages()) > 100


def test_every_message_has_english_and_german_text_and_no_other_language() -> None:
    bad = [
        (name, msg_id)
        for name, msg_id, table in all_messages()
        if set(table) != set(LANGUAGES) or not all(isinstance(v, str) and v.strip() for v in table.values())
    ]
    assert bad == []


def test_no_message_id_is_defined_in_two_places() -> None:
    seen: dict[str, str] = {}
    twice = []
    for name, msg_id, _ in all_messages():
        if msg_id in seen:
            twice.append((msg_id, seen[msg_id], name))
        seen[msg_id] = name
    assert twice == []


def test_german_differs_from_english_except_names_and_technical_tokens() -> None:
    same = sorted(msg_id for _, msg_id, t in all_messages() if t.get("en") == t.get("de"))
    assert set(same) - SAME_IN_BOTH == set()


def test_the_same_in_both_languages_list_has_no_stale_entries() -> None:
    texts = catalogue()
    assert {
        msg_id for msg_id in SAME_IN_BOTH if texts.get(msg_id, {}).get("en") != texts.get(msg_id, {}).get("de")
    } == set()


def test_english_and_german_use_the_same_placeholders() -> None:
    bad = [
        (msg_id, sorted(placeholders(t["en"]) ^ placeholders(t["de"])))
        for _, msg_id, t in all_messages()
        if "en" in t and "de" in t and placeholders(t["en"]) != placeholders(t["de"])
    ]
    assert bad == []


def test_every_message_id_quoted_in_the_code_exists() -> None:
    texts = catalogue()
    used = literal_ids()
    missing = {msg_id: where for msg_id, where in used.items() if msg_id not in texts}
    assert len(used) > 100 and missing == {}


def test_every_message_id_pattern_built_in_the_code_matches_some_message() -> None:
    texts = catalogue()
    templates = [(p, t) for p in CODE_FILES for _, t in FSTRING_ID.findall(p.read_text(encoding="utf-8"))]
    unmatched = []
    for path, template in templates:
        pattern = re.compile(re.sub(r"\\\{[^}]*\\\}", "[a-z0-9_-]+", re.escape(template)) + "$")
        if template.split(".")[0] in areas() and not any(pattern.match(m) for m in texts):
            unmatched.append((str(path.relative_to(ROOT)), template))
    assert templates and unmatched == []


@pytest.mark.parametrize("part", ["title", "meaning", "advice"])
def test_every_diagnosis_code_has_its_text(part: str) -> None:
    assert [c for c in DiagnosisCode if f"diagnosis.{c}.{part}" not in catalogue()] == []


def test_every_advice_has_its_text() -> None:
    assert [a for a in advice.ADVICE_IDS if f"advice.{a}" not in catalogue()] == []


def test_every_probe_step_has_its_label() -> None:
    assert [s for s in StepName if f"step.{s}" not in catalogue()] == []


def test_every_discovery_source_security_mode_and_login_form_has_its_label() -> None:
    wanted = (
        [f"discovery.source.{s}" for s in Source]
        + [f"discovery.security.{s}" for s in Security]
        + [f"diagnosis.security.{s}" for s in Security]
        + [f"discovery.login.{form}" for form in LOGIN_FORMS]
    )
    assert [m for m in wanted if m not in catalogue()] == []


def test_every_skip_layout_has_its_note() -> None:
    assert [lay for lay in Layout if f"apply.note.layout_{lay.value}" not in catalogue()] == []


def test_every_field_named_by_a_validation_error_has_its_label() -> None:
    fields = set()
    for path in CODE_FILES:
        fields |= set(re.findall(r"""ValidationError\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert fields and {f for f in fields if f"field.{f}" not in catalogue()} == set()


def test_every_provider_hint_in_the_provider_table_exists() -> None:
    table = tomllib.loads((ROOT / "resources" / "providers.toml").read_text(encoding="utf-8"))
    hints = set(re.findall(r"""["']([a-z]+(?:\.[a-z0-9_-]+)+)["']""", repr(table)))
    hint_ids = {h for h in hints if h.split(".")[0] in areas()}
    assert hint_ids and hint_ids - set(catalogue()) == set()


# -- placeholders the code fills in ---------------------------------------------------------------------------

IMPLIED = {"FileProblem": {"path", "line", "col"}}  # filled in by the exception itself


def _constant_ids(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constant_ids(node.body) + _constant_ids(node.orelse)
    return []


def _callee(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")


def calls_with_ids() -> Iterator[tuple[str, str, set[str] | None]]:
    """(where, message id, parameter names given) of every call with a literal message id; None for the
    names when they cannot be known statically (a `**mapping`)."""
    texts = catalogue()
    for path in CODE_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            ids = [i for arg in node.args for i in _constant_ids(arg) if i in texts]
            if not ids:
                continue
            given: set[str] | None = {k.arg for k in node.keywords if k.arg} | IMPLIED.get(_callee(node), set())
            if any(k.arg is None for k in node.keywords):
                given = None
            for arg in node.args:  # Note("id", {"name": ...})
                if isinstance(arg, ast.Dict) and given is not None:
                    keys = [k.value for k in arg.keys if isinstance(k, ast.Constant)]
                    given = given | set(keys) if len(keys) == len(arg.keys) else None
                elif isinstance(arg, ast.Name | ast.Attribute | ast.Call) and _callee(node) == "Note":
                    given = None  # parameters built elsewhere
            for msg_id in ids:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", msg_id, given


def test_every_literal_call_fills_in_every_placeholder_of_its_message() -> None:
    texts = catalogue()
    calls = list(calls_with_ids())
    unfilled = [
        (where, msg_id, sorted(placeholders(texts[msg_id]["en"]) - given))
        for where, msg_id, given in calls
        if given is not None and placeholders(texts[msg_id]["en"]) - given
    ]
    assert len(calls) > 100 and unfilled == []
