"""A defect in a command still ends without a traceback and without the exception's text (it could hold the
secret): one localized line, or one JSON object with the `unexpected` code, exit 70 (1 means "the test failed")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wizard import cli
from wizard.cli import show_cmd

SECRET = "hunter2-do-not-print"


def _broken_run(_args: object) -> int:
    raise RuntimeError(f"a defect that quotes {SECRET}")


@pytest.fixture
def broken_show(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(show_cmd, "run", _broken_run)


@pytest.mark.usefixtures("broken_show")
def test_a_defect_prints_one_line_naming_its_kind_and_place_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["--lang", "en", "show", "--config", str(tmp_path / "config.toml")])
    out, err = capsys.readouterr()
    assert code == 70
    assert "Traceback" not in out + err
    assert SECRET not in out + err
    assert "RuntimeError at test_defect_catch_all.py:" in err
    assert "never half written" in err


@pytest.mark.usefixtures("broken_show")
def test_a_defect_with_json_prints_one_object_with_the_unexpected_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["show", "--config", str(tmp_path / "config.toml"), "--json"])
    out, err = capsys.readouterr()
    payload = json.loads(out)
    assert code == 70
    assert payload["ok"] is False
    assert payload["diagnosis"]["code"] == "unexpected"
    assert SECRET not in out + err


@pytest.mark.usefixtures("broken_show")
def test_a_defect_is_reported_in_german(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--lang", "de", "show", "--config", str(tmp_path / "config.toml")])
    assert "Fehler im Assistenten" in capsys.readouterr().err
