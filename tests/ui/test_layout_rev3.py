"""Issue #23's layout, at the default 900x600 and the smallest 760x540, English and German: the Summary shows
the whole [smtp] change and the advice in the page's one scroll area (no box scrolling inside it, no line cut
in half); the Test page's conversation with the server is readable (wrapped, more than a few lines); a choice
that cannot be taken looks and reads disabled; the Server page says "no server" once."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QScrollArea

from tests.ui.driver import click, next_page, open_wizard, pass_welcome, probe_finished, type_into, walk_to_test_page
from tests.ui.layout_check import LEAST_LINES, nested_scrolling
from tests.ui.servers import LOGIN, PASSWORD, local_server
from tests.ui.test_layout_smallest import EXISTING, Inspector, lang, no_secret_in_shell
from wizard.core import i18n
from wizard.core.settings import Security
from wizard.ui.app import MINIMUM_SIZE
from wizard.ui.pages.ids import PageId

SIZES = ((900, 600), MINIMUM_SIZE)
__all__ = ["lang", "no_secret_in_shell"]  # the fixtures, shared with test_layout_smallest


async def test_summary_shows_the_whole_change_and_the_advice_in_one_scroll_area(
    qtbot: Any, tmp_path: Path, lang: str, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "bomnipotent.toml"  # not called config.toml: the page names the real file
    config.write_text(EXISTING)
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        eye = Inspector(wiz, lang, sizes=SIZES)
        await walk_to_test_page(qtbot, wiz, "localhost", 465, Security.SMTPS, PASSWORD)
        await probe_finished(wiz)
        assert wiz.test.passed()
        await next_page(qtbot, wiz, PageId.SUMMARY)
        page = wiz.summary
        for size in SIZES:
            wiz.resize(*size)
            await eye.look(f"summary at {size}")
            assert not nested_scrolling(page), nested_scrolling(page)
            scrolls = [area for area in page.findChildren(QScrollArea) if area.isVisible()]
            assert len(scrolls) == 1, scrolls  # the page's own
        assert "bomnipotent.toml" in page.diff_label.text() and "config.toml" not in page.diff_label.text()
    eye.assert_holds()


async def test_the_conversation_with_the_server_is_wrapped_and_gets_the_room(
    qtbot: Any, tmp_path: Path, lang: str, server_tls: ssl.SSLContext, ca_file: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(EXISTING)
    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, config, ca_file=ca_file, connect_to=(server.host, server.port))
        eye = Inspector(wiz, lang, sizes=SIZES)
        await walk_to_test_page(qtbot, wiz, "localhost", 465, Security.SMTPS, "not-the-password")
        await probe_finished(wiz)
        assert not wiz.test.passed()
        click(qtbot, wiz.test.details_button)
        details = wiz.test.details
        for size in SIZES:
            wiz.resize(*size)
            await eye.look(f"test, failed, details open at {size}")
            lines = details.viewport().height() // details.fontMetrics().lineSpacing()
            assert lines >= LEAST_LINES, f"{lines} lines at {size}"  # four, beside the list, before
            assert not details.horizontalScrollBar().isVisible()
            assert wiz.test.verdict.isVisible() and wiz.test.fix.isVisible()  # the verdict stays in view
            assert not wiz.test.warnings.isVisible()  # in the conversation too: its room goes to the conversation
        click(qtbot, wiz.test.details_button)  # closed again: the list, the advice and the warnings are back
        assert wiz.test.checklist.isVisible() and wiz.test.advice.isVisible()
        assert wiz.test.warnings.isVisible() == bool(wiz.test.warnings.warnings)
    eye.assert_holds()


async def test_a_choice_that_cannot_be_taken_looks_and_reads_disabled(qtbot: Any, tmp_path: Path, lang: str) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")  # nothing stored: "keep" cannot be chosen
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    type_into(qtbot, wiz.server.host.line, "localhost")
    await next_page(qtbot, wiz, PageId.SECURITY)
    await next_page(qtbot, wiz, PageId.SECRET)
    keep = wiz.secret_page.keep
    assert not keep.isEnabled()
    assert keep.text().replace("&", "") == i18n.tr("words_rev3.secret.keep_nothing")
    palette = keep.palette()
    role = QPalette.ColorRole.WindowText
    dimmed = palette.color(QPalette.ColorGroup.Disabled, role)
    assert dimmed != palette.color(QPalette.ColorGroup.Active, role)
    image = keep.grab().toImage()  # the text is drawn in the dimmed colour, not the normal one
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert palette.color(QPalette.ColorGroup.Active, role).name() not in colours


async def test_the_server_page_says_no_server_once(qtbot: Any, tmp_path: Path, lang: str) -> None:
    wiz = open_wizard(qtbot, tmp_path / "config.toml")
    await pass_welcome(qtbot, wiz)
    type_into(qtbot, wiz.sender_page.address.line, LOGIN)
    await next_page(qtbot, wiz, PageId.SERVER)
    page = wiz.server
    assert page.suggestions_empty.isVisible() and not page.detect_status.isVisible()
    wiz.flow.detect_status = i18n.tr("flow.server.detect_cancelled")  # what a discovery that ended says
    page.show_flow()
    assert page.detect_status.isVisible() and not page.suggestions_empty.isVisible()
