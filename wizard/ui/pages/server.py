"""Server: host and port, suggestions from the address (provider table, then live discovery), or a relay."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt
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

from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.core.settings import DEFAULT_PORTS, Security, validate_host
from wizard.ui import tasks
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId, following
from wizard.ui.widgets import CheckedEdit, add_row, describe, help_label, message_label, new_form, with_help

RELAY_HOST = "localhost"


def _host_problem(text: str) -> str | None:
    try:
        validate_host(text)
    except ValidationError as exc:
        return str(exc)
    return None


class ServerPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Outgoing mail server (SMTP)"))
        self.setSubTitle(self.tr("Where does the server hand its mail over? Pick a suggestion or enter it."))
        self._detect_task: asyncio.Task[Any] | None = None
        self._suggested_for = ""

        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(self.tr("Suggested servers"))
        self.suggestions.setMaximumHeight(110)
        self.suggestions.itemActivated.connect(self._use_item)
        self.use = QPushButton(self.tr("&Use suggestion"))
        self.use.clicked.connect(lambda: self._use_item(self.suggestions.currentItem()))
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
        # About the chosen suggestion: why it cannot be used, or what to log in with when its login is not the
        # full address (local part, a fixed name, or none for a relay; that login is also filled in).
        self.choice_note = message_label()
        self.choice_note.setVisible(False)
        self._login_filled = ""
        self._address_before = ""
        buttons = QHBoxLayout()
        buttons.addWidget(self.use)
        buttons.addWidget(self.detect)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)

        self.host = CheckedEdit(_host_problem, self.tr("Server name"))
        self.host.line.setPlaceholderText(self.tr("smtp.yourdomain.com"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORTS[Security.SMTPS])
        self.port.setAccessibleName(self.tr("Port"))
        self.port.setMaximumWidth(self.port.fontMetrics().horizontalAdvance("65535") * 3)
        self.relay = QCheckBox(self.tr("A &relay on this computer or network (no encryption)"))
        self.relay.toggled.connect(self._relay_toggled)
        self._page_sets = False
        self._port_chosen = False  # the port was typed or pre-filled: ticking "relay" keeps it
        self._host_typed = False
        self._before_relay: tuple[str, int, Security | None] | None = None
        self.port.valueChanged.connect(self._port_edited)
        self.host.line.textChanged.connect(self._host_edited)

        self.host.set_help(
            self.tr("The name of your provider's outgoing mail server, for example smtp.yourdomain.com."),
            self.tr(
                "Providers list this name under “SMTP”, “outgoing mail server” or “settings for mail "
                "programs”. Enter a name rather than an IP address, so that the server's certificate can be "
                "checked. “Detect” tries the usual names for your sender address."
            ),
        )
        self.port_help = help_label()
        describe(
            self.port,
            self.port_help,
            self.tr("Usually 465 (implicit TLS) or 587 (STARTTLS); 25 only for a local relay."),
            self.tr(
                "The network port the mail server listens on. Providers almost always offer 465, encrypted "
                "from the first byte, or 587 with STARTTLS. Port 25 is meant for mail servers among "
                "themselves and is often blocked for outgoing connections."
            ),
        )
        self.suggestions.setWhatsThis(
            self.tr(
                "Servers found for your sender address: from the list of known providers, from DNS, from the "
                "domain's own autoconfig document and from Thunderbird's database. "
                "Choose one and press “Use suggestion” to fill in the name, port and encryption."
            )
        )
        # While the list is empty it says what it is for, instead of a blank box.
        self.suggestions_empty = help_label(
            self.tr("Suggestions appear here: from the list of known providers, or press Detect to look up the server.")
        )
        suggestions_label = QLabel(self.tr("&Suggestions:"))
        suggestions_label.setBuddy(self.suggestions)
        form = new_form()
        add_row(form, self.tr("Ser&ver name:"), self.host)
        add_row(form, self.tr("&Port:"), with_help(self.port, self.port_help), buddy=self.port)
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
        self.registerField("host*", self.host.line)
        self.registerField("port", self.port)
        self.registerField("relay", self.relay)

    def first_field(self) -> QWidget | None:
        return self.host.line

    def _address(self) -> str:
        return str(self.field("user")).strip()

    def initializePage(self) -> None:
        address = self._address()
        if address != self._suggested_for:
            self._suggested_for = address
            self.suggestions.clear()
            self.detect_status.setText("")
            self._note("")
            for candidate in self._table_suggestions(address):
                self._add_candidate(candidate)
            if self.suggestions.count():
                self.suggestions.setCurrentRow(0)
                if not self.host.text().strip():
                    self._use_item(self.suggestions.item(0))
        self._update_buttons()

    def _table_suggestions(self, address: str) -> list[Any]:
        from wizard.discovery import suggest_from_table

        return list(suggest_from_table(address))

    def _describe(self, candidate: Any) -> str:
        where = tr(f"discovery.source.{candidate.source}")
        if candidate.provider_name:
            where = f"{candidate.provider_name}, {where}"
        if candidate.unusable is not None:
            where += ", " + tr("discovery.status.unusable_short")
        elif candidate.checked:
            where += ", " + tr("discovery.status.verified" if candidate.verified else "discovery.status.unreachable")
        return self.tr("{host}, port {port}, {security} ({where})").format(
            host=candidate.host,
            port=candidate.port,
            security=tr(f"discovery.security.{candidate.security}"),
            where=where,
        )

    def _add_candidate(self, candidate: Any) -> None:
        """Add a suggestion, or update the row with the same host, port and security (now checked)."""
        item = None
        for row in range(self.suggestions.count()):
            known = self.suggestions.item(row).data(Qt.ItemDataRole.UserRole)
            if known.key == candidate.key:
                item = self.suggestions.item(row)
        if item is None:
            item = QListWidgetItem()
            self.suggestions.addItem(item)
        item.setText(self._describe(candidate))
        if candidate.unusable is not None:
            from wizard.discovery.labels import unusable_reason

            item.setToolTip(unusable_reason(candidate))
        item.setData(Qt.ItemDataRole.UserRole, candidate)
        self._update_buttons()

    def _use_item(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        candidate = item.data(Qt.ItemDataRole.UserRole)
        from wizard.discovery.labels import login_hint, unusable_reason

        if candidate.unusable is not None:  # shown so the user knows, but it cannot be configured
            self._note(tr("discovery.unusable_note", reason=unusable_reason(candidate)))
            return
        relay = candidate.security is Security.NONE
        self.relay.setChecked(relay)
        self._set_host(str(candidate.host))
        self._set_port(int(candidate.port))
        self._port_chosen = self._host_typed = False  # a suggestion's values are the page's choice
        self.ctx.security_hint = Security(str(candidate.security))
        self.ctx.provider_hint = candidate.hint_id
        sender = self.wiz().sender_page
        if candidate.login_form in ("literal", "local-part"):
            # e.g. "apikey", or "fred" for fred@example.com: the login this server wants becomes `user`, and
            # the Sender page shows its warning (the server sends as `user`, SPEC §2)
            if not self._login_filled:
                self._address_before = self._address()
            sender.use_login(candidate.login)
            self._login_filled = self._suggested_for = str(candidate.login)
        elif self._login_filled and self._address() == self._login_filled:
            # undo what an earlier suggestion filled in: for this server the address is the login again
            sender.not_address.setChecked(False)
            sender.address.set_text(self._address_before)
            self._login_filled, self._suggested_for = "", self._address_before
        self._note(login_hint(candidate))

    def _note(self, text: str) -> None:
        self.choice_note.setText(text)
        self.choice_note.setVisible(bool(text))

    # -- discovery ---------------------------------------------------------------------------------

    def start_detect(self) -> None:
        if self._detect_task is not None and not self._detect_task.done():
            return
        demo = self.ctx.demo
        if demo is not None and demo.server is not None:  # nothing to look up: the demo has its own server
            self.detect_status.setText(
                self.tr("Demo mode: the wizard's own demo mail server on {host}, port {port}, is filled in.").format(
                    host=demo.settings.host, port=demo.settings.port
                )
            )
            return
        self.detect_status.setText(self.tr("Looking for the server of {address}…").format(address=self._address()))
        self._detect_task = tasks.start(self._detect(self._address()), "detect")
        self._update_buttons()

    def cancel_detect(self) -> None:
        tasks.stop(self._detect_task)

    async def _detect(self, address: str) -> None:
        try:
            from wizard.discovery import discover

            found = await discover(address, on_candidate=self._add_candidate, **self.ctx.discovery_options)
            for candidate in found:
                self._add_candidate(candidate)
            if found:
                self.detect_status.setText(self.tr("Found {count} server(s).").format(count=len(found)))
            else:
                self.detect_status.setText(self.tr("No server found; please enter it by hand."))
        except asyncio.CancelledError:
            self.detect_status.setText(self.tr("Detection cancelled."))
        except Exception as exc:  # a network failure during discovery: say so, keep the page usable
            self.detect_status.setText(self.tr("Detection failed: {reason}").format(reason=str(exc)))
        finally:
            self._detect_task = None
            self._update_buttons()

    def _update_buttons(self) -> None:
        running = self._detect_task is not None and not self._detect_task.done()
        self.detect.setVisible(not running)
        self.detect.setEnabled(bool(self._address()))
        self.cancel.setVisible(running)
        self.progress.setVisible(running)
        self.use.setEnabled(self.suggestions.count() > 0)
        self.suggestions.setVisible(self.suggestions.count() > 0)
        self.suggestions_empty.setVisible(self.suggestions.count() == 0)

    # -- relay path --------------------------------------------------------------------------------

    def _relay_toggled(self, on: bool) -> None:
        """Ticking fills only what nobody chose: an empty name becomes localhost, the page's own default port
        becomes 25; a port the user typed or the existing setup named stays. Unticking gives back what
        ticking replaced, as long as it was not changed since."""
        if on:
            self._before_relay = (self.host.text(), self.port.value(), self.ctx.security_hint)
            if not self.host.text().strip():
                self._set_host(RELAY_HOST)
            if not self._port_chosen:
                self._set_port(DEFAULT_PORTS[Security.NONE])
            self.ctx.security_hint = Security.NONE
        elif self._before_relay is not None:
            host, port, hint = self._before_relay
            self._before_relay = None
            if self.host.text() == RELAY_HOST and host != RELAY_HOST and not self._host_typed:
                self._set_host(host)
            if not self._port_chosen:
                self._set_port(port)
            self.ctx.security_hint = hint if hint is not Security.NONE else None

    def fill_from_flow(self, host: str, port: int, *, relay: bool) -> None:
        """The server the quick path tests (the flow's choice): filled in as the page's own, so the Server
        page shows it if the user opens it."""
        self.relay.setChecked(relay)
        self._set_host(host)
        self._set_port(port)
        self._before_relay = None

    def mark_prefilled(self) -> None:
        """Host and port came from the existing setup (or the demo): the page's defaults never replace them."""
        self._port_chosen = self._host_typed = True
        self._before_relay = None

    def _set_port(self, port: int) -> None:
        """A port the page chooses (a default, a suggestion): later pre-fill or typing still wins."""
        self._page_sets = True
        try:
            self.port.setValue(port)
        finally:
            self._page_sets = False

    def _set_host(self, host: str) -> None:
        self._page_sets = True
        try:
            self.host.set_text(host)
        finally:
            self._page_sets = False

    def _port_edited(self) -> None:
        if not self._page_sets:
            self._port_chosen = True  # typed, or pre-filled from the existing setup: never replaced

    def _host_edited(self) -> None:
        if not self._page_sets:
            self._host_typed = True

    def cleanupPage(self) -> None:
        self.cancel_detect()

    def validatePage(self) -> bool:
        self.cancel_detect()
        return True

    def isComplete(self) -> bool:
        return self.host.is_valid()

    def nextId(self) -> int:
        # A relay speaks plain SMTP: the security choice is made, go straight to the secret.
        return following(PageId.SERVER, relay=self.relay.isChecked())
