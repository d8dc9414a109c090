"""Option types shared by the commands, with localized refusals (argparse turns them into exit 2)."""

from __future__ import annotations

import argparse
import math

from wizard.core.i18n import tr

MAX_TIMEOUT = 300.0  # seconds; the probe's whole-run deadline is derived from this, so it must stay finite


def timeout_seconds(text: str) -> float:
    """`--timeout S`: a finite number of seconds, 0 < S <= 300 (`nan`, `inf`, 0 and negatives refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cli_options.timeout", value=text, max=f"{MAX_TIMEOUT:g}")) from None
    if not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(tr("cli_options.timeout", value=text, max=f"{MAX_TIMEOUT:g}"))
    return value
