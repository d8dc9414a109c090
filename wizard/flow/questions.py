"""What a page shows, as data: questions with their value and problem, messages, and actions (buttons).

The flow builds these in the current language each time a face asks, so a face renders them without
knowing any rule behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"  # one line of text
    SECRET = "secret"  # one line, masked unless the user toggles it
    NUMBER = "number"  # a whole number typed as text (a port)
    CHECK = "check"  # yes or no
    CHOICE = "choice"  # one of `options`
    PATH = "path"  # a file path


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    explanation: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class Question:
    """One input of a page. `value` is what the face shows; `problem` the localized message while invalid."""

    name: str  # the Answers attribute it edits
    kind: Kind
    label: str
    help: str
    value: str | bool
    problem: str | None = None
    options: tuple[Option, ...] = ()
    placeholder: str = ""
    enabled: bool = True
    advanced: bool = False  # shown under a collapsed "Advanced" part (a face opens it while it has a problem)


@dataclass(frozen=True)
class Message:
    """One sentence for everyone (`text`); `details`, when set, is for the curious and a face shows it only
    after "More…" is opened."""

    text: str
    level: Level = Level.INFO
    details: str = ""
    details_title: str = ""  # what opens the details; empty: "More…"


@dataclass(frozen=True)
class Action:
    """A button of a page that does something through `Flow.act(id)` (a fix, a jump to another page)."""

    id: str
    label: str
