"""Issue #23 in the terminal wizard at 80×24: German step names stay apart from their status; a diagnosis's
title and its text stand together, the test's buttons above them; PageDown scrolls the Summary without a Tab first;
the keyring's details wait behind "More…" and the variable name behind "Advanced"; a choice that cannot be
taken reads as such."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, RadioButton

from tests.support.refusing_login import refusing_login_server
from tests.support.servers import LOGIN, PASSWORD, SmtpServer
from tests.tui.driver import enter, probe_finished, type_into, until, until_shown, wizard
from tests.tui.test_keyring_option import to_secret_page
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.screens import checklist


@pytest.fixture
def german() -> Iterator[None]:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.fixture
def refusing_login() -> Iterator[int]:
    with refusing_login_server() as port:
        yield port


async def test_german_step_names_never_run_into_their_status(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer], german: None
) -> None:
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await type_into(app, pilot, "secret", PASSWORD)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        run = app.flow.test
        assert run is not None and run.passed
        rows = run.rows(0.0)
        lines = checklist(run).plain.splitlines()
        assert len(lines) == len(rows)
        for (label, _status, word, _shown), line in zip(rows, lines, strict=True):
            text = line[2:]
            assert text.startswith(label), (label, line)
            gap = text[len(label) : text.index(word, len(label))]
            assert len(gap) >= 2 and not gap.strip(), line  # at least two spaces, nothing else
            assert len(line) <= 78, line  # inside 80 columns with the page's padding
        starttls = next(str(label) for label, *_ in rows if "STARTTLS" in str(label))
        app.screen.query_one("#checklist").scroll_visible(animate=False)
        screen = await until_shown(app, pilot, starttls)
        assert f"{starttls}  " in screen


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
async def test_the_diagnosis_title_and_its_text_stand_together_under_the_buttons(
    tmp_path: Path, refusing_login: int, german: None
) -> None:
    async with wizard(tmp_path / "config.toml", quick=False) as (app, pilot):
        flow = app.flow
        flow.advance()
        flow.set("user", LOGIN)
        flow.advance()
        flow.set("host", "127.0.0.1")
        flow.set("port", str(refusing_login))
        flow.set("relay", True)
        flow.advance()
        flow.set("secret_source", "new")
        flow.set("secret", "not the password")
        flow.advance()
        app.show_page()
        await probe_finished(app, pilot)
        assert flow.test is not None and not flow.test.passed
        first = flow.test.explanation()[0]
        screen = await until_shown(app, pilot, flow.test.verdict(), i18n.tr("tui.retry"))
        lines = screen.splitlines()
        title = next(i for i, line in enumerate(lines) if flow.test.verdict() in line)
        buttons = next(i for i, line in enumerate(lines) if i18n.tr("tui.retry") in line)
        under = next(line for line in lines[title + 1 :] if line.strip())  # the text next under the title
        assert first.split()[0] in under, lines[title : title + 3]
        assert buttons < title  # the row acting on the whole test stands above, not inside the diagnosis


async def test_page_down_scrolls_the_summary_without_a_tab_first(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer], german: None
) -> None:
    server = smtp_server("starttls")
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://x.org"\n\n[smtp]\nuser = "a@x.org"\nendpoint = "x.org"\nstarttls = true\n')
    async with wizard(config, ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        app.flow.set("secret_source", "new")  # nothing stored to keep
        await app.screen.refresh_state()  # type: ignore[attr-defined]
        await type_into(app, pilot, "secret", PASSWORD)
        await enter(app, pilot, PageId.TEST)
        await probe_finished(app, pilot)
        await enter(app, pilot, PageId.SUMMARY)
        body = app.screen.query_one("#body", VerticalScroll)
        await until(pilot, lambda: body.max_scroll_y > 0, what="a Summary taller than the terminal")
        assert app.screen.focused is not None and app.screen.focused.id == "next"  # no Tab pressed
        await pilot.press("pagedown")
        await until(pilot, lambda: body.scroll_y > 0, what="the page to scroll down")
        await pilot.press("pageup")
        await until(pilot, lambda: body.scroll_y == 0, what="the page to scroll back up")


async def test_keyring_details_wait_behind_more_and_the_variable_behind_advanced(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        await until(pilot, lambda: app.flow.keyring.status is not None, what="the keyring to be asked")
        sentence = i18n.tr("words_rev3.keyring.env_only")
        screen = await until_shown(app, pilot, sentence, i18n.tr("words_rev3.more"), i18n.tr("words_rev3.advanced"))
        assert "No system keyring is available" not in screen  # the details: only after "More…"
        advanced = next(c for c in app.screen.query(Collapsible) if c.title == i18n.tr("words_rev3.advanced"))
        assert advanced.collapsed and advanced.query("#q-secret_var")  # the variable name waits behind it
        more = next(c for c in app.screen.query(Collapsible) if c.title == i18n.tr("words_rev3.more"))
        more.query_one("CollapsibleTitle").focus()
        await pilot.press("enter")  # the keyboard opens it, as a click does
        await until(pilot, lambda: not more.collapsed, what="More… to open")
        details = more.query_one(".help")
        await until(pilot, lambda: details.region.height > 0, what="the keyring's details to show")
        assert "No system keyring is available" in str(details.content)
        app.flow.set("secret_var", "1BAD")  # a problem under "Advanced" opens it
        await app.screen.refresh_state()  # type: ignore[attr-defined]
        await until(pilot, lambda: not advanced.collapsed, what="Advanced to open for its problem")
        problem = app.screen.query_one("#problem-secret_var")
        assert advanced in problem.ancestors  # the problem stands under its field, inside the opened part
        await until(pilot, lambda: problem.region.height > 0, what="the variable's problem to show")


async def test_keep_the_stored_one_reads_disabled_when_nothing_is_stored(
    tmp_path: Path, smtp_server: Callable[..., SmtpServer]
) -> None:
    server = smtp_server("starttls")
    async with wizard(tmp_path / "config.toml", ca_file=server.ca_file, quick=False) as (app, pilot):
        await to_secret_page(app, pilot, server.port)
        keep = next(b for b in app.screen.query(RadioButton) if b.name == "keep")
        assert keep.disabled
        assert str(keep.label) == i18n.tr("words_rev3.secret.keep_nothing")
        assert keep.styles.text_style.dim  # drawn dim, not like the choices that can be taken


STORED_SETUP = """\
domain = "https://bom.example.org"

[smtp]
user = "bom@example.org"
endpoint = "smtp://127.0.0.1:25"
secret = "${SMTP_SECRET}"
"""


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_option_on_the_secret_page_reads_whole_at_80_columns(tmp_path: Path, lang: str) -> None:
    """A choice is one line in the terminal: one too long for it ended in "…" (German: "es wird nicht
    angezeigt…"), the part saying the stored secret is not shown lost. Checked with a page long enough to
    scroll (its scrollbar takes two columns) and the variable's name in the option."""
    i18n.set_language(lang)
    config = tmp_path / "config.toml"
    config.write_text(STORED_SETUP)
    (tmp_path / ".env").write_text('SMTP_SECRET="stored"\n')
    try:
        async with wizard(config, quick=False) as (app, pilot):
            await until(pilot, lambda: app.flow.loaded, what="the files read")
            app.flow.go_to(PageId.SECRET)
            app.flow.set("secret_source", "new")  # the longest page: the secret field and keyring sentence too
            app.show_page()
            await until(pilot, lambda: bool(app.screen.query(RadioButton)), what="the Secret page")
            await pilot.pause(0.3)
            buttons = list(app.screen.query(RadioButton))
            assert any("SMTP_SECRET" in str(b.label) for b in buttons)
            for button in buttons:
                needed = button.get_content_width(app.screen.size, app.size)
                assert button.content_size.width >= needed, f"{button.label!s} cut to {button.content_size.width}"
    finally:
        i18n.set_language("en")
