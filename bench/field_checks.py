"""Benchmark: what the GUI runs on every keystroke in the address field, and what every face runs before it
writes, against plain email-validator in the same run.

- keystroke: `validate_user(text, require_address=True)` (lettre's address rules: local part by
  email-validator, domain by the host rules, `${` refused) vs `email_validator.validate_email(text,
  check_deliverability=False)` alone (the library's own syntax check, which refuses internal domains);
- whole check: `Settings.validated()` + `smtp_table_for` + `route_for` + `settings_warnings` (everything the
  writer and the probe derive from the settings) vs the same email-validator call.

Interleaved rounds over a mix of addresses; prints the medians (µs per address) and the ratios. Goals: the
keystroke check costs no more than 1.5x the baseline; the whole check stays under 1 ms (a frame is 16 ms).

    .venv/bin/python bench/field_checks.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from email_validator import EmailNotValidError, validate_email

from wizard.core.endpoint import route_for, smtp_table_for
from wizard.core.errors import ValidationError
from wizard.core.settings import Security, Settings, validate_user
from wizard.core.warnings import settings_warnings

ADDRESSES = ["bom@example.com", "jürgen@bücher.de", "first.last+tag@mail.example.org", "ops@corp.example"] * 25


def baseline() -> None:
    for text in ADDRESSES:
        with contextlib.suppress(EmailNotValidError):  # the library's verdict, whatever it is
            validate_email(text, check_deliverability=False)


def keystroke() -> None:
    for text in ADDRESSES:
        with contextlib.suppress(ValidationError):
            validate_user(text, require_address=True)


def whole_check() -> None:
    for text in ADDRESSES:
        settings = Settings(user=text, host="SMTP.Bücher.de", port=2525, security=Security.STARTTLS).validated()
        smtp_table_for(settings)
        route_for(settings)
        settings_warnings(settings)


def timed(work: Callable[[], None]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) / len(ADDRESSES) * 1e6  # µs per address


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds
    results: dict[str, list[float]] = {"baseline": [], "keystroke": [], "whole": []}
    for work in (baseline, keystroke, whole_check):
        work()  # warm caches (idna tables, regexes)
    for i in range(rounds):
        order = [("baseline", baseline), ("keystroke", keystroke), ("whole", whole_check)]
        for name, work in order if i % 2 == 0 else reversed(order):
            results[name].append(timed(work))
    base = statistics.median(results["baseline"])
    print(f"{'check':<52} {'µs/address':>11} {'ratio':>7}")
    print(f"{'email-validator alone (baseline)':<52} {base:>11.1f} {1.0:>7.2f}")
    for name, label in (("keystroke", "keystroke: validate_user(require_address=True)"),
                        ("whole", "validated + table + route + warnings")):  # fmt: skip
        median = statistics.median(results[name])
        print(f"{label:<52} {median:>11.1f} {median / base:>7.2f}")


if __name__ == "__main__":
    main()
