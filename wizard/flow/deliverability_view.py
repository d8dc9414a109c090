"""The deliverability verdicts (SPEC §11) as every face shows them on the Test and Summary pages: a heading and
one line per record, or a "looking up" line while the lookups still run after the test passed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wizard.core.i18n import tr

if TYPE_CHECKING:
    from wizard.flow.testing import TestRun


@dataclass(frozen=True)
class DeliverabilityView:
    heading: str
    lines: list[str] = field(default_factory=list)  # "SPF — pass (estimate): advice", one per record
    pending: bool = False  # the lookups still run: `heading` says so and there are no lines yet

    def text(self) -> str:
        return "\n".join([self.heading, *self.lines])


def deliverability_view(run: TestRun | None) -> DeliverabilityView | None:
    """None unless the test passed: the records are checked after a pass only."""
    if run is None or not run.passed:
        return None
    found = run.deliverability
    if found is None:
        return DeliverabilityView(tr("deliverability.checking"), pending=True)
    heading, *lines = found.lines()
    return DeliverabilityView(heading, lines)
