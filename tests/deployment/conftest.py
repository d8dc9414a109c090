"""Fixtures shared with the CLI tests: `cli` runs smtp-wizard in-process."""

from tests.cli.conftest import cli

__all__ = ["cli"]
