"""Security: implicit TLS (recommended), STARTTLS or none, one sentence each; impossible combinations explained
(never silently rewritten), with the flow's one-click fixes. Choices, words and rules are the flow's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wizard.core.settings import Security
from wizard.flow.questions import Level
from wizard.ui.mnemonic import mark_yielding, marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.style import INDENT, SPACE_GROUP
from wizard.ui.widgets import message_label

FIXES = ("use_465", "use_starttls", "use_587")  # the flow's actions on this page, in button order


class SecurityPage(Page):
    page_id = PageId.SECURITY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[Security, QRadioButton] = {security: QRadioButton() for security in Security}
        self._notes: dict[Security, QLabel] = {}
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.where = message_label()
        layout.addWidget(self.where)
        for security, button in self._buttons.items():
            self.group.addButton(button)
            button.toggled.connect(lambda on, s=security: self._chosen(s) if on else None)
            layout.addWidget(button)
            note = message_label()
            note.setContentsMargins(INDENT, 0, 0, SPACE_GROUP)
            layout.addWidget(note)
            self._notes[security] = note
        self.problem = message_label(error=True)
        self.use_465, self.use_starttls, self.use_587 = (QPushButton() for _ in FIXES)
        fixes = QHBoxLayout()
        for action_id, fix in zip(FIXES, (self.use_465, self.use_starttls, self.use_587), strict=True):
            fix.clicked.connect(lambda _checked=False, a=action_id: self._act(a))
            fixes.addWidget(fix)
        fixes.addStretch(1)
        layout.addWidget(self.problem)
        layout.addLayout(fixes)
        layout.addStretch(1)

    def first_field(self) -> QWidget | None:
        return self._buttons[self.chosen()]

    def field_widget(self, name: str) -> QWidget | None:
        return self.first_field() if name == "security" else None

    def choice_widgets(self, name: str) -> dict[str, QAbstractButton]:
        return {str(s): button for s, button in self._buttons.items()} if name == "security" else {}

    def security(self) -> Security:
        return Security(self.flow.answers.security)

    def chosen(self) -> Security:
        return next((s for s, button in self._buttons.items() if button.isChecked()), Security.SMTPS)

    def _chosen(self, security: Security) -> None:
        if self.wizard() is not None and self.flow.answers.security != str(security):
            self.flow.set("security", str(security))
            self.show_flow()

    def _act(self, action_id: str) -> None:
        self.flow.act(action_id)
        self.show_flow()

    def initializePage(self) -> None:
        self.show_flow()

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        question = flow.questions(self.flow_page())[0]
        for option in question.options:
            security = Security(option.value)
            self._buttons[security].setText(marked(option.label, f"security.{option.value}"))
            self._notes[security].setText(option.explanation)
        self._buttons[self.security()].setChecked(True)
        messages = flow.messages(self.flow_page())
        self.where.setText("\n".join(m.text for m in messages if m.level is Level.INFO))
        problems = [m.text for m in messages if m.level is not Level.INFO]
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        actions = {action.id: action.label for action in flow.actions(self.flow_page())}
        for action_id, button in zip(FIXES, (self.use_465, self.use_starttls, self.use_587), strict=True):
            button.setVisible(action_id in actions)
            if action_id in actions:
                mark_yielding(button, actions[action_id], f"action.{action_id}")
        self.completeChanged.emit()
