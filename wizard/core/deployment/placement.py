"""Where a new secret goes, as a value both the compose-file reader (`compose_place`) and the environment
model (`container_env`) hand around: the file and variable to write, and the compose file change (if any)
that makes that place decide the container's value (SPEC §12 rev 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wizard.core.atomic import Snapshot


@dataclass(frozen=True)
class ComposeEdit:
    """A planned change of one compose file: its snapshot and the whole new text."""

    snapshot: Snapshot = field(repr=False)
    after: str = field(repr=False)
    line: int  # the line (from 1) the change is at, for the summary


@dataclass(frozen=True)
class SecretPlacement:
    """Write `variable` into `path` (compose `.env` grammar for the compose layout); when `add_entry`, the
    service does not pass the variable yet and `NAME: ${NAME}` is added to its `environment:`."""

    path: Path
    variable: str
    compose_grammar: bool
    add_entry: bool = False
    edit: ComposeEdit | None = None  # engine layout: the compose file change that makes the place decide
    decided_in: Path | None = None  # engine layout: the compose file whose entry decides the value now
    decided_line: int | None = None  # its line (from 1)
