"""The installed distribution must carry every package of the checkout (an editable install hides gaps)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    code = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "wizard").rglob("__init__.py")}
    # resources/ ships as wizard.resources, each of its folders a data-only package of its own.
    resources = {"wizard.resources"} | {
        "wizard.resources." + ".".join(folder.relative_to(ROOT / "resources").parts)
        for folder in (ROOT / "resources").rglob("*")
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert code | resources == listed
