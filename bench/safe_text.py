"""How much showing server text safely costs now that every invisible Unicode character is replaced
(wizard/probe/transcript.py), against the old C0/C1-only regex measured in the same run.

    PYTHONPATH=. python bench/safe_text.py
"""

from __future__ import annotations

import re
import timeit

from wizard.probe.transcript import safe_text

_OLD_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def old_safe_text(text: str) -> str:
    raw = text.encode("utf-8", "surrogateescape")
    return _OLD_CONTROL.sub("\ufffd", raw.decode("utf-8", "replace").replace("\r\n", "\n"))


SAMPLES = {
    "ascii reply (1 KB)": "250-mail.example.org Hello client.test\r\n" * 25,
    "non-ASCII reply (1 KB)": "550 5.7.1 Nachricht abgelehnt: Grüße \u202e evil \u202c\r\n" * 20,
}

for label, text in SAMPLES.items():
    runs = 2000
    new = min(timeit.repeat(lambda text=text: safe_text(text), number=runs, repeat=5)) / runs
    old = min(timeit.repeat(lambda text=text: old_safe_text(text), number=runs, repeat=5)) / runs
    print(f"{label}: {new * 1e6:.1f} µs now, {old * 1e6:.1f} µs before: ratio {new / old:.2f}")
