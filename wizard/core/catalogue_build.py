"""Build step: compile the message catalogue's .toml files into `catalogue.json` next to them (see
`wizard.core.i18n.load_catalogue`, which uses it only while its sources are unchanged).

    python -m wizard.core.catalogue_build [FOLDER]      # default: resources/i18n of this checkout

Run by scripts/build-translations (hence by `make run`, `make test` and packaging/build). Exit 0, or 1 with
the file and reason when a .toml cannot be parsed (the catalogue tests say more).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from wizard.core.i18n import COMPILED_NAME, compile_folder

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "i18n"


def build(folder: Path) -> Path:
    """Write `folder/catalogue.json` atomically (a reader never sees half a file); returns its path."""
    text = compile_folder(folder)
    target = folder / COMPILED_NAME
    handle, temporary = tempfile.mkstemp(prefix=".catalogue-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def main(argv: list[str] | None = None) -> int:
    import tomllib  # lazy: build time only; the running program reads the compiled catalogue

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else DEFAULT_FOLDER
    try:
        build(folder)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        print(f"catalogue_build: {folder}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
