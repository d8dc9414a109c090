"""packaging/trim_icu.py: the ICU data archive is understood exactly, and trimming keeps what Qt needs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_trim_icu() -> ModuleType:
    spec = importlib.util.spec_from_file_location("trim_icu", ROOT / "packaging" / "trim_icu.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["trim_icu"] = module
    spec.loader.exec_module(module)
    return module


trim_icu = _load_trim_icu()


@pytest.fixture(scope="module")
def icu_library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert found, "the Linux PySide6 wheel ships ICU; the build trims it"
    return found[0]


def _blob(library: Path) -> bytes:
    data = library.read_bytes()
    symbol = "icudt" + library.name.split(".so.")[1].split(".")[0] + "_dat"
    offset, size = trim_icu._elf_symbol(data, symbol)
    return data[offset:offset + size]


def test_icu_archive_round_trips_byte_for_byte(icu_library: Path) -> None:
    blob = _blob(icu_library)
    header, items = trim_icu.read_items(blob)
    assert len(items) > 1000
    assert trim_icu.write_items(header, items) == blob


def test_trimmed_archive_is_readable_and_holds_only_kept_items(icu_library: Path) -> None:
    header, items = trim_icu.read_items(_blob(icu_library))
    kept = [(name, data) for name, data in items if trim_icu.wanted(name)]
    reread_header, reread = trim_icu.read_items(trim_icu.write_items(header, kept))
    assert reread_header == header
    assert reread == kept


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("icudt73l/root.res", True),
        ("icudt73l/pool.res", True),
        ("icudt73l/de_AT.res", True),
        ("icudt73l/en_GB.res", True),
        ("icudt73l/coll/de.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/zone/en.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/fr.res", False),
        ("icudt73l/coll/zh.res", False),
        ("icudt73l/coll/es_.res", False),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False),
        ("icudt73l/lang/de.res", False),
        ("icudt73l/ibm-943_P15A-2003.cnv", False),
    ],
)
def test_wanted_keeps_root_english_german_and_tables(item: str, kept: bool) -> None:
    assert trim_icu.wanted(item) is kept


@pytest.mark.slow
def test_trimmed_library_sorts_and_names_zones_like_the_full_one(icu_library: Path, tmp_path: Path) -> None:
    # Links with `cc`, a build requirement of packaging/build too.
    out = tmp_path / icu_library.name
    before, after = trim_icu.trim(icu_library, out)
    assert after < before / 5
    trim_icu.verify(tmp_path)  # raises SystemExit when Qt's results differ in en/de
