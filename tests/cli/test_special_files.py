"""A path that is not a regular file (a FIFO, a device) is refused before it is opened: exit 3 with a clear
message, instead of blocking forever on a FIFO or reading /dev/zero until memory runs out."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]
CONFIG = '[smtp]\nuser = "a@example.com"\nendpoint = "smtp://127.0.0.1:2525"\n'


def _commands(config: Path) -> list[list[str]]:
    return [
        ["show", "--config", str(config)],
        ["check", "--config", str(config)],
        [
            "apply",
            "--config",
            str(config),
            "--user",
            "a@example.com",
            "--host",
            "127.0.0.1",
            "--port",
            "2525",
            "--security",
            "none",
            "--no-secret",
            "--no-probe",
        ],
        ["skip-verification", "--config", str(config)],
        ["move-smtp-config", "--config", str(config)],
    ]


@pytest.mark.parametrize("index", range(5))
def test_a_fifo_as_config_is_refused_without_opening_it(cli: CLI, tmp_path: Path, index: int) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    run = cli(*_commands(fifo)[index], "--json")
    assert run.code == 3, run.out + run.err
    error = json.loads(run.out)["error"]
    assert error["kind"] == "file" and "regular file" in error["message"]


@pytest.mark.parametrize("index", range(3))
def test_a_fifo_as_the_env_next_to_config_is_refused_without_opening_it(cli: CLI, tmp_path: Path, index: int) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    os.mkfifo(tmp_path / ".env")
    run = cli(*_commands(config)[index])
    assert run.code == 3, run.out + run.err
    assert ".env" in run.err and "regular file" in run.err
    assert config.read_text() == CONFIG


def test_a_character_device_as_config_is_refused_in_german_too(cli: CLI) -> None:
    run = cli("--lang", "de", "check", "--config", "/dev/zero")
    assert run.code == 3
    assert "keine gewöhnliche Datei" in run.err
