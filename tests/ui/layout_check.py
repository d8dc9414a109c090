"""What a person would see as a broken layout, measured on real widgets: text cut off, widgets on top of each
other, widgets outside the window (or hidden in a scroll area that cannot scroll to them)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QTableView,
    QTextEdit,
    QTreeView,
    QWidget,
)

TEXT_WIDGETS = (QLabel, QAbstractButton, QLineEdit)
TEXT_VIEWS = (QTextEdit, QPlainTextEdit)
LEAST_LINES = 6  # a text view that scrolls shows at least this many lines (Details showed four)
# Widgets that take room on the page; their own children (a spin box's line edit, a tree's header) are theirs.
SOLID_WIDGETS = (*TEXT_WIDGETS, QAbstractScrollArea, QProgressBar, QComboBox, QAbstractSpinBox)


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, TEXT_WIDGETS) else ""
    name = widget.objectName() or widget.accessibleName()
    return f"{type(widget).__name__}{f' {name!r}' if name else ''} {text[:70]!r}"


def _inside_composite(widget: QWidget, window: QWidget) -> bool:
    """True for the parts of a composite widget (a spin box's line edit, a combo box's view, a scroll bar)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractSpinBox | QComboBox) or (
            isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea)
        ):
            return True
        parent = parent.parentWidget()
    return False


def _clipped_text(widget: QWidget) -> str | None:
    """Why `widget`'s text does not fit its geometry, or None."""
    size = widget.size()
    if isinstance(widget, QLabel):
        if not widget.text() and widget.pixmap().isNull():
            return None
        if widget.wordWrap():
            need = widget.heightForWidth(size.width())
            if need > size.height():
                return f"needs {need}px height at width {size.width()}, has {size.height()}"
            longest = widget.minimumSizeHint().width()
            if longest > size.width():
                return f"needs {longest}px width for its longest word, has {size.width()}"
            return None
    elif isinstance(widget, QLineEdit):
        hint = widget.sizeHint()
        if hint.height() > size.height():
            return f"needs {hint.height()}px height, has {size.height()}"
        least = widget.minimumSizeHint().width()
        if least > size.width():
            return f"needs {least}px width, has {size.width()}"
        return None
    elif isinstance(widget, QAbstractButton) and not widget.text():
        return None
    hint = widget.sizeHint()
    if hint.width() > size.width() or hint.height() > size.height():
        return f"needs {hint.width()}x{hint.height()}, has {size.width()}x{size.height()}"
    return None


def _clipped_cells(view: QTreeView | QTableView) -> list[str]:
    """Why a column of an item view (a checklist, a table) does not show its texts whole: a cell or the
    column's heading wider than the column (Qt elides it: "Begrüßung d…"), a column past the view's right
    edge, or a horizontal scroll bar to reach it."""
    header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    why: list[str] = []
    right = 0
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        width = header.sectionSize(column)
        need = max(view.sizeHintForColumn(column), header.sectionSizeHint(column) if header.isVisible() else 0)
        title = view.model().headerData(column, header.orientation())
        if need > width:
            why.append(f"column {column} {title!r} needs {need}px, has {width}")
        right = max(right, header.sectionViewportPosition(column) + width)
    if right > view.viewport().width():
        why.append(f"columns reach {right}px in a {view.viewport().width()}px view")
    if view.horizontalScrollBar().isVisible():
        why.append("scrolls sideways")
    return why


def _out_of_sight(widget: QWidget, window: QWidget) -> str | None:
    """Why (part of) `widget` cannot be seen in `window`: outside a parent that clips it, or in a scroll area
    that cannot scroll that far."""
    rect = QRect(QPoint(0, 0), widget.size())
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None:
        rect = rect.translated(child.pos())
        scroll = parent.parentWidget()
        if isinstance(scroll, QScrollArea) and parent is scroll.viewport():
            # In a scroll area the content may be larger than the viewport, if the scroll bars reach it.
            content = child
            for bar, extent, seen in (
                (scroll.verticalScrollBar(), content.height(), parent.height()),
                (scroll.horizontalScrollBar(), content.width(), parent.width()),
            ):
                if extent > seen + bar.maximum():
                    return f"in a scroll area that cannot scroll to it ({extent}px content, {seen}px view)"
            rect = QRect(QPoint(0, 0), parent.size())  # what is reachable counts as seen
        elif not parent.rect().contains(rect):
            where = "the window" if parent is window else _describe(parent)
            return f"at {rect.getRect()} outside {where} {parent.rect().getRect()}"
        if parent is window:
            return None
        child, parent = parent, parent.parentWidget()
    return None


def _visible_in(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.window() is window and not _inside_composite(widget, window)


def _window_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` on screen, in `window`'s coordinates: its rectangle cut by every parent's (a
    scroll area's content that is scrolled away is not there)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect


def _cramped_text(view: QTextEdit | QPlainTextEdit) -> str | None:
    """Why a text view is hard to read: it scrolls sideways, or it scrolls and shows fewer than
    LEAST_LINES lines; or, inside a page that scrolls, it scrolls too (two scroll bars, a line cut in half)."""
    if view.horizontalScrollBar().isVisible():
        return "scrolls sideways: its lines should wrap"
    if view.verticalScrollBar().maximum() == 0:
        return None
    lines = view.viewport().height() // max(1, view.fontMetrics().lineSpacing())
    if lines < LEAST_LINES:
        return f"scrolls and shows only {lines} lines"
    return None


def nested_scrolling(page: QWidget) -> list[str]:
    """Text views that scroll inside `page`'s own scroll area (the Summary: one scroll area for all)."""
    return [
        f"scrolls inside the scrolling page: {_describe(view)}"
        for view in page.findChildren(QAbstractScrollArea)
        if isinstance(view, TEXT_VIEWS) and view.isVisible() and view.verticalScrollBar().maximum() > 0
    ]


def layout_problems(window: QWidget) -> list[str]:
    """Every visible text widget of `window` whose text is cut off or that is out of sight, every item view
    with a column cut off, every scroll area that scrolls sideways, every text view too small to read (a few
    lines, or sideways), and every pair of visible widgets that overlap; empty when the layout holds."""
    problems: list[str] = []
    solid = [w for w in window.findChildren(QWidget) if isinstance(w, SOLID_WIDGETS) and _visible_in(w, window)]
    for widget in solid:
        if isinstance(widget, TEXT_WIDGETS) and (why := _clipped_text(widget)):
            problems.append(f"clipped: {_describe(widget)}: {why}")
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"scrolls sideways: {_describe(widget)}: its text should wrap instead")
        if isinstance(widget, QTreeView | QTableView):
            problems += [f"clipped: {_describe(widget)}: {why}" for why in _clipped_cells(widget)]
        if isinstance(widget, TEXT_VIEWS) and (why := _cramped_text(widget)):
            problems.append(f"cramped: {_describe(widget)}: {why}")
        if why := _out_of_sight(widget, window):
            problems.append(f"out of sight: {_describe(widget)}: {why}")
    for i, first in enumerate(solid):
        for second in solid[i + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            common = _window_rect(first, window).intersected(_window_rect(second, window))
            if not common.isEmpty():
                problems.append(f"overlap: {_describe(first)} and {_describe(second)} at {common.getRect()}")
    return problems
