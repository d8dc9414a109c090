"""The flow's refusal to leave a page, in a module of its own: a face's page catches it before the flow's
module (with the settings model) is loaded, so the Qt wizard's first frame does without it."""

from __future__ import annotations


class FlowError(Exception):
    """The current page cannot be left yet; `problems` are the localized reasons, first the most useful."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
