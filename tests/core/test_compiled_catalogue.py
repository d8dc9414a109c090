"""The compiled message catalogue (built by scripts/build-translations) is only a faster way to read the
.toml files: it gives the same texts, and a stale, foreign or damaged one never wins over the .toml files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from wizard.core.catalogue_build import build
from wizard.core.i18n import COMPILED_FORMAT, COMPILED_NAME, fingerprint, load_catalogue, parse_sources, read_sources

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "resources" / "i18n"

GREETING = """[test.greeting]
en = "Hello"
de = "Hallo"
"""


def catalogue_folder(tmp_path: Path, text: str = GREETING) -> Path:
    folder = tmp_path / "i18n"
    folder.mkdir()
    (folder / "greeting.toml").write_text(text, encoding="utf-8")
    build(folder)
    return folder


def test_compiled_catalogue_holds_the_same_texts_as_the_toml_files(tmp_path: Path) -> None:
    folder = tmp_path / "i18n"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns(COMPILED_NAME))
    build(folder)
    assert load_catalogue(folder) == parse_sources(read_sources(folder))


def test_compiled_catalogue_is_what_is_read_while_its_sources_are_unchanged(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    compiled = (folder / COMPILED_NAME).read_text(encoding="utf-8")
    # a marker only the compiled file has: if it shows, the compiled file was read
    (folder / COMPILED_NAME).write_text(compiled.replace('"en": "Hello"', '"en": "Hello (compiled)"'), encoding="utf-8")
    assert load_catalogue(folder)["test.greeting"]["en"] == "Hello (compiled)"


def test_an_edited_toml_wins_over_the_stale_compiled_catalogue(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    (folder / "greeting.toml").write_text(GREETING.replace("Hello", "Good morning"), encoding="utf-8")
    assert load_catalogue(folder)["test.greeting"]["en"] == "Good morning"


def test_an_edit_keeping_the_file_size_still_wins_over_the_compiled_catalogue(tmp_path: Path) -> None:
    """The compiled file names its sources by size and CRC-32, not by size alone."""
    folder = catalogue_folder(tmp_path)
    (folder / "greeting.toml").write_text(GREETING.replace("Hello", "Howdy"), encoding="utf-8")
    assert load_catalogue(folder)["test.greeting"]["en"] == "Howdy"


def test_a_toml_added_after_compiling_is_read(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    (folder / "later.toml").write_text('[test.later]\nen = "Later"\nde = "Später"\n', encoding="utf-8")
    assert load_catalogue(folder)["test.later"]["de"] == "Später"


def test_a_toml_removed_after_compiling_is_gone(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    (folder / "other.toml").write_text('[test.other]\nen = "Other"\nde = "Andere"\n', encoding="utf-8")
    build(folder)
    (folder / "other.toml").unlink()
    assert "test.other" not in load_catalogue(folder)


def test_a_damaged_compiled_catalogue_is_ignored(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    (folder / COMPILED_NAME).write_text('{"format": 2, "fingerprint": {"greet', encoding="utf-8")
    assert load_catalogue(folder)["test.greeting"]["en"] == "Hello"


def test_a_compiled_catalogue_of_another_format_is_ignored(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    compiled = (folder / COMPILED_NAME).read_text(encoding="utf-8")
    forged = compiled.replace(f'"format": {COMPILED_FORMAT}', '"format": 99').replace('"en": "Hello"', '"en": "Forged"')
    assert forged != compiled.replace('"en": "Hello"', '"en": "Forged"')  # the format was there to change
    (folder / COMPILED_NAME).write_text(forged, encoding="utf-8")
    assert load_catalogue(folder)["test.greeting"]["en"] == "Hello"


def test_without_a_compiled_catalogue_the_toml_files_are_read(tmp_path: Path) -> None:
    folder = catalogue_folder(tmp_path)
    (folder / COMPILED_NAME).unlink()
    assert load_catalogue(folder)["test.greeting"]["de"] == "Hallo"


def test_the_build_step_compiles_the_catalogue_and_says_which_file_it_cannot_parse(tmp_path: Path) -> None:
    folder = tmp_path / "i18n"
    folder.mkdir()
    (folder / "greeting.toml").write_text(GREETING, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "wizard.core.catalogue_build", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert (folder / COMPILED_NAME).is_file()
    (folder / "broken.toml").write_text("[test.broken\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "wizard.core.catalogue_build", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert str(folder) in done.stderr and "Traceback" not in done.stderr
    assert not list(folder.glob(".catalogue-*"))  # no temporary file left behind


def test_the_shipped_catalogue_is_compiled_from_the_current_toml_files() -> None:
    """`make` builds it (scripts/build-translations); the first screen reads it instead of parsing."""
    compiled = SHIPPED / COMPILED_NAME
    assert compiled.is_file(), "run scripts/build-translations (make does)"
    sources = {name: text.encode("utf-8") for name, text in read_sources(SHIPPED).items()}
    assert json.loads(compiled.read_text(encoding="utf-8"))["fingerprint"] == fingerprint(sources)
