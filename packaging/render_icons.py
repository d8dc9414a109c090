"""Renders resources/icons/smtp-wizard.svg to the PNG sizes desktops ask for (16 … 256 px), and the header's
logo (smtp-wizard-envelope.svg) to its 48 px at 1x and 2x.

The PNGs are committed so that neither the program nor the build needs Qt's SVG module at run time.
Run after changing the SVG: `QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
LOGO_SIZES = (48, 96)  # wizard.ui.style.LOGO_SIZE at device pixel ratios 1 and 2


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(out)):  # format from the .png suffix
        raise SystemExit(f"{out}: could not be written")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # QImage text/raster support needs a Gui application
    svg = ICONS / "smtp-wizard.svg"
    for size in SIZES:
        out = ICONS / f"smtp-wizard-{size}.png"
        render(svg, size, out)
        print(f"{out.relative_to(ICONS.parent.parent)}  {out.stat().st_size} bytes")
    for size in LOGO_SIZES:
        out = ICONS / f"smtp-wizard-envelope-{size}.png"
        render(ICONS / "smtp-wizard-envelope.svg", size, out)
        print(f"{out.relative_to(ICONS.parent.parent)}  {out.stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
