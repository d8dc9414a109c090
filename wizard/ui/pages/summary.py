"""Summary: the [smtp] section, the before/after diff, the .env entry (masked), notes; Finish writes."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from wizard.core.i18n import tr
from wizard.ui.deliverability_box import DeliverabilityBox
from wizard.ui.mnemonic import mark_yielding, marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.style import Status, color_css, diff_background
from wizard.ui.text_views import FitToText, bullet_list
from wizard.ui.warning_list import WarningList
from wizard.ui.widgets import message_label


def diff_html(diff: str, before: str | None = None, after: str | None = None) -> str:
    """A unified diff with removed lines red and added lines green: readable without knowing diff syntax.
    The file headers are replaced by `before`/`after` when given (translated ones)."""
    rows = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            header = after if line.startswith("+++") else before
            rows.append(f"<b>{html.escape(line if header is None else line[:4] + header)}</b>")
            continue
        color = diff_background(line[:1])
        text = html.escape(line) or "&nbsp;"
        rows.append(f'<span style="background-color:{color}">{text}</span>' if color else text)
    return "<pre>" + "\n".join(rows) + "</pre>"


class SummaryPage(Page):
    """The flow's plan: the [smtp] section, the before/after diff, the .env entry (masked), notes and tips.
    Next (Write and finish) is the flow's advance, which writes; a refusal keeps every value here."""

    page_id = PageId.SUMMARY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Write and &finish"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.where = message_label()
        self.deployment = message_label()
        self.section_label = QLabel(marked(tr("flow.summary.section"), "summary.section"))
        # The section and the change as tall as their text, in one scroll area with everything else: the
        # whole [smtp] change and the advice below it are read by scrolling the page, never a box inside it.
        self.section = QTextEdit()
        self.section.setReadOnly(True)
        self.section.setAcceptRichText(False)
        self.section.setFont(mono)
        self.section.setAccessibleName(self.tr("The [smtp] section"))
        FitToText(self.section)
        self.section_label.setBuddy(self.section)
        self.diff_label = QLabel()
        self.diff = QTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setFont(mono)
        FitToText(self.diff)
        self.diff_label.setBuddy(self.diff)
        self.env = message_label()
        self.env.setAccessibleName(self.tr("The .env entry"))
        self.notes = message_label()
        # Saving without a passing test is a warning, said as one (colour, sign and heading), not a bullet.
        self.untested = message_label("⚠ " + tr("flow.summary.untested"))
        self.untested.setStyleSheet(color_css(Status.WARNING))
        self.untested.setAccessibleName(self.tr("Untested settings"))
        self.untested.setVisible(False)
        self.warnings = WarningList()
        self.deliverability = DeliverabilityBox()  # the sender domain's SPF, DMARC, DKIM (SPEC §11)
        self.problem = message_label(error=True)
        self.problem.setVisible(False)
        self.advice = QGroupBox(tr("flow.summary.tips"))
        self.tips = message_label()
        QVBoxLayout(self.advice).addWidget(self.tips)
        self.reread = QPushButton()
        self.reread.setVisible(False)
        self.reread.clicked.connect(self._reread)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        parts: tuple[QWidget, ...] = (self.where, self.deployment, self.section_label, self.section, self.diff_label)
        parts += (self.diff, self.untested, self.env, self.notes, self.warnings, self.problem, self.reread)
        parts += (self.deliverability, self.advice)  # the domain's own verdicts before the general tips
        for widget in parts:
            column.addWidget(widget)
        column.addStretch(1)
        layout = QVBoxLayout(self)  # the page's own scroll area (style.scrollable) is the only one
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(content)

    def initializePage(self) -> None:
        if self.flow.plan is None and self.flow.plan_problem is None:
            self.flow.act("reread")  # shown outside the route (a test pokes at it): the plan of the answers
        self.show_flow()

    def _reread(self) -> None:
        self.flow.act("reread")
        self.show_flow()

    def refused(self, problems: list[str]) -> None:
        self.show_flow()

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        problem = flow.plan_problem
        self.problem.setText(problem or "")
        self.problem.setStyleSheet(color_css(Status.FAIL))
        self.problem.setVisible(bool(problem))
        actions = {action.id: action.label for action in flow.actions(self.flow_page())}
        self.reread.setVisible("reread" in actions)
        if "reread" in actions:
            mark_yielding(self.reread, actions["reread"], "action.reread")
        view, plan = flow.summary(), flow.plan
        if view is None or plan is None:
            self.completeChanged.emit()
            return
        skipping = flow.answers.skip
        self.where.setText(tr("flow.summary.file", path=str(view.config_path)))
        self.section_label.setVisible(not skipping)
        self.section.setVisible(not skipping)
        self.section.setPlainText(view.smtp_section)
        compose_diff = plan.compose_diff() if hasattr(plan, "compose_diff") else ""
        parts = []
        if compose_diff and plan.compose_snapshot is not None:  # first: it decides what the container gets
            name = plan.compose_snapshot.path.name
            before, after = tr("flow.summary.before", name=name), tr("flow.summary.after", name=name)
            parts.append(diff_html(compose_diff, before, after))
        if view.diff:
            parts.append(diff_html(view.diff))  # headers translated by the flow
        if parts:
            self.diff.setHtml("".join(parts))
        else:
            self.diff.setPlainText(tr("flow.summary.unchanged", config=view.config_path.name))
        self._show_deployment(plan, bool(compose_diff))
        # The no-server path writes no mail settings: nothing about .env or deliverability applies to it.
        self.env.setText(view.env_text)
        self.env.setVisible(bool(view.env_text))
        self.advice.setVisible(bool(view.tips))
        self.tips.setText(bullet_list(list(view.tips)))
        untested = tr("flow.summary.untested")
        self.untested.setText("⚠ " + untested)
        self.untested.setVisible(untested in view.notes)
        notes = [note for note in view.notes if note != untested]
        self.notes.setText(bullet_list(notes))
        self.notes.setVisible(bool(notes))
        self.warnings.set_warnings(self._warnings(plan))
        self.deliverability.show_view(view.deliverability)
        self.completeChanged.emit()

    def _warnings(self, plan: Any) -> list[Any]:
        """The plan's warnings, and the last test's (a pass that trusted an extra CA), each once."""
        found = list(plan.warnings)
        test = self.flow.test
        report = test.report if test is not None else None
        if report is not None and not self.flow.answers.skip:
            found += [w for w in report.warnings if w not in found]
        return found

    def _show_deployment(self, plan: Any, compose_changes: bool) -> None:
        deployment = getattr(plan, "deployment", None)
        config = plan.config_path.name  # the file's own name: it need not be config.toml
        self.diff.setAccessibleName(tr("words_rev3.summary.changes_name", config=config))
        if deployment is None or self.flow.answers.skip:
            self.deployment.setVisible(False)
            self.diff_label.setText(tr("words_rev3.summary.changes", config=config))
            return
        self.deployment.setText(tr("deployment.cli.layout", description=deployment.describe()))
        self.deployment.setAccessibleName(tr("deployment.gui.deployment_name"))
        self.deployment.setVisible(True)
        if compose_changes:
            compose = plan.compose_snapshot.path.name
            self.diff_label.setText(tr("deployment.gui.changes_both", compose=compose, config=config))
        else:
            self.diff_label.setText(tr("words_rev3.summary.changes", config=config))
