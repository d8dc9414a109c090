"""The Qt pages are a presentation of the flow, so the GUI and the terminal wizard cannot drift apart: on every
page of the quick and the full route, in English and German, the page shows the flow's title, each question's
label, value, placeholder and problem, each option, each message and each action, for the same answers."""

from __future__ import annotations

import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
    QWizardPage,
)

from tests.support.servers import PASSWORD as PROVIDER_PASSWORD
from tests.support.servers import SmtpServer
from tests.ui.driver import click, next_page, open_wizard, probe_finished, type_into, until, visit_every_page
from tests.ui.quick import PROVIDER_ADDRESS  # provider_server: a fixture of tests/ui/conftest.py
from tests.ui.servers import PASSWORD, local_server
from wizard.core import i18n
from wizard.core.settings import Security
from wizard.flow.questions import Kind
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.translation import remove_translators
from wizard.ui.wizard import SetupWizard


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    remove_translators(qapp)
    i18n.set_language("en")


def plain(text: str) -> str:
    """A Qt text as read: without its mnemonic marker and a label's closing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix(":")


def visible_texts(page: QWizardPage) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page))


def buddy_label(page: QWizardPage, field: QWidget) -> QLabel:
    found = [label for label in page.findChildren(QLabel) if label.buddy() is field]
    assert found, f"no label for {field.accessibleName()!r}"
    return found[0]


def drift(wiz: SetupWizard, page: Page, *, skip_messages: Callable[[str], bool] = lambda _text: False) -> list[str]:
    """Where `page` does not show what the flow says for it, as readable sentences (empty: no drift)."""
    flow, at = wiz.flow, page.flow_page()
    found: list[str] = []

    def differs(what: str, shown: object, said: object) -> None:
        if shown != said:
            found.append(f"{at}: {what}: the page shows {shown!r}, the flow says {said!r}")

    differs("title", page.title(), flow.title(at))
    differs("subtitle", page.subTitle(), flow.subtitle(at))
    texts = visible_texts(page)
    for q in flow.questions(at):
        if q.kind is Kind.CHOICE and page.choice_widgets(q.name):
            buttons = page.choice_widgets(q.name)
            for option in q.options:
                button = buttons[option.value]
                differs(f"{q.name} option {option.value}", plain(button.text()), option.label)
                differs(f"{q.name} option {option.value} enabled", button.isEnabled(), option.enabled)
                if option.explanation:
                    differs(f"{q.name} option {option.value} explained", option.explanation in texts, True)
            chosen = [value for value, button in buttons.items() if button.isChecked()]
            differs(f"{q.name} chosen", chosen, [q.value])
            continue
        widget = page.field_widget(q.name)
        if widget is None:
            found.append(f"{at}: the question {q.name!r} is not shown")
            continue
        if isinstance(widget, QComboBox):
            differs(f"{q.name} label", plain(buddy_label(page, widget).text()), q.label)
            differs(f"{q.name} value", widget.currentData(), q.value)
            shown_options = [widget.itemData(i) for i in range(widget.count())]
            differs(f"{q.name} options", shown_options, [o.value for o in q.options])
        elif isinstance(widget, QAbstractButton):
            differs(f"{q.name} label", plain(widget.text()), q.label)
            differs(f"{q.name} value", widget.isChecked(), q.value)
        elif isinstance(widget, QSpinBox):
            differs(f"{q.name} label", plain(buddy_label(page, widget).text()), q.label)
            differs(f"{q.name} value", str(widget.value()), q.value)
        else:
            assert isinstance(widget, QLineEdit)
            differs(f"{q.name} label", plain(buddy_label(page, widget).text()), q.label)
            differs(f"{q.name} value", widget.text(), q.value)
            if q.placeholder:
                differs(f"{q.name} placeholder", widget.placeholderText(), q.placeholder)
        # an advanced question (under a closed "Advanced" part) carries its help for screen readers
        in_description = q.advanced and q.help in widget.accessibleDescription()
        differs(f"{q.name} help", q.help in texts or q.help == widget.toolTip() or in_description, True)
        if q.problem:
            differs(f"{q.name} problem shown", q.problem in texts, True)
    for message in flow.messages(at):
        if not skip_messages(message.text):
            differs(f"message {message.text[:40]!r}… shown", message.text in texts, True)
    buttons = {plain(b.text()) for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page)}
    for action in flow.actions(at):
        differs(f"action {action.id}", action.label in buttons, True)
    return found


def layout_line(wiz: SetupWizard) -> Callable[[str], bool]:
    """The Welcome page says the detected layout in its short form under the layout choice (760x540)."""
    deployment = wiz.flow.deployment
    return lambda text: deployment is not None and text == deployment.describe()


def outcome_drift(wiz: SetupWizard) -> list[str]:
    """Test, Summary and Done: the flow's test run, its plan and its outcome, as shown."""
    found = []
    run = wiz.flow.test
    if wiz.currentId() == PageId.TEST and run is not None and run.finished:
        if wiz.test.verdict.text() != run.verdict():
            found.append(f"test: the verdict {wiz.test.verdict.text()!r} is not the flow's {run.verdict()!r}")
        texts = visible_texts(wiz.test)
        if wiz.test.details.isVisible():  # open, the conversation holds the warnings (they step aside for it)
            texts += "\n" + wiz.test.details.toPlainText()
        found += [f"test: {line!r} not shown" for line in run.explanation() if line not in texts]
    if wiz.currentId() == PageId.SUMMARY:
        view = wiz.flow.summary()
        assert view is not None
        if view.smtp_section != wiz.summary.section.toPlainText():
            found.append("summary: the [smtp] section differs")
        texts = visible_texts(wiz.summary)
        found += [f"summary: {line!r} not shown" for line in (view.env_text, *view.tips) if line not in texts]
    if wiz.currentId() == PageId.DONE:
        view = wiz.flow.done()
        texts = visible_texts(wiz.done_page)
        found += [f"done: {item!r} not shown" for item in (*view.written, *view.next_steps) if str(item) not in texts]
    return found


@pytest.mark.parametrize("password", [PASSWORD, "not-the-password"], ids=["passed", "failed"])
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_page_of_the_full_route_shows_the_flows_questions_messages_and_actions(
    qtbot: Any,
    tmp_path: Path,
    server_tls: ssl.SSLContext,
    ca_file: Path,
    lang: str,
    password: str,
    back_to_english: None,
) -> None:
    seen: dict[str, list[str]] = {}

    def check(name: str, page: QWizardPage) -> None:
        assert isinstance(page, Page)
        seen[name] = drift(wiz, page, skip_messages=layout_line(wiz)) + outcome_drift(wiz)
        if name == "sender":  # a problem, in the flow's words
            type_into(qtbot, wiz.sender_page.address.line, "bom@")
            seen["sender, invalid"] = drift(wiz, page)
        if name == "security":  # a warning and a fix of the flow
            click(qtbot, wiz.security.choice_widgets("security")[str(Security.STARTTLS)])
            seen["security, STARTTLS on 465"] = drift(wiz, page)

    with local_server("smtps", server_tls) as server:
        wiz = open_wizard(qtbot, tmp_path / "config.toml", ca_file=ca_file, connect_to=(server.host, server.port))
        wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
        await visit_every_page(qtbot, wiz, password, check)
    pages = {"welcome", "sender", "server", "security", "secret", "test"}
    assert set(seen) >= (pages | {"summary", "done"} if password == PASSWORD else pages)
    clashes = [line for lines in seen.values() for line in lines]
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_every_page_of_the_quick_path_shows_the_flows_questions_messages_and_actions(
    qtbot: Any,
    tmp_path: Path,
    provider_server: Callable[..., SmtpServer],
    lang: str,
    back_to_english: None,
) -> None:
    server = provider_server()
    wiz = open_wizard(qtbot, tmp_path / "config.toml", quick=True, ca_file=server.ca_file, connect_to=server.connect_to)
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData(lang))
    await until(wiz.welcome.isComplete, what="the config file to be read")
    seen = {"welcome": drift(wiz, wiz.welcome, skip_messages=layout_line(wiz))}
    await next_page(qtbot, wiz, PageId.SENDER)
    seen["account, empty"] = drift(wiz, wiz.sender_page)
    type_into(qtbot, wiz.sender_page.address.line, PROVIDER_ADDRESS)
    seen["account, provider recognised"] = drift(wiz, wiz.sender_page)
    type_into(qtbot, wiz.sender_page.password, PROVIDER_PASSWORD)
    await next_page(qtbot, wiz, PageId.TEST)
    await probe_finished(wiz)
    assert wiz.test.passed()
    seen["test"] = drift(wiz, wiz.test)
    await next_page(qtbot, wiz, PageId.SUMMARY)
    seen["summary"] = drift(wiz, wiz.summary) + outcome_drift(wiz)
    await next_page(qtbot, wiz, PageId.DONE)
    seen["done"] = drift(wiz, wiz.done_page) + outcome_drift(wiz)
    clashes = [line for lines in seen.values() for line in lines]
    assert not clashes, "\n".join(clashes)
