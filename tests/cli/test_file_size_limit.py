"""A file larger than the wizard reads (issue 22: a 22 MB `.env` ran for minutes and took 557 MB): refused
before it is read, in the user's language, nothing changed. No real BOMnipotent configuration comes near."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.files import folder_bytes
from wizard.core.atomic import MAX_FILE_BYTES

CLI = Callable[..., Run]
EXIT_FILE = 3
CONFIG = '[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\n'


def oversized(path: Path) -> None:
    path.write_bytes(b"A=1\n")
    os.truncate(path, MAX_FILE_BYTES + 1)  # sparse: no time spent writing it


@pytest.mark.parametrize("big", ["config.toml", ".env"])
@pytest.mark.parametrize("command", ["check", "show", "apply"])
def test_a_file_above_the_limit_is_refused_before_any_work(cli: CLI, tmp_path: Path, big: str, command: str) -> None:
    (tmp_path / "config.toml").write_text(CONFIG)
    (tmp_path / ".env").write_text("SMTP_SECRET=s\n")
    oversized(tmp_path / big)
    before = folder_bytes(tmp_path)
    extra = ["--user", "a@example.com", "--host", "smtp.example.com", "--security", "smtps", "--keep-secret"]
    started = time.monotonic()
    run = cli(command, "--config", str(tmp_path / "config.toml"), *(extra if command == "apply" else []), "--json")
    assert time.monotonic() - started < 10  # generous: the point is that nothing is parsed
    assert run.code == EXIT_FILE
    error = json.loads(run.out)["error"]
    assert error["path"].endswith(big) and "4.0 MiB" in error["message"]
    assert folder_bytes(tmp_path) == before


def test_the_refusal_is_in_german_too(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(CONFIG)
    oversized(tmp_path / ".env")
    run = cli("--lang", "de", "check", "--config", str(tmp_path / "config.toml"))
    assert run.code == EXIT_FILE and "mehr als die 4.0 MiB" in run.err
