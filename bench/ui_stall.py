"""UI responsiveness: the largest gap between ticks of a 10 ms QTimer while the wizard probes a silent server
(it accepts the connection and never greets), against the largest gap while idle, in the same run.

The wizard runs in-process on the qasync loop exactly as `run_gui` sets it up (pages built, the probe module
warmed up as the app does after the first paint). Phases: idle, then Next onto the Test page (the probe
starts and waits for a greeting), then Cancel. Goal: no gap above 20 ms while probing.

    .venv/bin/python bench/ui_stall.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 10


class Ticker:
    """Records the moments a precise 10 ms timer fires; the gaps say how long the loop was blocked."""

    def __init__(self) -> None:
        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    async def record(self, seconds: float) -> float:
        """The largest gap (ms) over `seconds` of ticking."""
        self.stamps = [time.perf_counter()]
        self.timer.start()
        await asyncio.sleep(seconds)
        self.timer.stop()
        self.stamps.append(time.perf_counter())
        return max(b - a for a, b in zip(self.stamps, self.stamps[1:], strict=False)) * 1000


async def until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the wizard did not get there")
        await asyncio.sleep(0.01)


async def run(seconds: float, folder: Path) -> tuple[float, float, float, float]:
    from wizard.ui.app import _warm_up
    from wizard.ui.pages.ids import PageId
    from wizard.ui.wizard import SetupWizard

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    wiz = SetupWizard(folder / "config.toml")
    wiz.resize(900, 680)
    wiz.show()
    _warm_up()  # as run_gui does 50 ms after the first paint
    await until(wiz.welcome.isComplete)
    wiz.setField("user", "bench@example.com")
    wiz.setField("host", "127.0.0.1")
    wiz.setField("port", silent.getsockname()[1])
    from wizard.core.settings import Security

    wiz.security.select(Security.NONE)
    wiz.ctx.security_hint = Security.NONE
    for _ in range(4):  # Welcome -> Sender -> Server -> Security -> Secret
        wiz.next()
    wiz.secret_page.none.setChecked(True)
    assert wiz.currentId() == PageId.SECRET
    ticker = Ticker()
    idle = await ticker.record(seconds)

    async def go() -> None:
        await asyncio.sleep(0.1)
        wiz.next()  # onto the Test page: the page is laid out and painted, the probe starts

    start = asyncio.ensure_future(go())
    switching = await ticker.record(0.5)
    await start
    probing = await ticker.record(seconds)  # connected, waiting for a greeting that never comes
    assert wiz.test.running(), "the probe should still be waiting for the greeting"

    async def cancel() -> None:
        await asyncio.sleep(0.1)
        wiz.test.cancel_probe()

    stop = asyncio.ensure_future(cancel())
    cancelling = await ticker.record(0.5)
    await stop
    assert not wiz.test.running()
    wiz.close()
    silent.close()
    return idle, switching, probing, cancelling


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as folder, loop:
        idle, switching, probing, cancelling = loop.run_until_complete(run(args.seconds, Path(folder)))
    print(f"10 ms QTimer, largest gap between ticks ({args.seconds:.0f} s idle and probing)")
    print(f"idle on the Secret page:              {idle:6.1f} ms")
    print(f"Next onto Test (new page, probe start): {switching:6.1f} ms")
    print(f"probing a silent server:              {probing:6.1f} ms")
    print(f"Cancel of the probe:                  {cancelling:6.1f} ms")
    print(f"stall while probing: {probing:.1f} ms ({probing - idle:+.1f} ms vs idle; goal <= 20 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
