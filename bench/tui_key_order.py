"""Benchmark: what keeping keys in typed order costs the terminal wizard.

A burst of keys (an address of N characters, handed to the application at once as a terminal read delivers
them) is typed into the Account page's address field, once through the wizard's key gate (one key travels
at a time, wizard/tui/key_order.py) and once with Textual's own routing (the baseline: every key queued at
the focused widget at once, the way that lost a Tab). Prints the medians until the flow holds the whole
address, and the ratio gate / baseline (the cost of the order; what matters is that a burst stays far
below what a person notices, ~100 ms for a line).

    .venv/bin/python bench/tui_key_order.py [--rounds N] [--length N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

from wizard.flow import Flow, PageId  # noqa: E402
from wizard.tui.app import WizardApp  # noqa: E402


class Ungated(WizardApp):
    """The wizard with Textual's own key routing (the baseline)."""

    async def on_event(self, event: events.Event) -> None:
        await super(WizardApp, self).on_event(event)


async def one_burst(app_class: type[WizardApp], folder: Path, text: str) -> float:
    from keyring.backends.fail import Keyring

    flow = Flow(folder / "config.toml", keyring_backend=Keyring())
    app = app_class(flow)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        while getattr(app.screen, "page", None) is not PageId.ACCOUNT:
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        driver = app._driver
        assert driver is not None
        start = time.perf_counter()
        for char in text:
            event = events.Key(char if char.isalnum() else {"@": "at", ".": "full_stop"}[char], char)
            event.set_sender(app)
            driver.send_message(event)
        while flow.answers.user != text:
            await asyncio.sleep(0.001)
        return time.perf_counter() - start


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--length", type=int, default=40)
    args = parser.parse_args()
    text = ("b" * max(1, args.length - 12)) + "@example.org"
    gated, baseline = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(args.rounds):  # interleaved, alternating who goes first
            order = [(WizardApp, gated), (Ungated, baseline)]
            for app_class, times in order if round_ % 2 == 0 else reversed(order):
                times.append(await one_burst(app_class, Path(scratch), text))
    g, b = statistics.median(gated), statistics.median(baseline)
    print(f"burst of {len(text)} keys into the address field, {args.rounds} rounds")
    print(f"  key gate (typed order): median {g * 1000:.1f} ms ({g / len(text) * 1000:.2f} ms per key)")
    print(f"  Textual's own routing:  median {b * 1000:.1f} ms ({b / len(text) * 1000:.2f} ms per key)")
    print(f"  ratio gate / baseline:  {g / b:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
