"""Helpers for tests on real files: snapshots of folders, and folders that refuse writes even to root."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every regular file below `folder` with its content: compare before/after to prove nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make `folder` refuse new files. Root ignores mode bits, so as root the immutable attribute is used."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        mode = folder.stat().st_mode
        folder.chmod(0o500)
        try:
            yield
        finally:
            folder.chmod(mode)
