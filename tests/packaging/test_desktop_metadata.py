"""resources/desktop and resources/icons: the menu entry, AppStream metadata and icons fit together."""

from __future__ import annotations

import configparser
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DESKTOP = ROOT / "resources" / "desktop" / "smtp-wizard.desktop"
METAINFO = ROOT / "resources" / "desktop" / "de.bomnipotent.SmtpWizard.metainfo.xml"
ICONS = ROOT / "resources" / "icons"


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_starts_the_gui_without_arguments_and_names_it_in_both_languages() -> None:
    entry = _entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "smtp-wizard"  # the GUI is the default command; a %f would become a command
    assert entry["Name"] == "SMTP Setup Wizard"
    assert entry["Name[de]"] == "SMTP-Einrichtungsassistent"
    assert entry["Terminal"] == "false"


def test_metainfo_launches_the_desktop_entry_and_uses_the_shipped_icon() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == "de.bomnipotent.SmtpWizard"
    assert component.findtext("launchable") == DESKTOP.name
    icon = component.findtext("icon")
    assert icon == _entry()["Icon"]
    assert (ICONS / f"{icon}.svg").is_file()


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256])
def test_png_icon_has_its_nominal_size(size: int) -> None:
    data = (ICONS / f"smtp-wizard-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR comes first
    assert (width, height) == (size, size)
