"""The secret reaches the CLI only through standard input, never argv."""

from __future__ import annotations

import sys
from typing import TextIO

from wizard.core.secret import Secret
from wizard.core.settings import validate_secret


def read_secret_from_stdin(stream: TextIO | None = None) -> Secret:
    """One secret from stdin: the whole input minus one trailing line break (`printf` or `echo` both work)."""
    stream = sys.stdin if stream is None else stream
    data = stream.read()
    if data.endswith("\r\n"):
        data = data[:-2]
    elif data.endswith("\n"):
        data = data[:-1]
    return validate_secret(data)
