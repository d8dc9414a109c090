"""Saving the Test page's report (wizard/flow/report_file.py): a new file in the first folder that takes it,
never over another file, readable by its owner only."""

from __future__ import annotations

import stat
from pathlib import Path

from wizard.demo.environment import DemoEnvironment
from wizard.flow import Flow
from wizard.flow.report_file import report_folders, save_report

NOW = 1_796_000_000.0


def test_the_report_goes_to_the_next_folder_when_the_first_cannot_take_it(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    home = tmp_path / "home"
    home.mkdir()
    path = save_report("the report\n", [missing, home], now=NOW)
    assert path.parent == home and path.read_text() == "the report\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_report_never_replaces_an_existing_file(tmp_path: Path) -> None:
    first = save_report("first\n", [tmp_path], now=NOW)
    second = save_report("second\n", [tmp_path], now=NOW)  # the same second: another name
    assert first != second
    assert first.read_text() == "first\n" and second.read_text() == "second\n"


def test_without_any_folder_that_takes_it_the_reason_is_raised(tmp_path: Path) -> None:
    try:
        save_report("x", [tmp_path / "a"], now=NOW)
    except OSError as exc:
        assert exc.filename is not None
    else:
        raise AssertionError("saved into a folder that does not exist")


def test_a_report_goes_next_to_config_toml_first(tmp_path: Path) -> None:
    assert report_folders(Flow(tmp_path / "config.toml"))[0] == tmp_path


def test_the_demo_never_saves_a_report_into_its_scratch_folder_removed_on_close() -> None:
    demo = DemoEnvironment()
    try:
        folders = report_folders(Flow(demo.config_path, demo=demo))
        assert demo.folder not in folders and folders[0] == Path.home()
    finally:
        demo.close()
