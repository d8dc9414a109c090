"""`--ca-file` problems are said in words, in the user's language, never as a Python exception class name
(SPEC §12 rev 3); nothing is written and no connection is made (exit 3)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run

CLI = Callable[..., Run]
CLASS_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*(?:Error|Exception)\b")


def _ca_files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    not_pem = tmp_path / "key.pem"
    not_pem.write_text("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n")
    return {"missing": tmp_path / "nowhere.pem", "folder": folder, "not_pem": not_pem}


WORDS = {
    ("missing", "en"): "The CA file does not exist.",
    ("folder", "en"): "This is a folder, not a CA file.",
    ("not_pem", "en"): "holds no certificate in PEM form",
    ("missing", "de"): "Die CA-Datei existiert nicht.",
    ("folder", "de"): "Dies ist ein Ordner, keine CA-Datei.",
    ("not_pem", "de"): "enthält kein Zertifikat im PEM-Format",
}


@pytest.mark.parametrize(("kind", "lang"), list(WORDS), ids=[f"{k}-{lang}" for k, lang in WORDS])
def test_a_ca_file_problem_is_said_in_words(cli: CLI, tmp_path: Path, kind: str, lang: str) -> None:
    ca_file = _ca_files(tmp_path)[kind]
    config = tmp_path / "config.toml"
    run = cli("--lang", lang, "apply", "--config", str(config), "--user", "bom@example.org", "--host",
              "smtp.example.org", "--security", "smtps", "--no-secret", "--ca-file", str(ca_file))  # fmt: skip
    assert run.code == 3 and WORDS[(kind, lang)] in run.err, run.err
    assert not CLASS_NAME.search(run.err) and "Traceback" not in run.err
    assert not config.exists()
