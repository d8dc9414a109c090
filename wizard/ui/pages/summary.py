"""Summary: the [smtp] section, the before/after diff, the .env entry (masked), notes; Finish writes."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from wizard.core.errors import FileChangedError, WizardError
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.warning_list import WARNING_COLOR, WarningList
from wizard.ui.widgets import ERROR_COLOR, message_label

MASK = "••••••••"


def diff_html(diff: str, before: str, after: str) -> str:
    """A unified diff with removed lines red and added lines green: readable without knowing diff syntax.
    The core's English file headers are replaced by `before`/`after`, the UI's translated ones."""
    colors = {"+": "#e6ffec", "-": "#ffebe9", "@": "#eef3ff"}
    rows = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            header = after if line.startswith("+++") else before
            rows.append(f"<b>{html.escape(line[:4] + header)}</b>")
            continue
        color = colors.get(line[:1])
        text = html.escape(line) or "&nbsp;"
        rows.append(f'<span style="background-color:{color}">{text}</span>' if color else text)
    return "<pre>" + "\n".join(rows) + "</pre>"


class SummaryPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Summary"))
        self.setSubTitle(self.tr("Check what will be written. Nothing has been changed yet."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Write and &finish"))
        self._plan: Any = None
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.where = message_label()
        self.deployment = message_label()
        self.section_label = QLabel(self.tr("The [smtp] &section that will be written:"))
        self.section = QPlainTextEdit()
        self.section.setReadOnly(True)
        self.section.setFont(mono)
        self.section.setAccessibleName(self.tr("The [smtp] section"))
        self.section.setFixedHeight(self.section.fontMetrics().lineSpacing() * 6 + 12)
        self.section_label.setBuddy(self.section)
        self.diff_label = QLabel(self.tr("C&hanges to config.toml (red: removed, green: added):"))
        self.diff = QTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setFont(mono)
        self.diff.setAccessibleName(self.tr("Changes to config.toml"))
        self.diff_label.setBuddy(self.diff)
        self.env = message_label()
        self.env.setAccessibleName(self.tr("The .env entry"))
        self.notes = message_label()
        # Saving without a passing test is a warning, said as one (colour, sign and heading), not a bullet.
        self.untested = message_label(
            "⚠ "
            + self.tr(
                "Warning: these settings are saved without a passing test. BOMnipotent Server may fail to send "
                "its mail; run this wizard's test again once the mail server can be reached."
            )
        )
        self.untested.setStyleSheet(f"color: {WARNING_COLOR};")
        self.untested.setAccessibleName(self.tr("Untested settings"))
        self.untested.setVisible(False)
        self.warnings = WarningList()
        self.problem = message_label(error=True)
        self.problem.setVisible(False)
        self.advice = QGroupBox(self.tr("So that your mail arrives"))
        advice = QVBoxLayout(self.advice)
        for text in (
            self.tr(
                "Send from an address meant only for the server (for example bom@yourdomain.com), not from a "
                "person's mailbox: a changed personal password then cannot stop the server's mail."
            ),
            self.tr(
                "Have SPF, DKIM and DMARC records published in DNS for the sender's domain (your mail provider "
                "tells you which). Without them, many recipients file the mail as spam or refuse it."
            ),
            self.tr("Run this wizard's test again after every change of password, provider or DNS records."),
        ):
            advice.addWidget(message_label(f"• {text}"))
        self.reread = QPushButton(self.tr("&Read the files again"))
        self.reread.setVisible(False)
        self.reread.clicked.connect(self.initializePage)

        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.deployment)
        layout.addWidget(self.section_label)
        layout.addWidget(self.section)
        layout.addWidget(self.diff_label)
        layout.addWidget(self.diff, 1)
        # What to know about the change scrolls when the window is small, so no sentence is ever cut off.
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.untested, self.env, self.notes, self.warnings, self.problem, self.reread, self.advice):
            below_layout.addWidget(widget)
        below_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(below)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(scroll, 1)

    def initializePage(self) -> None:
        self._plan = None
        self._show_problem(None)
        try:
            plan = self._make_plan()
        except (WizardError, OSError) as exc:  # unreadable/unparsable files, a .env the wizard cannot merge
            self._show_problem(str(exc))
            self.completeChanged.emit()
            return
        self._plan = plan
        skipping = self.wiz().skipping()
        self.where.setText(self.tr("File: {path}").format(path=plan.config_path))
        self.section_label.setVisible(not skipping)
        self.section.setVisible(not skipping)
        self.section.setPlainText(plan.smtp_section())
        diff = plan.config_diff()
        compose_diff = plan.compose_diff() if hasattr(plan, "compose_diff") else ""
        parts = []
        if compose_diff:  # the compose file's change first: it decides whether the container gets the secret
            name = plan.compose_snapshot.path.name
            before = self.tr("{name} (before)").format(name=name)
            parts.append(diff_html(compose_diff, before, self.tr("{name} (after)").format(name=name)))
        if diff:
            name = plan.config_path.name
            before = self.tr("{name} (before)").format(name=name)
            parts.append(diff_html(diff, before, self.tr("{name} (after)").format(name=name)))
        if parts:
            self.diff.setHtml("".join(parts))
        else:
            self.diff.setPlainText(self.tr("config.toml stays as it is."))
        self._show_deployment(plan, bool(compose_diff))
        # The no-server path writes no mail settings: nothing about .env or deliverability applies to it.
        self.env.setText("" if skipping else self._env_text(plan))
        self.env.setVisible(not skipping)
        self.advice.setVisible(not skipping)
        self.untested.setVisible(not skipping and not self.wiz().test_passed())
        notes = [note.text for note in plan.notes]
        self.notes.setText("\n".join(f"• {text}" for text in notes))
        self.notes.setVisible(bool(notes))
        self.warnings.set_warnings(self._warnings(plan))
        self.completeChanged.emit()

    def _warnings(self, plan: Any) -> list[Any]:
        """The plan's warnings, and the last test's (a pass that trusted an extra CA), each once."""
        found = list(plan.warnings)
        report = self.wiz().test.report
        if report is not None and not self.wiz().skipping():
            found += [w for w in report.warnings if w not in found]
        return found

    def _show_deployment(self, plan: Any, compose_changes: bool) -> None:
        from wizard.core import i18n

        deployment = getattr(plan, "deployment", None)
        if deployment is None or self.wiz().skipping():
            self.deployment.setVisible(False)
            self.diff_label.setText(self.tr("C&hanges to config.toml (red: removed, green: added):"))
            return
        self.deployment.setText(i18n.tr("deployment.cli.layout", description=deployment.describe()))
        self.deployment.setAccessibleName(i18n.tr("deployment.gui.deployment_name"))
        self.deployment.setVisible(True)
        if compose_changes:
            self.diff_label.setText(i18n.tr("deployment.gui.changes_both", compose=plan.compose_snapshot.path.name))
        else:
            self.diff_label.setText(self.tr("C&hanges to config.toml (red: removed, green: added):"))

    def _make_plan(self) -> Any:
        from wizard.core.apply import plan_apply, plan_skip
        from wizard.core.config_file import Layout

        wiz = self.wiz()
        if wiz.skipping():
            return plan_skip(self.ctx.config_path, Layout(wiz.layout_choice()))
        return plan_apply(wiz.settings(), self.ctx.config_path, self.ctx.existing, self.ctx.deployment)

    def _env_text(self, plan: Any) -> str:
        if plan.secret_var is None:
            return self.tr("No password: .env is not needed.")
        if plan.env_changed:
            return self.tr('{env} will contain: {var}="{mask}"').format(
                env=plan.env_path, var=plan.secret_var, mask=MASK
            )
        return self.tr("{env} keeps {var} as it is.").format(env=plan.env_path, var=plan.secret_var)

    def _show_problem(self, text: str | None, *, changed: bool = False) -> None:
        self.problem.setText(text or "")
        self.problem.setStyleSheet(f"color: {ERROR_COLOR};")
        self.problem.setVisible(bool(text))
        self.reread.setVisible(changed)

    def isComplete(self) -> bool:
        return self._plan is not None

    def validatePage(self) -> bool:
        """Write through the core. On any file problem the wizard stays here with every value intact."""
        from wizard.core.apply import commit_apply

        try:
            result = commit_apply(self._plan)
        except FileChangedError as exc:
            self._show_problem(str(exc), changed=True)
            return False
        except (WizardError, OSError) as exc:  # nothing was written (or the backup says what was)
            self._show_problem(str(exc))
            return False
        self.ctx.written = list(result.written)
        self.ctx.backups = list(result.backups)
        self.ctx.notes = [note.text for note in result.notes]  # includes "only the secret changed: restart"
        return True

    def nextId(self) -> int:
        return int(PageId.DONE)
