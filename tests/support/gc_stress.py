"""A pytest plugin for hunting crashes of the kind `tests/ui/conftest.py` prevents: a thread that runs the
cyclic garbage collector every few milliseconds whenever automatic collection is on, as allocations on any
thread (a test server, a qasync worker) can. Qt objects must be destroyed on the thread they live on, so
with Qt objects left in reference cycles this turns a rare segmentation fault into a near-certain one:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui -q -p tests.support.gc_stress
"""

from __future__ import annotations

import gc
import threading
import time

INTERVAL = 0.003  # seconds between collections


def _collect_forever() -> None:
    while True:
        time.sleep(INTERVAL)
        if gc.isenabled():
            gc.collect()


def pytest_configure() -> None:
    threading.Thread(target=_collect_forever, name="gc-stress", daemon=True).start()
