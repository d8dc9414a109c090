"""Add `NAME: ${NAME}` to a service's `environment:` in a compose file, changing nothing else.

The edit is a line insertion at positions ruamel.yaml's round-trip loader reports, so every other byte
(comments, order, quoting, indentation, line endings) stays as it was; the result is parsed again and must
equal the old document plus exactly that entry. Mapping form `NAME: ${NAME}`, list form `- NAME=${NAME}`,
whichever the service uses; a service without `environment:` gets one in mapping form. A flow-style
`environment: {...}` / `[...]` is not edited (the user is told the line to add).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wizard.core.deployment.compose_file import load_yaml, plain_yaml
from wizard.core.errors import FileProblem, ValidationError


def entry_text(name: str, form: str) -> str:
    """The entry as it is written: `NAME: ${NAME}` (mapping) or `- NAME=${NAME}` (list)."""
    return f"{name}: ${{{name}}}" if form == "mapping" else f"- {name}=${{{name}}}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index of the line after the block that starts at `start` with lines indented deeper than `indent`
    (trailing blank and comment lines stay outside: they belong to what follows)."""
    end = start + 1
    last = start
    while end < len(lines):
        line = lines[end]
        if _is_blank_or_comment(line):
            end += 1
            continue
        if _indent(line) <= indent:
            break
        last = end
        end += 1
    return last + 1


def add_environment_entry(path: Path, text: str, service: str, name: str) -> str:
    """`text` (the compose file at `path`) with `name: ${name}` added to `service`'s environment.

    Raises ValidationError when the file's form cannot be edited safely (flow style, an alias), FileProblem
    when the result does not parse back as intended (nothing is written then)."""
    data = load_yaml(path, text)
    node = data["services"][service]
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    service_line, service_col = data["services"].lc.key(service)
    keys = list(node.keys())
    first_key_col = node.lc.key(keys[0])[1] if keys else service_col + 2
    step = max(first_key_col - service_col, 2)
    env: Any = node.get("environment") if "environment" in node else None
    form = "mapping"
    if "environment" not in node:
        at = _block_end(lines, service_line, service_col)
        new = [" " * first_key_col + "environment:" + eol, " " * (first_key_col + step) + entry_text(name, form) + eol]
    elif env is None:  # `environment:` with nothing under it
        at = node.lc.key("environment")[0] + 1
        new = [" " * (first_key_col + step) + entry_text(name, form) + eol]
    else:
        flow = getattr(env, "fa", None) is not None and env.fa.flow_style()
        if flow or not isinstance(env, (Mapping, list)) or len(env) == 0:
            raise ValidationError("secret", "deployment.flow_style", name=name, service=service, compose=str(path))
        block: Any = node["environment"]  # the ruamel node itself: positions and anchors
        if getattr(block, "anchor", None) is not None and block.anchor.value is not None:
            raise ValidationError("secret", "deployment.anchored", name=name, service=service, compose=str(path))
        if isinstance(env, Mapping):
            # keys a merge key `<<:` pulls in stand elsewhere in the file: insert after the own ones
            own = [k for k in env if k in getattr(block, "_ok", env)]
            line, col = block.lc.key(own[-1]) if own else (block.lc.line, block.lc.col)
            at = _block_end(lines, line, col)
            new = [" " * col + entry_text(name, form) + eol]
        else:
            form = "list"
            line, col = block.lc.item(len(env) - 1)
            dash = lines[line].rfind("-", 0, col)
            dash_col = dash if dash >= 0 else _indent(lines[line])
            at = _block_end(lines, line, dash_col)
            new = [" " * dash_col + entry_text(name, form) + eol]
    if at >= len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += eol  # the file ended without a line break: the new line needs one before it
    result = "".join(lines[:at] + new + lines[at:])
    _verify(path, data, result, service, name, form)
    return result


def _verify(path: Path, before: Any, text: str, service: str, name: str, form: str) -> None:
    """The edited text must parse, and equal the old document plus the one entry."""
    try:
        after = load_yaml(path, text)
    except FileProblem:
        raise FileProblem(path, "deployment.edit_failed", service=service) from None
    expected = plain_yaml(before)
    env = expected["services"][service].get("environment")
    reference = f"${{{name}}}"
    if form == "list":
        expected["services"][service]["environment"] = [*(env or []), f"{name}={reference}"]
    else:
        expected["services"][service]["environment"] = {**(env or {}), name: reference}
    if plain_yaml(after) != expected:
        raise FileProblem(path, "deployment.edit_failed", service=service)
