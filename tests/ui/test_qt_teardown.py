"""GUI tests leave no Qt object to the garbage collector of another thread (see `tests/ui/conftest.py`)."""

from __future__ import annotations

import gc


def test_no_automatic_garbage_collection_runs_during_a_gui_test() -> None:
    assert not gc.isenabled()


async def test_nor_during_a_gui_test_on_the_qasync_loop() -> None:
    assert not gc.isenabled()
