"""Building the package says nothing but its result: no setuptools warning (a fresh clone's first `make run`
printed about 200 lines of them). Built offline from a copy of the sources with the test venv's setuptools,
the same build backend pip uses for `make run` and packaging/build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A Python warning as setuptools prints it ("…/build_py.py:215: BuildBackendWarning: Package … is absent"),
# its "!!" frame, or the text of the package-data warning. pip's own "WARNING:" lines (e.g. about this
# machine's index configuration) are not the project's.
SETUPTOOLS_WARNING = re.compile(r"\b\w*Warning\b|^\s*!!\s*$|Package would be ignored|is deprecated", re.MULTILINE)

# setuptools always notes that an editable install of a mapped layout (resources/ → wizard.resources) goes
# through an import hook ("Editable installation."): information about its mechanism, not about this project's
# configuration. The Makefile keeps pip's output in .venv/pip.log, so `make run` does not show it.
EDITABLE_NOTE = re.compile(
    r"^.*BuildBackendWarning: Editable installation\.\n(?:.*\n)*?.*with strategy, WheelFile.*$", re.MULTILINE
)


def sources(tmp_path: Path) -> Path:
    """The files a build reads, copied, so the build's own folders (build/, *.egg-info) stay out of the checkout."""
    copy = tmp_path / "src"
    copy.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, copy / name)
    for name in ("wizard", "resources"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def pip(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pip", *args, "--no-deps", "--no-build-isolation", "--no-index"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


@pytest.mark.slow
def test_building_the_wheel_prints_no_setuptools_warning(tmp_path: Path) -> None:
    output = pip("wheel", "-w", str(tmp_path / "dist"), ".", cwd=sources(tmp_path))
    assert not SETUPTOOLS_WARNING.search(output), output


@pytest.mark.slow
def test_the_wheel_holds_every_resource_of_the_checkout(tmp_path: Path) -> None:
    pip("wheel", "-w", str(tmp_path / "dist"), ".", cwd=sources(tmp_path))
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "wizard/resources/" + path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= shipped, sorted(expected - shipped)


@pytest.mark.slow
def test_an_editable_install_prints_no_setuptools_warning_beyond_its_mechanism_note(tmp_path: Path) -> None:
    output = pip("install", "-e", ".", "--target", str(tmp_path / "site"), cwd=sources(tmp_path))
    assert EDITABLE_NOTE.search(output), output  # if setuptools drops the note, this allowance can go too
    rest = EDITABLE_NOTE.sub("", output)
    assert not SETUPTOOLS_WARNING.search(rest), rest
