"""The files written and their backups are listed in one form, whatever form the path was given in: absolute,
without `..`, a symlink's real target (found: ".env" next to "/tmp/…/config.toml" for a symlinked config)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]


@pytest.fixture
def linked_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`../config.toml` seen from a sub-folder, a symlink to `real.toml` in the same folder."""
    (tmp_path / "real.toml").write_text('domain = "x"\n')
    (tmp_path / "config.toml").symlink_to("real.toml")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    return Path("../config.toml")


def apply(cli: CLI, config: Path, *extra: str) -> Run:
    return cli(
        "apply", "--config", str(config), "--user", "you@example.com", "--host", "smtp.example.com",
        "--security", "starttls", "--no-probe", "--secret-stdin", *extra, stdin="s3cret\n",
    )  # fmt: skip


def listed_after(heading: str, out: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(heading) + 1
    return [line.strip() for line in lines[start:] if line.startswith("  ") and not line.strip().startswith("•")]


def test_apply_lists_every_file_written_as_its_absolute_real_path(cli: CLI, linked_config: Path) -> None:
    run = apply(cli, linked_config)
    assert run.code == 0, run.err
    folder = Path.cwd().parent
    assert listed_after("Written:", run.out)[:2] == [str(folder / ".env"), str(folder / "real.toml")]


def test_apply_json_lists_every_file_written_as_its_absolute_real_path(cli: CLI, linked_config: Path) -> None:
    run = apply(cli, linked_config, "--json")
    assert run.code == 0, run.err
    folder = Path.cwd().parent
    assert json.loads(run.out)["written"] == [str(folder / ".env"), str(folder / "real.toml")]


@pytest.mark.parametrize("as_json", [False, True])
def test_skip_verification_lists_the_file_written_as_its_absolute_path(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_json: bool
) -> None:
    (tmp_path / "config.toml").write_text('domain = "x"\n')
    monkeypatch.chdir(tmp_path)
    run = cli("skip-verification", "--config", "config.toml", *(["--json"] if as_json else []))
    assert run.code == 0, run.err
    written = json.loads(run.out)["written"] if as_json else listed_after("Written:", run.out)[:1]
    assert written == [str(tmp_path.resolve() / "config.toml")]
