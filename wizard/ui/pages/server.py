"""Server: host and port, suggestions from the address (provider table, then live discovery), or a relay.
The answers, the suggestions and the words are the flow's; this page lays them out."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wizard.core.i18n import tr
from wizard.flow.content import describe_suggestion, suggestion_login_hint, suggestion_unusable_reason
from wizard.ui import tasks
from wizard.ui.mnemonic import marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import CheckedEdit, add_row, describe, help_label, message_label, new_form, with_help


class ServerPage(Page):
    page_id = PageId.SERVER

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detect_task: asyncio.Task[Any] | None = None

        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(self.tr("Suggested servers"))
        self.suggestions.setMaximumHeight(110)
        self.suggestions.itemActivated.connect(lambda _item: self._use(self.suggestions.currentRow()))
        self.use = QPushButton(self.tr("&Use suggestion"))
        self.use.clicked.connect(lambda: self._use(self.suggestions.currentRow()))
        self.detect = QPushButton(self.tr("De&tect"))
        self.detect.setToolTip(
            self.tr("Look up the server in DNS and in autoconfig documents and try the usual names and ports")
        )
        self.detect.clicked.connect(self.start_detect)
        self.cancel = QPushButton(self.tr("Cancel detection"))
        self.cancel.clicked.connect(self.cancel_detect)
        self.cancel.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Detecting"))
        self.detect_status = message_label()
        # About the chosen suggestion: what to log in with when its login is not the full address (that login
        # is also filled in), or why it cannot be used.
        self.choice_note = message_label()
        self.choice_note.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use)
        buttons.addWidget(self.detect)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)

        self.host = CheckedEdit(lambda text: self._edited_text("host", text), "")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setMaximumWidth(self.port.fontMetrics().horizontalAdvance("65535") * 3)
        self.relay = QCheckBox()
        self.relay.toggled.connect(lambda on: self._edited("relay", on))
        self.port.valueChanged.connect(lambda value: self._edited("port", str(value)))
        self._long_help = {
            "host": self.tr(
                "Providers list this name under “SMTP”, “outgoing mail server” or “settings for mail "
                "programs”. Enter a name rather than an IP address, so that the server's certificate can be "
                "checked. “Detect” tries the usual names for your sender address."
            ),
            "port": self.tr(
                "The network port the mail server listens on. Providers almost always offer 465, encrypted "
                "from the first byte, or 587 with STARTTLS. Port 25 is meant for mail servers among "
                "themselves and is often blocked for outgoing connections."
            ),
        }
        self.port_help = help_label()
        self.suggestions.setWhatsThis(
            self.tr(
                "Servers found for your sender address: from the list of known providers, from DNS, from the "
                "domain's own autoconfig document and from Thunderbird's database. "
                "Choose one and press “Use suggestion” to fill in the name, port and encryption."
            )
        )
        # While the list is empty it says what it is for, instead of a blank box.
        self.suggestions_empty = help_label(tr("flow.server.no_suggestions"))
        suggestions_label = QLabel(marked(tr("flow.server.suggestions") + ":", "server.suggestions"))
        suggestions_label.setBuddy(self.suggestions)
        form = new_form()
        self.host_label = add_row(form, "", self.host)
        self.port_label = add_row(form, "", with_help(self.port, self.port_help), buddy=self.port)
        layout = QVBoxLayout(self)
        layout.addWidget(suggestions_label)
        layout.addWidget(self.suggestions_empty)
        layout.addWidget(self.suggestions)
        layout.addLayout(buttons)
        layout.addWidget(self.detect_status)
        layout.addWidget(self.choice_note)
        layout.addLayout(form)
        layout.addWidget(self.relay)
        layout.addStretch(1)
        self.host.validity_changed.connect(self.completeChanged)

    def first_field(self) -> QWidget | None:
        return self.host.line

    def field_widget(self, name: str) -> QWidget | None:
        return {"host": self.host.line, "port": self.port, "relay": self.relay}.get(name)

    # -- the flow's answers --------------------------------------------------------------------------

    def _edited_text(self, name: str, text: str) -> str | None:
        if self.wizard() is None:
            return None
        self._edited(name, text)
        return next((q.problem for q in self.flow.questions(self.flow_page()) if q.name == name), None)

    def _edited(self, name: str, value: str | bool) -> None:
        if self.wizard() is None or self.flow.value(name) == value:
            return
        self.flow.set(name, value)
        self.show_flow()
        self.completeChanged.emit()

    def _use(self, row: int) -> None:
        """Fill host, port and security (and a provider's fixed login) from the suggestion in `row`."""
        flow = self.flow
        if not 0 <= row < len(flow.suggestions):
            return
        candidate = flow.suggestions[row]
        flow.use_suggestion(row)
        self._note("" if candidate.unusable is not None else suggestion_login_hint(candidate))
        self.show_flow()
        self.wiz().sender_page.show_flow()  # a provider's login may have changed the address
        self.completeChanged.emit()

    def _note(self, text: str) -> None:
        self.choice_note.setText(text)
        self.choice_note.setVisible(bool(text))

    # -- presenting ------------------------------------------------------------------------------------

    def initializePage(self) -> None:
        self._note("")
        self.show_flow()

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        questions = self.questions_by_name()
        host, port, relay = questions["host"], questions["port"], questions["relay"]
        self.host_label.setText(marked(host.label + ":", "host"))
        self.host.line.setAccessibleName(host.label)
        self.host.line.setPlaceholderText(host.placeholder)
        self.host.set_help(host.help, self._long_help["host"])
        if self.host.text() != host.value:
            self.host.set_text(str(host.value))
        else:
            self.host.revalidate()
        self.port_label.setText(marked(port.label + ":", "port"))
        self.port.setAccessibleName(port.label)
        describe(self.port, self.port_help, port.help, self._long_help["port"])
        if str(port.value).strip().isdigit() and self.port.value() != int(str(port.value)):
            self.port.setValue(int(str(port.value)))
        self.relay.setText(marked(relay.label, "relay"))
        self.relay.setToolTip(relay.help)
        if self.relay.isChecked() != bool(relay.value):
            self.relay.setChecked(bool(relay.value))
        self._show_suggestions()
        messages = [m.text for m in flow.messages(self.flow_page())]
        self.detect_status.setText("\n".join(messages))
        self._update_buttons()

    def _show_suggestions(self) -> None:
        """The flow's suggestions, one row each, in its order; the row in use stays selected."""
        flow = self.flow
        row = self.suggestions.currentRow()
        self.suggestions.clear()
        for candidate in flow.suggestions:
            item = QListWidgetItem(describe_suggestion(candidate))
            if candidate.unusable is not None:
                item.setToolTip(suggestion_unusable_reason(candidate))
            self.suggestions.addItem(item)
        a = flow.answers
        chosen = (a.host, a.port, a.security)
        in_use = next(
            (i for i, c in enumerate(flow.suggestions) if (c.host, str(c.port), str(c.security)) == chosen),
            row if 0 <= row < self.suggestions.count() else 0,
        )
        if self.suggestions.count():
            self.suggestions.setCurrentRow(in_use)

    # -- discovery ---------------------------------------------------------------------------------

    def start_detect(self) -> None:
        if self._detect_task is not None and not self._detect_task.done():
            return
        self._detect_task = tasks.start(self._detect(), "detect")
        self.show_flow()

    def cancel_detect(self) -> None:
        tasks.stop(self._detect_task)

    async def _detect(self) -> None:
        try:
            await self.flow.discover(on_change=self._found)
        except asyncio.CancelledError:
            pass  # the flow says so in its status
        finally:
            self._detect_task = None
            if self.wizard() is not None:
                self.show_flow()

    def _found(self) -> None:
        if self.wizard() is not None:
            self.show_flow()

    def _update_buttons(self) -> None:
        running = self._detect_task is not None and not self._detect_task.done()
        self.detect.setVisible(not running)
        self.detect.setEnabled(bool(self.flow.answers.user.strip()))
        self.cancel.setVisible(running)
        self.progress.setVisible(running)
        count = self.suggestions.count()
        self.use.setEnabled(count > 0)
        self.suggestions.setVisible(count > 0)
        # One sentence about an empty list: the discovery's own ("nothing found", "cancelled") once it ran.
        self.suggestions_empty.setVisible(count == 0 and not self.detect_status.text())
        self.detect_status.setVisible(bool(self.detect_status.text()))

    def cleanupPage(self) -> None:
        self.cancel_detect()
        super().cleanupPage()

    def validatePage(self) -> bool:
        self.cancel_detect()
        return super().validatePage()
