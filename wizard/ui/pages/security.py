"""Security: implicit TLS (recommended), STARTTLS or none, one sentence each; impossible combinations explained."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QRadioButton, QVBoxLayout, QWidget

from wizard.core.errors import ValidationError
from wizard.core.settings import DEFAULT_PORTS, Security
from wizard.flow.model import is_loopback  # the flow's rule, as the terminal wizard uses it
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.widgets import message_label


class SecurityPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Encryption"))
        self.setSubTitle(self.tr("How is the connection to the mail server protected?"))
        self._user_chose = False  # a mode the user picked is never replaced by a preselection
        self._buttons: dict[Security, QRadioButton] = {
            Security.SMTPS: QRadioButton(self.tr("&Implicit TLS (recommended)")),
            Security.STARTTLS: QRadioButton(self.tr("&STARTTLS")),
            Security.NONE: QRadioButton(self.tr("N&one (only for a relay on this computer or network)")),
        }
        explanations = {
            Security.SMTPS: self.tr("The connection is encrypted from the first byte, usually on port 465."),
            Security.STARTTLS: self.tr(
                "The connection starts unencrypted and switches to encryption before anything "
                "secret is sent, usually on port 587."
            ),
            Security.NONE: self.tr("Nothing is encrypted: anyone on the way can read the mail and the password."),
        }
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.where = message_label()
        layout.addWidget(self.where)
        for security, button in self._buttons.items():
            self.group.addButton(button)
            button.toggled.connect(self._changed)
            button.clicked.connect(self._chosen_by_user)
            layout.addWidget(button)
            note = message_label(explanations[security])
            note.setContentsMargins(24, 0, 0, 6)
            layout.addWidget(note)
        self.problem = message_label(error=True)
        self.use_465 = QPushButton(self.tr("Use port &465"))
        self.use_465.clicked.connect(lambda: self._set_port(DEFAULT_PORTS[Security.SMTPS]))
        self.use_starttls = QPushButton()
        self.use_starttls.clicked.connect(lambda: self._buttons[Security.STARTTLS].click())
        self.use_587 = QPushButton(self.tr("Use port &587"))
        self.use_587.clicked.connect(lambda: self._set_port(DEFAULT_PORTS[Security.STARTTLS]))
        fixes = QHBoxLayout()
        for fix in (self.use_465, self.use_starttls, self.use_587):
            fixes.addWidget(fix)
        fixes.addStretch(1)
        layout.addWidget(self.problem)
        layout.addLayout(fixes)
        layout.addStretch(1)
        self._buttons[Security.SMTPS].setChecked(True)

    def first_field(self) -> QWidget | None:
        return self._buttons[self.chosen()]

    def security(self) -> Security:
        if self.field("relay"):
            return Security.NONE
        return self.chosen()

    def choice_state(self) -> tuple[Security, bool]:
        """The choice and whether the user made it: carried over a rebuild of the page."""
        return self.chosen(), self._user_chose

    def restore_choice_state(self, state: tuple[Security, bool]) -> None:
        self.select(state[0])
        self._user_chose = state[1]

    def chosen(self) -> Security:
        """The button chosen on this page (ignoring the relay shortcut of the Server page)."""
        return next((s for s, button in self._buttons.items() if button.isChecked()), Security.SMTPS)

    def _chosen_by_user(self) -> None:
        self._user_chose = True

    def select(self, security: Security) -> None:
        self._buttons[security].setChecked(True)

    def _port(self) -> int:
        return int(self.field("port"))

    def _set_port(self, port: int) -> None:
        self.setField("port", port)
        self._changed()

    def initializePage(self) -> None:
        """Until the user picks a mode, preselect one that fits the port: the hint (a suggestion, the existing
        file) when it fits, else what the port implies (465: implicit TLS, any other: STARTTLS), so the page
        never opens with an error the user did not cause."""
        if not self._user_chose:
            hint = self.ctx.security_hint
            # "none" comes with the relay box of the Server page; shown here, the box is unticked.
            fits = hint is not None and hint is not Security.NONE
            fits = fits and not (hint is Security.SMTPS and self._port() != DEFAULT_PORTS[Security.SMTPS])
            self.select(hint if hint is not None and fits else self.implied_by_port(self._port()))
        self._changed()

    @staticmethod
    def implied_by_port(port: int) -> Security:
        return Security.SMTPS if port == DEFAULT_PORTS[Security.SMTPS] else Security.STARTTLS

    def _changed(self) -> None:
        if self.wizard() is None:
            return  # toggled while the page is being built
        host, port, security = str(self.field("host")).strip(), self._port(), self.security()
        self.where.setText(self.tr("Server: {host}, port {port}.").format(host=host, port=port))
        problem = ""
        self.use_465.setVisible(False)
        self.use_starttls.setVisible(False)
        self.use_587.setVisible(False)
        if security is Security.SMTPS and port != DEFAULT_PORTS[Security.SMTPS]:
            # BOMnipotent's config can only say "implicit TLS" for port 465: explain, never rewrite.
            problem = str(ValidationError("port", "validation.implicit_tls_port", port=port))
            self.use_starttls.setText(self.tr("&Use STARTTLS on port {port}").format(port=port))
            self.use_465.setVisible(True)
            self.use_starttls.setVisible(True)
        elif self._endpoint_problem():
            # e.g. an IPv6 address in the smtp:// forms: the server could not connect; the core says why.
            problem = self._endpoint_problem()
        elif security is Security.STARTTLS and port == DEFAULT_PORTS[Security.SMTPS]:
            problem = self.tr(
                "Port 465 normally expects implicit TLS, and STARTTLS normally uses port 587. "
                "Check what your provider says."
            )
            self.use_587.setVisible(True)
        elif security is Security.NONE and not is_loopback(host):
            problem = self.tr(
                "Without encryption the password and the mail travel readable through the network. "
                "Choose this only for a relay in a network you trust."
            )
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.completeChanged.emit()

    def _endpoint_problem(self) -> str:
        """Why host, port and this choice cannot be written as the server reads them (the core's rule), or ""."""
        from wizard.core.endpoint import check_endpoint, normalize_host

        try:
            check_endpoint(normalize_host(str(self.field("host"))), self._port(), self.security())
        except ValidationError as exc:
            return str(exc) if exc.field == "host" else ""
        return ""

    def isComplete(self) -> bool:
        if self.security() is Security.SMTPS and self._port() != DEFAULT_PORTS[Security.SMTPS]:
            return False
        return not self._endpoint_problem()

    def nextId(self) -> int:
        return int(PageId.SECRET)
