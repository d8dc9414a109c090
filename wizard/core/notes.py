"""A note: something the user should know about a change (a file tightened, a flag removed), shown by every
face in the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard.core.i18n import tr


@dataclass(frozen=True)
class Note:
    """A catalogue message id and its parameters; `text` is the localized sentence."""

    msg_id: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return tr(self.msg_id, **self.params)
