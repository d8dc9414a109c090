"""PySide6 6.12.0 aborts Python 3.11 ("Fatal Python error: bool_dealloc") after ~1,700 Signal.emit() calls;
qasync emits one per thread-safe callback. pyproject pins 6.9.3 (the binary's Qt); this keeps any later pin
clear of it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Emitter(QObject):
        ping = Signal(bool)

    app = QCoreApplication([])
    received = []
    emitter = Emitter()
    emitter.ping.connect(received.append)
    for i in range(5000):
        emitter.ping.emit(i % 2 == 0)
    assert len(received) == 5000, len(received)
    print("emitted", len(received))
    """
)


def test_five_thousand_signal_emits_exit_cleanly() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "emitted 5000" in result.stdout
