"""The wizard's look in one place: the spacing scale, the status colours (readable on light and dark
palettes), the application icon, and a header that grows with its wrapped subtitle.

Everything else is the platform's: its style, fonts and palette. Colours are chosen against the palette's
window colour at the time a widget is made, so a dark desktop theme gets light status colours.
"""

from __future__ import annotations

from enum import Enum

# `QtCore.Qt` and `QtGui.QIcon` are looked up only after the first frame (no_tab_stop, app_icon): naming them
# here would build Qt's namespace and QIcon's class before it.
from PySide6 import QtCore, QtGui
from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QLayoutItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wizard.core.resources import resource_path

# One spacing scale for every page (logical pixels): within a group, between groups, around the page.
SPACE_TIGHT = 2  # a field and its help line
SPACE = 4  # within a group: a heading and its list, the rows of a choice
SPACE_GROUP = 8  # between groups of a page (forms and buttons keep the platform style's own spacing)
INDENT = 24  # what belongs to a choice sits under its text, past the radio button or check box

SCROLL_AREA = "page_scroll_area"  # the attribute of a page that holds its scroll area (`scrollable`)
LOGO_SIZE = 48  # the header's icon, in logical pixels (drawn from the 96/128 px image on a 2x screen)


class Status(Enum):
    """What a coloured text says; each also has words and, in the checklist, an icon (colour is never alone)."""

    PASS = "pass"
    FAIL = "fail"
    WARNING = "warning"
    RUNNING = "running"
    HELP = "help"


# (on a light window, on a dark window): each at least 4.5:1 against the window colour (WCAG AA, normal text)
_COLORS = {
    Status.PASS: ("#1b5e20", "#81c784"),
    Status.FAIL: ("#b00020", "#ff8a80"),
    Status.WARNING: ("#8a4600", "#ffb74d"),
    Status.RUNNING: ("#0d47a1", "#90caf9"),
    Status.HELP: ("#5f6368", "#b0b4ba"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window colour of `palette` (default: the application's) is dark."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def status_color(status: Status, palette: QPalette | None = None) -> str:
    """The colour (#rrggbb) for `status` text on `palette`'s window (default: the application's)."""
    light, dark = _COLORS[status]
    return dark if is_dark(palette) else light


def color_css(status: Status) -> str:
    """A style sheet giving a widget's text the colour of `status` (on the application's palette)."""
    return f"color: {status_color(status)};"


# Backgrounds of the Summary's diff lines (added, removed, hunk header) under the palette's text colour.
_DIFF_BACKGROUNDS = {
    "+": ("#e6ffec", "#153d22"),
    "-": ("#ffebe9", "#4d1a1f"),
    "@": ("#eef3ff", "#1d2b47"),
}


def diff_background(mark: str, palette: QPalette | None = None) -> str | None:
    """The background for a diff line starting with `mark` ("+", "-", "@"), or None for a context line."""
    pair = _DIFF_BACKGROUNDS.get(mark)
    if pair is None:
        return None
    return pair[1] if is_dark(palette) else pair[0]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two colours, 1.0 to 21.0 (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""

    def luminance(name: str) -> float:
        color = QColor(name)

        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def app_icon() -> QtGui.QIcon:
    """The application's icon from resources/icons/ (every PNG size, so no size is scaled from another)."""
    icon = QtGui.QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"smtp-wizard-{size}.png")), QSize(size, size))
    return icon


def logo_pixmap(device_pixel_ratio: float) -> QPixmap:
    """The header's logo, LOGO_SIZE logical pixels, sharp at `device_pixel_ratio`: the application icon's
    envelope without its green check badge (resources/icons/smtp-wizard-envelope-*.png). The header stands
    beside every verdict, and a check mark next to a red "failed" said the opposite of the page.
    On a screen at 1x or 2x the image drawn for it is used as it is; between them QIcon scales the sharper
    one smoothly (its class, ~2 ms to build, is then looked up: not for the common screens' first frame)."""
    if device_pixel_ratio in (1.0, 2.0):
        drawn = QPixmap(
            str(resource_path("icons", f"smtp-wizard-envelope-{round(LOGO_SIZE * device_pixel_ratio)}.png"))
        )
        drawn.setDevicePixelRatio(device_pixel_ratio)
        return drawn
    icon = QtGui.QIcon()
    for size in (LOGO_SIZE, 2 * LOGO_SIZE):
        icon.addFile(str(resource_path("icons", f"smtp-wizard-envelope-{size}.png")), QSize(size, size))
    pixmap = icon.pixmap(QSize(LOGO_SIZE, LOGO_SIZE), device_pixel_ratio)
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    return pixmap


class HeaderFit(QObject):
    """QWizard's header gives its wrapped subtitle the height of one width it guessed, not of the width it
    has: a long subtitle (a path, a German sentence) is cut at the bottom. On every page change, and once
    `watch` ran on every resize, layout request and show, this sets each header label's minimum height to
    what its text needs at its real width. Before the first frame the window fits its header itself
    (`SetupWizard.fit_header`): the first event a Python event filter sees builds PySide's ~50 event classes."""

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        wizard.currentIdChanged.connect(self.fit)

    def watch(self) -> None:
        """Fit now and on every later resize, layout request and show (Qt installs a filter once however
        often it is asked)."""
        self._wizard.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self.fit()
        return False

    def fit(self) -> None:
        for label in self._header_labels():
            self._fit(label)

    def _header_labels(self) -> list[QLabel]:
        """The labels outside the pages: the header's title and subtitle (QWizardHeader has no class name of
        its own). A walk that never enters a page: `findChildren` would wrap every widget of every page for
        Python, building their classes (~10 ms at the first frame)."""
        found: list[QLabel] = []
        pending: list[QObject] = list(self._wizard.children())
        while pending:
            child = pending.pop()
            if isinstance(child, QLabel):
                found.append(child)
            elif isinstance(child, QWidget) and not isinstance(child, QWizardPage):
                pending.extend(child.children())
        return found

    @staticmethod
    def _fit(label: QLabel) -> None:
        if not label.wordWrap() or not label.isVisible() or label.width() <= 0:
            return
        need = label.heightForWidth(label.width())
        if need <= 0 or label.minimumHeight() == need:
            return
        label.setMinimumHeight(need)
        header = label.parentWidget()
        layout = header.layout() if header is not None else None
        if header is not None and layout is not None:  # the header's own height is fixed to its first guess
            layout.invalidate()
            header.setMinimumHeight(layout.totalMinimumSize().height())


class _PageContent(QWidget):
    """A page's content in its scroll area. QScrollArea sizes content whose layout wraps text to the height
    the layout *prefers* at the viewport's width, so text views (a diff, a checklist) stood at their full
    preferred height and the page scrolled at sizes where it fits. Here the content asks for what it needs
    at least: wrapped text at its height for the width, every other item at its minimum."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        return _least_height(layout, width)


def _least_height(item: QLayoutItem, width: int) -> int:
    """The least height `item` can have at `width` without cutting off text."""
    widget = item.widget()
    if widget is not None:
        if widget.isHidden():
            return 0
        own = widget.layout()
        if isinstance(widget, QLabel) or own is None:
            return item.heightForWidth(width) if item.hasHeightForWidth() else item.minimumSize().height()
        # What the widget draws around its layout (a group box's title and frame), as it is now.
        frame = own.geometry()
        chrome_w = widget.width() - frame.width() if frame.isValid() else 0
        chrome_h = widget.height() - frame.height() if frame.isValid() else 0
        return max(_least_height(own, width - chrome_w) + chrome_h, item.minimumSize().height())
    layout = item.layout()
    if layout is None:  # a spacer
        return item.minimumSize().height()
    margins = layout.contentsMargins()
    inner_width = width - margins.left() - margins.right()
    children = [layout.itemAt(i) for i in range(layout.count())]
    visible = [child for child in children if child is not None and not child.isEmpty()]
    if isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.TopToBottom,
        QBoxLayout.Direction.BottomToTop,
    ):
        spacing = max(0, layout.spacing()) * max(0, len(visible) - 1)
        height = sum(_least_height(child, inner_width) for child in visible) + spacing
    elif isinstance(layout, QBoxLayout):  # side by side: each at the width it has now
        height = max((_least_height(child, child.geometry().width() or inner_width) for child in visible), default=0)
    else:  # forms and grids: Qt's own answer for the width (their rows are text and fields)
        if layout.hasHeightForWidth():
            return int(layout.totalHeightForWidth(width))
        return int(layout.totalMinimumSize().height())
    return height + margins.top() + margins.bottom()


def scrollable(page: QWizardPage) -> None:
    """Put what `page` laid out into a frameless scroll area filling the page: at the smallest window, with
    a tall header (a long subtitle) or large fonts, the page scrolls instead of squeezing its text. The
    content keeps its layout, widgets and fields; only its parent changes (Qt moves a layout with its widgets)."""
    layout = page.layout()
    if layout is None or isinstance(getattr(page, SCROLL_AREA, None), QScrollArea):
        return
    content = _PageContent()
    content.setObjectName("pageContent")
    content.setLayout(layout)  # takes the layout (and the widgets in it) off the page
    area = QScrollArea()
    area.setObjectName("pageScrollArea")
    # The page's own background shows through: a viewport made here, not Qt's (which fills with the Base
    # colour). Asking Qt for its viewport would cost ~15 ms before the first frame: PySide wraps the returned
    # QWidget by searching its type graph, which builds some forty widget classes and their enums.
    viewport = QWidget()
    viewport.setAutoFillBackground(False)
    area.setViewport(viewport)
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Text wraps, so the horizontal bar stays away; its policy is left alone: naming Qt's enum here would build
    # PySide's Qt namespace before the first frame (tests/ui/test_first_frame_cost.py).
    content.setAutoFillBackground(False)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(area)
    setattr(page, SCROLL_AREA, area)  # a Python attribute: a Qt property would build QByteArray's class first


def no_tab_stop(page: QWizardPage) -> None:
    """The page's scroll area (`scrollable`) is a frame, not a control: a Tab stop on it was a nameless
    "filler" to a screen reader (issue #23). It still scrolls to the field Tab reaches, and with the wheel.
    Called after the first frame: looking up `QtCore.Qt` builds PySide's Qt namespace (see `scrollable`)."""
    area = getattr(page, SCROLL_AREA, None)
    if isinstance(area, QScrollArea):
        area.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)


def dress(wizard: QWizard) -> HeaderFit:
    """The wizard's own look before its first frame: the logo in its header; returns the header's fitter
    (`HeaderFit`, fitting on page changes; its `watch` adds resizes and layout requests). The window's icon
    follows after the first frame (`app_icon`, set by `SetupWizard.add_remaining_pages`)."""
    wizard.setPixmap(QWizard.WizardPixmap.LogoPixmap, logo_pixmap(wizard.devicePixelRatioF()))
    return HeaderFit(wizard)
