"""Test: the live probe as a checklist, then the diagnosis with what to do, details, copy, retry, go back."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wizard.core.i18n import tr
from wizard.flow.pages import PageId as FlowPage
from wizard.flow.testing import ProbeReport, StepName, StepStatus, TestRun, coverage_sentence
from wizard.ui import tasks
from wizard.ui.deliverability_box import DeliverabilityBox
from wizard.ui.mnemonic import mark_yielding, marked
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.style import Status, color_css, status_color
from wizard.ui.warning_list import WarningList
from wizard.ui.widgets import CheckedEdit, add_row, message_label, new_form


def step_label(name: StepName) -> str:
    """A step's name as every face says it (the catalogue's `step.*`)."""
    return tr(f"step.{name}")


def _status_icon(passed: bool) -> QIcon:
    """The platform's own "applied"/"critical" icons: pass and fail apart without telling colours apart."""
    style = QApplication.style()
    which = QStyle.StandardPixmap.SP_DialogApplyButton if passed else QStyle.StandardPixmap.SP_MessageBoxCritical
    return style.standardIcon(which)


class TestPage(Page):
    """The flow's live test (`Flow.run_test`), shown as it runs: the checklist from its step events, the
    verdict, the diagnosis with the flow's fix link, the details. Next needs a pass or the flow's explicit
    "save without a passing test"."""

    page_id = PageId.TEST

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._task: asyncio.Task[Any] | None = None
        self._started: asyncio.Task[Any] | None = None  # the task once its test has begun
        self._cancel_asked = False
        self._rows: dict[StepName, QTreeWidgetItem] = {}

        self.send_to = CheckedEdit(self._send_to_edited, "")
        self._send_to_long = self.tr(
            "The wizard sends a short test mail to this address, the way BOMnipotent Server sends its "
            "mail. Choose a mailbox you can read: then you also see whether the mail arrives and stays "
            "out of the spam folder."
        )
        self.send_to.validity_changed.connect(self._update)
        self.retry = QPushButton(self.tr("&Retry"))
        self.retry.clicked.connect(self.start_probe)
        self.cancel = QPushButton(self.tr("&Cancel test"))
        self.cancel.clicked.connect(self.cancel_probe)
        send_row = QWidget()
        row = QHBoxLayout(send_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.send_to, 1)
        row.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignTop)
        form = new_form()
        self.send_to_label = add_row(form, "", send_row, buddy=self.send_to.line)
        # The compose `hostname:` for a bare EHLO name (wizard/flow/hostname_offer.py): shown when offered.
        self.hostname = CheckedEdit(self._hostname_edited, "")
        self.hostname_label = add_row(form, "", self.hostname)
        self.hostname.setVisible(False)
        self.hostname_label.setVisible(False)
        self.set_hostname = QPushButton()
        self.set_hostname.setVisible(False)
        self.set_hostname.clicked.connect(lambda: self._act_and_retest("set_hostname"))
        self.unset_hostname = QPushButton()
        self.unset_hostname.setVisible(False)
        self.unset_hostname.clicked.connect(lambda: self._act_and_retest("unset_hostname"))
        self.plaintext_auth = QCheckBox()
        self.plaintext_auth.setVisible(False)
        self.plaintext_auth.toggled.connect(lambda on: self._edited("plaintext_auth", on))

        self.checklist = QTreeWidget()
        self.checklist.setAccessibleName(self.tr("Test steps"))
        self.checklist_label = QLabel(self.tr("Test ste&ps:"))
        self.checklist_label.setBuddy(self.checklist)
        self.checklist.setRootIsDecorated(False)
        self.checklist.setHeaderLabels([self.tr("Step"), self.tr("Status"), self.tr("Time")])
        # Every column as wide as its texts and the list as wide as its columns (`_fit_checklist`): a step's
        # name is never elided and the list never scrolls sideways; the room beside it goes to the result.
        header = self.checklist.header()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)  # a stretched section is at least defaultSectionSize (100 px) wide
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # While a step runs: what it waits for and for how long already (SPEC §4 rev 2), ticking live.
        self.waiting = QLabel()
        self.waiting.setAccessibleName(self.tr("What the test is waiting for"))
        self.waiting.setWordWrap(True)
        self._ticker = QTimer(self)
        self._ticker.setInterval(200)
        self._ticker.timeout.connect(self._tick)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Test progress"))

        # Pass or fail is said three ways: the verdict's words, this icon, and its colour.
        self.verdict_icon = QLabel()
        self.verdict_icon.setVisible(False)
        self.verdict = message_label()
        bold = QFont(self.verdict.font())
        bold.setBold(True)
        self.verdict.setFont(bold)
        self.verdict.setAccessibleName(self.tr("Test result"))
        self.meaning = message_label()
        self.advice = message_label()
        self.warnings = WarningList()  # what the server will do differently, also after a pass
        self.deliverability = DeliverabilityBox()  # the sender domain's SPF, DMARC, DKIM after a pass (SPEC §11)
        self.fix = QPushButton()
        self.fix.setVisible(False)
        self.fix.clicked.connect(lambda: self.wiz().act("fix"))
        # The likely fix of a server that offers no login at all (a local relay): test again without one.
        self.no_password = QPushButton()
        self.no_password.setVisible(False)
        self.no_password.clicked.connect(self._retry_without_password)
        self.details_button = QPushButton(self.tr("&Details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.copy = QPushButton(self.tr("C&opy report"))
        self.copy.clicked.connect(self.copy_report)
        # The flow's "Save report": the same report as a file whose path the flow's message names.
        self.save_report = QPushButton()
        self.save_report.setVisible(False)
        self.save_report.clicked.connect(self._save_report)
        self.report_note = message_label()
        self.report_note.setVisible(False)
        self.confirm = QCheckBox()
        self.confirm.setVisible(False)
        self.confirm.toggled.connect(lambda on: self._edited("save_untested", on))
        result = QVBoxLayout()
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 1)
        result.addLayout(verdict_row)
        result.addWidget(self.meaning)
        result.addWidget(self.advice)
        result.addWidget(self.warnings)
        result.addWidget(self.deliverability)
        # One above the other, below the list and the result at the page's width: side by side, or beside the
        # list, long German labels (a fix, "hostname: … setzen und erneut testen") made the page scroll sideways
        # at 760 px.
        fixes = QVBoxLayout()
        fixes.addWidget(self.no_password, 0, Qt.AlignmentFlag.AlignLeft)
        fixes.addWidget(self.fix, 0, Qt.AlignmentFlag.AlignLeft)
        fixes.addWidget(self.set_hostname, 0, Qt.AlignmentFlag.AlignLeft)
        fixes.addWidget(self.unset_hostname, 0, Qt.AlignmentFlag.AlignLeft)
        result.addStretch(1)
        # The quick path skipped the Server, Encryption and Secret pages: this opens them (SPEC §6 rev 2).
        self.change_server = QPushButton()
        self.change_server.clicked.connect(lambda: self.wiz().open_server_settings())
        self.change_server.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.save_report)
        buttons.addWidget(self.change_server)
        buttons.addStretch(1)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Test details"))
        self.details.setVisible(False)
        self.details_label = QLabel(self.tr("Con&versation with the server:"))
        self.details_label.setBuddy(self.details)
        self.details_label.setVisible(False)
        # Wrapped: a sideways scroll bar hid the ends of the server's lines.
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        # The list and the result in one box that gives its room to the conversation while that is open.
        self.overview = QWidget()
        middle = QHBoxLayout(self.overview)
        middle.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.checklist_label)
        left.addWidget(self.checklist, 1)
        middle.addLayout(left, 0)
        middle.addLayout(result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plaintext_auth)
        layout.addWidget(self.overview, 1)
        layout.addLayout(fixes)
        self._layout = layout
        # What the running step waits for and the progress, the page's width: beside the result, the wrapped
        # sentence was denied its second line while the list kept its own width.
        layout.addWidget(self.waiting)
        layout.addWidget(self.progress)
        # The report's buttons take the page's whole width below the list and the result: beside the list
        # (the quick path adds "Change server settings") they squeezed the step names to a few letters.
        layout.addLayout(buttons)
        layout.addWidget(self.report_note)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.confirm)

    def first_field(self) -> QWidget | None:
        return self.send_to.line

    def field_widget(self, name: str) -> QWidget | None:
        fields = {"send_to": self.send_to.line, "plaintext_auth": self.plaintext_auth, "save_untested": self.confirm}
        fields["hostname"] = self.hostname.line
        return fields.get(name)

    # -- state (the flow's) ---------------------------------------------------------------------------

    @property
    def run(self) -> TestRun | None:
        return self.flow.test if self.wizard() is not None else None

    @property
    def report(self) -> ProbeReport | None:
        run = self.run
        return run.report if run is not None else None

    def running(self) -> bool:
        # Until the task has ended and its outcome is shown (a done task's callbacks run one loop turn later).
        return self._task is not None

    def passed(self) -> bool:
        return self.report is not None and self.report.ok

    def _send_to_edited(self, text: str) -> str | None:
        if self.wizard() is None:
            return None
        self._edited("send_to", text)
        question = self.questions_by_name().get("send_to")
        return question.problem if question is not None else None

    def _hostname_edited(self, text: str) -> str | None:
        if self.wizard() is None:
            return None
        self._edited("hostname", text)
        question = self.questions_by_name().get("hostname")
        return question.problem if question is not None else None

    def _act_and_retest(self, action_id: str) -> None:
        """A flow action that changes what the test sends (the EHLO name): the test runs again."""
        if self.running():
            return
        self.flow.act(action_id)
        self.start_probe()
        self.show_flow()

    def _edited(self, name: str, value: str | bool) -> None:
        if self.wizard() is None or self.flow.value(name) == value:
            return
        self.flow.set(name, value)
        self.show_flow()

    # -- running the probe ------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.show_flow()
        if self.flow.page is self.flow_page() and self.flow.test is None:
            self.start_probe()

    def start_probe(self) -> None:
        if self.running() or not self.send_to.is_valid():
            return
        self.details.setPlainText("")
        self.details_button.setChecked(False)  # the new run's list and verdict in view, not the old details
        self._rows = {}
        self.checklist.clear()
        a = self.flow.answers
        self._set_verdict(tr("flow.test.testing", host=a.host.strip(), port=a.port.strip()), None)
        task = tasks.start(self._run(), "probe")
        task.add_done_callback(self._finished)
        self._task = task
        self._cancel_asked = False
        self.show_flow()

    def _changed(self, run: TestRun) -> None:
        if self._cancel_asked:  # Cancel came before the test had started: it stops now, with its report
            self._cancel_asked = False
            tasks.stop(self._task)
        if self.wizard() is not None:
            self._show_run(run)

    async def _run(self) -> None:
        self._started = asyncio.current_task()
        await self.flow.run_test(self._changed)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        """Every way the test ends, including a Cancel that came before the task even started."""
        if task is self._task:
            self._task = None
        exc = None if task.cancelled() else task.exception()
        if self.wizard() is None:
            return  # the window is gone
        self._stop_ticking()
        if exc is not None:  # a defect in the probe: say so instead of a page that never ends
            self.flow.test = TestRun.refused(
                self.tr("The test could not run ({kind}).").format(kind=type(exc).__name__)
                + " "
                + self.tr("This is a fault in the wizard, not in your settings. Press Retry.")
            )
        self.show_flow()

    def cancel_probe(self) -> None:
        if self._task is not None and self._task is not self._started:
            self._cancel_asked = True  # not started yet: stopped at its first step, so the flow reports it
        else:
            tasks.stop(self._task)

    # -- presenting --------------------------------------------------------------------------------

    def show_flow(self) -> None:
        flow = self.flow
        self.show_heading()
        questions = self.questions_by_name()
        send_to = questions["send_to"]
        self.send_to_label.setText(marked(send_to.label + ":", "send_to"))
        self.send_to.line.setAccessibleName(send_to.label)
        self.send_to.line.setPlaceholderText(send_to.placeholder)
        self.send_to.set_help(send_to.help, self._send_to_long)
        if self.send_to.text() != send_to.value:
            self.send_to.set_text(str(send_to.value))
        hostname = questions.get("hostname")
        self.hostname.setVisible(hostname is not None)
        self.hostname_label.setVisible(hostname is not None)
        if hostname is not None:
            self.hostname_label.setText(marked(hostname.label + ":", "hostname"))
            self.hostname.line.setAccessibleName(hostname.label)
            self.hostname.line.setPlaceholderText(hostname.placeholder)
            self.hostname.set_help(hostname.help, hostname.help)
            if self.hostname.text() != hostname.value:
                self.hostname.set_text(str(hostname.value))
        for name, box in (("plaintext_auth", self.plaintext_auth), ("save_untested", self.confirm)):
            question = questions.get(name)
            box.setVisible(question is not None)
            if question is not None:
                box.setText(marked(question.label, name))
                box.setToolTip(question.help)
                if box.isChecked() != bool(question.value):
                    box.setChecked(bool(question.value))
        actions = {action.id: action.label for action in flow.actions(self.flow_page())}
        for action_id, button in (
            ("fix", self.fix),
            ("retry_no_password", self.no_password),
            ("save_report", self.save_report),
            ("set_hostname", self.set_hostname),
            ("unset_hostname", self.unset_hostname),
        ):
            button.setVisible(action_id in actions and not self.running())
            if action_id in actions:
                mark_yielding(button, actions[action_id], f"action.{action_id}")
        self.change_server.setVisible(flow.quick and FlowPage.SERVER not in flow.history)
        mark_yielding(self.change_server, tr("flow.account.change_server"), "action.change_server")
        notes = [message.text for message in flow.messages(self.flow_page())]  # where the report was saved
        self.report_note.setText("\n".join(notes))
        self.report_note.setVisible(bool(notes))
        if flow.test is not None:
            self._show_run(flow.test)
        self._update()

    def _show_run(self, run: TestRun) -> None:
        """The checklist, the verdict and, once the test has ended, what it means and what to do."""
        for name, step in run.steps.items():
            row = self._row(name)
            row.setText(1, tr(f"flow.status.{step.status}"))
            if step.status in (StepStatus.OK, StepStatus.FAILED):
                row.setText(2, f"{step.ms:.0f} ms")
            elif step.status is not StepStatus.RUNNING:
                row.setText(2, "")
            row.setToolTip(1, step.detail)
            colors = {StepStatus.OK: Status.PASS, StepStatus.FAILED: Status.FAIL, StepStatus.RUNNING: Status.RUNNING}
            if step.status in colors:
                row.setForeground(1, QBrush(QColor(status_color(colors[step.status], self.palette()))))
            if step.status in (StepStatus.OK, StepStatus.FAILED):
                row.setIcon(1, _status_icon(step.status is StepStatus.OK))
        running = [name for name, step in run.steps.items() if step.status is StepStatus.RUNNING]
        if running and not run.finished:
            self._ticker.start()
            self._tick()
        else:
            self._stop_ticking()
        self._fit_checklist()
        done = sum(1 for step in run.steps.values() if step.status not in (StepStatus.PENDING, StepStatus.RUNNING))
        self.progress.setRange(0, max(1, len(run.steps)))
        self.progress.setValue(len(run.steps) if run.finished else done)
        if run.steps:
            latest = self._row(running[-1] if running else list(run.steps)[-1])
            # The checklist's description says the latest step in words, so a screen reader follows the test.
            self.checklist.setAccessibleDescription(f"{latest.text(0)}: {latest.text(1)}")
        passed = run.passed if run.finished else None
        self._set_verdict(run.verdict(), passed)
        report = run.report
        diagnosis = report.diagnosis if report is not None else None
        if report is not None and report.ok:
            self.meaning.setText(self.tr("These settings work. Continue to see what will be written."))
            self.advice.setText(coverage_sentence(report))  # what the pass covered, what it did not try
        elif diagnosis is not None and report is not None:
            # the flow's explanation (what it means, what to do, the server's words); warnings stand below
            warnings = {warning.text() for warning in report.warnings}
            lines = [line for line in run.explanation() if line not in warnings]
            self.meaning.setText(lines[0] if lines else "")
            self.advice.setText("\n".join(lines[1:]))
        else:
            # Before the result: the EHLO name the server will send, when strict relays refuse it.
            self.meaning.setText("\n".join(run.explanation()) if report is None else "")
            self.advice.setText("")
        self.warnings.set_warnings(report.warnings if report is not None else [])
        self.deliverability.show_view(self.flow.deliverability() if run is self.flow.test else None)
        self._give_details_room()
        self._fill_details()

    def _row(self, name: StepName) -> QTreeWidgetItem:
        row = self._rows.get(name)
        if row is None:
            row = QTreeWidgetItem([step_label(name), tr(f"flow.status.{StepStatus.PENDING}"), ""])
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.checklist.addTopLevelItem(row)
            self._rows[name] = row
        return row

    def _fit_checklist(self) -> None:
        """The list's least width: its columns at their texts' width (the widest a step, status or time is),
        the frame and a vertical scroll bar's room, so no column is elided at any window size."""
        view = self.checklist
        header = view.header()
        columns = sum(
            max(header.sectionSizeHint(column), view.sizeHintForColumn(column)) for column in range(header.count())
        )
        bar = view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(columns + 2 * view.frameWidth() + bar)

    def _tick(self) -> None:
        """The running step's elapsed time in its row, and below the list what it waits for."""
        run = self.run
        step = next((s for s in (run.steps.values() if run else []) if s.status is StepStatus.RUNNING), None)
        if run is None or step is None or not self.running():
            self._stop_ticking()
            return
        seconds = str(int(max(0.0, run.elapsed_ms(step.name) / 1000)))  # whole seconds: no decimal separator
        self._row(step.name).setText(2, self.tr("{seconds} s").format(seconds=seconds))
        self._fit_checklist()  # "9 s" becomes "10 s"
        self.waiting.setText(
            self.tr("{waiting}: {elapsed} s (at most {limit} s)").format(
                waiting=step.waiting_for, elapsed=seconds, limit=f"{step.limit:.0f}"
            )
        )

    def _stop_ticking(self) -> None:
        self._ticker.stop()
        self.waiting.setText("")

    def _set_verdict(self, text: str, passed: bool | None) -> None:
        """Show the verdict in words, icon and colour, and announce it: a screen reader hears the accessible
        description change on the result and on the page (None: still running, no icon)."""
        self.verdict.setText(text)
        self.verdict.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        status = Status.RUNNING if passed is None else Status.PASS if passed else Status.FAIL
        self.verdict.setStyleSheet(color_css(status))
        self.verdict_icon.setVisible(passed is not None)
        if passed is not None:
            self.verdict_icon.setPixmap(_status_icon(passed).pixmap(self.verdict.fontMetrics().height() + 4))

    def _secret_text(self) -> str:
        secret = self.wiz().secret()
        return secret.reveal() if secret is not None else ""

    def copy_report(self) -> None:
        run = self.run
        if run is not None and run.report is not None:
            QGuiApplication.clipboard().setText(run.details(self._secret_text()))

    def _save_report(self) -> None:
        self.flow.act("save_report")
        self.show_flow()

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_label.setVisible(shown)
        self._give_details_room()
        if not shown:  # the warnings and deliverability back, each as its own rule has it
            self.warnings.set_warnings(self.warnings.warnings)
            self.deliverability.show_view(self.deliverability.view)
        self._fill_details()

    def _give_details_room(self) -> None:
        """While open, the conversation takes the room of the step list (at 900x600 it had four lines beside
        it; the steps are in the conversation too) and of the warnings and deliverability verdicts (in the
        conversation too: a long warning, such as a host name without a dot, left it four lines at 900x600);
        the verdict, its explanation and fix stay in view."""
        shown = self.details_button.isChecked()
        for widget in (self.checklist_label, self.checklist):
            widget.setVisible(not shown)
        if shown:
            self.warnings.setVisible(False)
            self.deliverability.setVisible(False)
        self._layout.setStretchFactor(self.overview, 0 if shown else 1)

    def _fill_details(self) -> None:
        """Laid out only when shown: a long transcript costs a noticeable moment of layout."""
        run = self.run
        if self.details.isVisible() and run is not None and run.report is not None:
            self.details.setPlainText(run.details(self._secret_text()))

    def _retry_without_password(self) -> None:
        self.flow.act("retry_no_password")
        self.start_probe()

    def _update(self) -> None:
        running = self.running()
        self.cancel.setVisible(running)
        self.retry.setVisible(not running)
        self.retry.setEnabled(self.send_to.is_valid())
        self.copy.setEnabled(self.report is not None)
        self.details_button.setEnabled(self.report is not None)
        self.completeChanged.emit()

    # -- leaving -----------------------------------------------------------------------------------

    def cleanupPage(self) -> None:
        self.cancel_probe()
        super().cleanupPage()

    def isComplete(self) -> bool:
        return not self.running() and super().isComplete()
