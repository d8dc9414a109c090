"""The terminal wizard's first screen is quick: it imports none of the machinery of the later pages and reads
the compiled message catalogue instead of parsing every .toml (SPEC §10; bench/startup.py times it)."""

from __future__ import annotations

from pathlib import Path

from tests.support.child import run_probe

# Needed only once the user moves on: the probe, discovery, the TOML writer, the address validator, and the
# TOML parser itself (the catalogue comes compiled, built by scripts/build-translations).
LATER = ("aiosmtplib", "dns.asyncresolver", "tomlkit", "email_validator", "wizard.probe.engine", "wizard.probe.report")

CHILD = """
import sys
from pathlib import Path
from wizard.tui.app import run_tui

def shown():
    print("LOADED " + " ".join(sorted(sys.modules)), flush=True)

run_tui(Path(sys.argv[1]), False, "en", on_shown=shown)
"""


def modules_at_first_screen(config: Path) -> set[str]:
    line = next(line for line in run_probe(CHILD, config) if line.startswith("LOADED "))
    return set(line.split()[1:])


def test_first_screen_loads_none_of_the_later_pages_machinery(tmp_path: Path) -> None:
    modules = modules_at_first_screen(tmp_path / "config.toml")
    assert not modules & set(LATER), sorted(modules & set(LATER))


def test_first_screen_reads_the_compiled_catalogue_without_the_toml_parser(tmp_path: Path) -> None:
    modules = modules_at_first_screen(tmp_path / "config.toml")
    assert "tomllib" not in modules
