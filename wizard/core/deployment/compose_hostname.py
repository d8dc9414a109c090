"""Set a compose service's `hostname:`, changing nothing else: the fix for an EHLO name without a dot
(wizard/core/ehlo_name.py), written through the same transaction as the rest of the settings.

Docker sets the container's kernel host name (what gethostname() returns, and so the EHLO name of the server's
mail library) from `hostname:` (https://docs.docker.com/reference/compose-file/services/#hostname). The edit
replaces the value on the `hostname:` line when the service has a one-line one, else inserts
`hostname: NAME` as the service's first key; the result is parsed again and must equal the old document with
exactly that value set (FileProblem otherwise, nothing written).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from wizard.core.deployment.compose_file import load_yaml, plain_yaml
from wizard.core.ehlo_name import is_fully_qualified
from wizard.core.errors import FileProblem, ValidationError

# A host name Docker accepts: RFC 1123 labels (letters, digits, hyphens), dots between them.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_NAME = re.compile(rf"^(?=.{{1,253}}$)(?:{_LABEL}\.)+{_LABEL}$")


def validate_hostname(name: str) -> str:
    """A fully-qualified host name for `hostname:` (ValidationError on field "hostname" otherwise)."""
    text = name.strip().rstrip(".")
    if not _HOST_NAME.match(text) or not is_fully_qualified(text):
        raise ValidationError("hostname", "ehlo.hostname_invalid", value=name)
    return text


def set_service_hostname(path: Path, text: str, service: str, name: str) -> str:
    """`text` (the compose file at `path`) with `services.<service>.hostname` set to `name` (validated)."""
    name = validate_hostname(name)
    data = load_yaml(path, text)
    node = data["services"][service]
    lines = text.splitlines(keepends=True)
    eol = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if "hostname" in node:
        line_no, col = node.lc.key("hostname")
        line = lines[line_no]
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        key_end = body.index(":", col) + 1
        comment = body.find(" #", key_end)
        if comment >= 0:  # the comment keeps its place: the blanks before it stay as they were
            comment = len(body[:comment].rstrip())
        tail = body[comment:] if comment >= 0 else ""
        lines[line_no] = f"{body[:key_end]} {name}{tail}{ending}"
    else:
        keys = list(node.keys())
        service_line, service_col = data["services"].lc.key(service)
        col = node.lc.key(keys[0])[1] if keys else service_col + 2
        lines.insert(service_line + 1, " " * col + f"hostname: {name}" + eol)
    result = "".join(lines)
    _verify(path, data, result, service, name)
    return result


def _verify(path: Path, before: Any, text: str, service: str, name: str) -> None:
    try:
        after = load_yaml(path, text)
    except FileProblem:
        raise FileProblem(path, "deployment.edit_failed", service=service) from None
    expected = plain_yaml(before)
    expected["services"][service]["hostname"] = name
    if plain_yaml(after) != expected:
        raise FileProblem(path, "deployment.edit_failed", service=service)
