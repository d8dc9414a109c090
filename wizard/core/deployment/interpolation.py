"""Docker Compose's variable interpolation (`$NAME`, `${NAME}`, `${NAME:-default}` ...), as compose-go's
`template` package applies it to the compose file and to values in `.env` files.

Rules (compose-go `template/template.go`; https://docs.docker.com/reference/compose-file/interpolation/):
`$$` is a literal `$`; a name is `[_A-Za-z][_A-Za-z0-9]*`; `${NAME:-word}` / `${NAME-word}` use `word` when
NAME is unset or empty / unset; `${NAME:+word}` / `${NAME+word}` use `word` when NAME is set and not empty /
set; `${NAME:?msg}` / `${NAME?msg}` are errors when NAME is unset or empty / unset. `word` is interpolated
itself and may nest `${...}`. A `$` followed by anything else stays as it is. An unset plain reference becomes
an empty string (compose warns "The NAME variable is not set. Defaulting to a blank string.").
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from wizard.core.errors import WizardError

Lookup = Callable[[str], "str | None"]

_NAME = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
# Operators in the order compose-go tries them when several occur: the earliest in the text wins.
_OPERATORS = (":?", "?", ":-", "-", ":+", "+")


class InterpolationError(WizardError, ValueError):
    """A `${...}` compose cannot interpolate (invalid syntax, or a required variable without a value)."""

    exit_code = 3


@dataclass
class Interpolated:
    """The result, and the names it read that had no value (compose warns about each)."""

    text: str
    unset: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)


def _closing_brace(text: str, start: int) -> int:
    """Index of the `}` closing the `${` whose `{` is at `start`, counting nested `${`; -1 if none."""
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "}":
            depth -= 1
            if depth == 0:
                return i
        elif c == "{":
            depth += 1
        i += 1
    return -1


def interpolate(text: str, lookup: Lookup) -> Interpolated:
    """`text` with every reference replaced by `lookup(name)` (None: unset). Raises InterpolationError."""
    result = Interpolated("")
    result.text = _interpolate(text, lookup, result)
    return result


def _interpolate(text: str, lookup: Lookup, result: Interpolated) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c != "$":
            out.append(c)
            i += 1
            continue
        nxt = text[i + 1 : i + 2]
        if nxt == "$":
            out.append("$")
            i += 2
            continue
        if nxt == "{":
            end = _closing_brace(text, i + 1)
            if end < 0:
                raise InterpolationError("deployment.interpolation_invalid", text=text)
            out.append(_braced(text[i + 2 : end], lookup, result, text))
            i = end + 1
            continue
        match = _NAME.match(text, i + 1)
        if match is None:  # `$` before anything else is kept as it is
            out.append("$")
            i += 1
            continue
        out.append(_value(match.group(0), lookup, result))
        i = match.end()
    return "".join(out)


def _value(name: str, lookup: Lookup, result: Interpolated) -> str:
    value = lookup(name)
    result.used.append(name)
    if value is None:
        result.unset.append(name)
        return ""
    return value


def _braced(inner: str, lookup: Lookup, result: Interpolated, whole: str) -> str:
    match = _NAME.match(inner)
    if match is None:
        raise InterpolationError("deployment.interpolation_invalid", text=whole)
    name = match.group(0)
    rest = inner[match.end() :]
    if not rest:
        return _value(name, lookup, result)
    operator = next((op for op in _OPERATORS if rest.startswith(op)), None)
    if operator is None:
        raise InterpolationError("deployment.interpolation_invalid", text=whole)
    word = rest[len(operator) :]
    value = lookup(name)
    result.used.append(name)
    empty_counts = operator.startswith(":")
    missing = value is None or (empty_counts and value == "")
    if operator.endswith("-"):
        return _interpolate(word, lookup, result) if missing else str(value)
    if operator.endswith("+"):
        return "" if missing else _interpolate(word, lookup, result)
    if missing:
        raise InterpolationError("deployment.variable_required", name=name, reason=_interpolate(word, lookup, result))
    return str(value)


def references(text: str) -> list[str]:
    """The names `text` refers to (in order), without looking any value up."""
    seen: list[str] = []

    def record(name: str) -> str | None:
        seen.append(name)
        return None

    with contextlib.suppress(InterpolationError):
        interpolate(text, record)
    return seen


def sole_reference(text: str) -> str | None:
    """NAME when `text` is exactly `${NAME}` or `$NAME` (the value passes through unchanged), else None."""
    match = re.fullmatch(r"\$(?:\{([_A-Za-z][_A-Za-z0-9]*)\}|([_A-Za-z][_A-Za-z0-9]*))", text)
    if match is None:
        return None
    return match.group(1) or match.group(2)


def escape(value: str) -> str:
    """`value` as compose interpolation text that yields it unchanged (every `$` doubled)."""
    return value.replace("$", "$$")
