"""Test: the live probe as a checklist, then the diagnosis with what to do, details, copy, retry, go back."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
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

from wizard.core.endpoint import route_for
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.settings import SecretSource, Security, validate_address
from wizard.flow.model import is_loopback
from wizard.flow.pages import PageId as FlowPage
from wizard.flow.testing import ADVICE_FIX_PAGE as ADVICE_FIX_PAGE  # re-exported: the advice the link follows
from wizard.flow.testing import fix_for as flow_fix_for
from wizard.flow.testing import offers_no_password
from wizard.probe.report import DiagnosisCode, ProbeReport, Step, StepName, StepStatus
from wizard.probe.steps import plan
from wizard.ui import tasks
from wizard.ui.pages.base import Page
from wizard.ui.pages.ids import PageId
from wizard.ui.warning_list import WarningList
from wizard.ui.widgets import ERROR_COLOR, CheckedEdit, add_row, message_label, new_form

if TYPE_CHECKING:
    pass

OK_COLOR = "#1b5e20"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for pyside6-lupdate (which knows this name) and returns it; translated when shown."""
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate("TestPage", text)


STEP_LABELS = {
    StepName.RESOLVE: QT_TRANSLATE_NOOP("TestPage", "Look up the server name"),
    StepName.CONNECT: QT_TRANSLATE_NOOP("TestPage", "Connect"),
    StepName.TLS: QT_TRANSLATE_NOOP("TestPage", "Encrypt the connection (TLS)"),
    StepName.GREETING: QT_TRANSLATE_NOOP("TestPage", "Server greeting"),
    StepName.EHLO: QT_TRANSLATE_NOOP("TestPage", "Introduce ourselves (EHLO)"),
    StepName.STARTTLS: QT_TRANSLATE_NOOP("TestPage", "Switch to encryption (STARTTLS)"),
    StepName.EHLO_TLS: QT_TRANSLATE_NOOP("TestPage", "Introduce ourselves again (EHLO)"),
    StepName.AUTH: QT_TRANSLATE_NOOP("TestPage", "Log in"),
    StepName.MAIL_FROM: QT_TRANSLATE_NOOP("TestPage", "Sender (MAIL FROM)"),
    StepName.RCPT_TO: QT_TRANSLATE_NOOP("TestPage", "Recipient (RCPT TO)"),
    StepName.DATA: QT_TRANSLATE_NOOP("TestPage", "Send the test mail (DATA)"),
    StepName.QUIT: QT_TRANSLATE_NOOP("TestPage", "Say goodbye (QUIT)"),
}
STATUS_LABELS = {
    StepStatus.PENDING: QT_TRANSLATE_NOOP("TestPage", "waiting"),
    StepStatus.RUNNING: QT_TRANSLATE_NOOP("TestPage", "running…"),
    StepStatus.OK: QT_TRANSLATE_NOOP("TestPage", "done"),
    StepStatus.FAILED: QT_TRANSLATE_NOOP("TestPage", "failed"),
    StepStatus.SKIPPED: QT_TRANSLATE_NOOP("TestPage", "skipped"),
}

# The fix-it link is the flow's (wizard/flow/testing.py: the page from the chosen advice, else from the
# diagnosis code); this page only words it with its own translated, mnemonic-bearing button texts.
QT_PAGE = {
    FlowPage.ACCOUNT: PageId.SENDER,
    FlowPage.SERVER: PageId.SERVER,
    FlowPage.SECURITY: PageId.SECURITY,
    FlowPage.SECRET: PageId.SECRET,
    FlowPage.TEST: PageId.TEST,
}
FIX_BUTTON = {
    "flow.fix.server_name": QT_TRANSLATE_NOOP("TestPage", "C&hange the server name…"),
    "flow.fix.server_port": QT_TRANSLATE_NOOP("TestPage", "C&hange the server or port…"),
    "flow.fix.encryption": QT_TRANSLATE_NOOP("TestPage", "C&hange the encryption…"),
    "flow.fix.password": QT_TRANSLATE_NOOP("TestPage", "C&hange the password…"),
    "flow.fix.enter_password": QT_TRANSLATE_NOOP("TestPage", "&Enter a password…"),
    "flow.fix.address": QT_TRANSLATE_NOOP("TestPage", "C&hange the sender or login…"),
    "flow.fix.sender": QT_TRANSLATE_NOOP("TestPage", "C&hange the sender…"),
    "flow.fix.recipient": QT_TRANSLATE_NOOP("TestPage", "C&hange the test recipient…"),
}


def fix_for(code: DiagnosisCode, advice_id: str) -> tuple[PageId, str] | None:
    """The page holding the value to change, and its button's text; None when no value of the wizard helps."""
    found = flow_fix_for(code, advice_id)
    if found is None:
        return None
    return QT_PAGE[found[0]], FIX_BUTTON[found[1]]


def _status_icon(passed: bool) -> QIcon:
    """The platform's own "applied"/"critical" icons: pass and fail apart without telling colours apart."""
    style = QApplication.style()
    which = QStyle.StandardPixmap.SP_DialogApplyButton if passed else QStyle.StandardPixmap.SP_MessageBoxCritical
    return style.standardIcon(which)


class TestPage(Page):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Live test"))
        self.setSubTitle(self.tr("The wizard now connects to the mail server exactly as BOMnipotent Server will."))
        self._task: asyncio.Task[Any] | None = None
        self._rows: dict[StepName, QTreeWidgetItem] = {}
        self._snapshots: dict[StepName, Step] = {}  # the latest state of each step, for a cancelled report
        self.report: ProbeReport | None = None

        self.send_to = CheckedEdit(self._send_to_problem, self.tr("Test mail recipient"))
        self.send_to.line.setPlaceholderText(self.tr("empty: only connect and log in"))
        self.send_to.set_help(
            self.tr("Where the test mail goes. Empty: only connect and log in."),
            self.tr(
                "The wizard sends a short test mail to this address, the way BOMnipotent Server sends its "
                "mail. Choose a mailbox you can read: then you also see whether the mail arrives and stays "
                "out of the spam folder."
            ),
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
        add_row(form, self.tr("Send a test mail &to:"), send_row, buddy=self.send_to.line)
        self.plaintext_auth = QCheckBox(self.tr("Send the password &without encryption (I trust this network)"))
        self.plaintext_auth.setVisible(False)

        self.checklist = QTreeWidget()
        self.checklist.setAccessibleName(self.tr("Test steps"))
        self.checklist_label = QLabel(self.tr("Test ste&ps:"))
        self.checklist_label.setBuddy(self.checklist)
        self.checklist.setRootIsDecorated(False)
        self.checklist.setHeaderLabels([self.tr("Step"), self.tr("Status"), self.tr("Time")])
        header = self.checklist.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        # While a step runs: what it waits for and for how long already (SPEC §4 rev 2), ticking live.
        self.waiting = QLabel()
        self.waiting.setAccessibleName(self.tr("What the test is waiting for"))
        self.waiting.setWordWrap(True)
        self._running_step: Step | None = None
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
        self.fix = QPushButton()
        self.fix.setVisible(False)
        self.fix.clicked.connect(self._go_fix)
        self._fix_page: PageId | None = None
        # The likely fix of a server that offers no login at all (a local relay): test again without one.
        self.no_password = QPushButton(self.tr("Retr&y without a password"))
        self.no_password.setVisible(False)
        self.no_password.clicked.connect(self._retry_without_password)
        self.details_button = QPushButton(self.tr("&Details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.copy = QPushButton(self.tr("C&opy report"))
        self.copy.clicked.connect(self.copy_report)
        self.confirm = QCheckBox(self.tr("&Save these settings without a passing test"))
        self.confirm.setVisible(False)
        self.confirm.toggled.connect(self._update)
        result = QVBoxLayout()
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict_icon, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 1)
        result.addLayout(verdict_row)
        result.addWidget(self.meaning)
        result.addWidget(self.advice)
        result.addWidget(self.warnings)
        fixes = QHBoxLayout()
        fixes.addWidget(self.no_password)
        fixes.addWidget(self.fix)
        fixes.addStretch(1)
        result.addLayout(fixes)
        result.addStretch(1)
        # The quick path skipped the Server, Encryption and Secret pages: this opens them (SPEC §6 rev 2).
        self.change_server = QPushButton(self.tr("Chan&ge server settings…"))
        self.change_server.clicked.connect(lambda: self.wiz().open_server_settings())
        self.change_server.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.change_server)
        buttons.addStretch(1)
        result.addLayout(buttons)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Test details"))
        self.details.setVisible(False)
        self.details_label = QLabel(self.tr("Con&versation with the server:"))
        self.details_label.setBuddy(self.details)
        self.details_label.setVisible(False)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

        middle = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.checklist_label)
        left.addWidget(self.checklist, 1)
        left.addWidget(self.waiting)
        left.addWidget(self.progress)
        middle.addLayout(left, 3)
        middle.addLayout(result, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plaintext_auth)
        layout.addLayout(middle, 1)
        layout.addWidget(self.details_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.confirm)

    def first_field(self) -> QWidget | None:
        return self.send_to.line

    # -- state ------------------------------------------------------------------------------------

    def running(self) -> bool:
        # Until `_finished` has shown the outcome (a done task's callbacks run one loop turn later).
        return self._task is not None

    def passed(self) -> bool:
        return self.report is not None and self.report.ok

    def _send_to_problem(self, text: str) -> str | None:
        if not text.strip():
            return None
        try:
            validate_address(text, "send_to")
        except ValidationError as exc:
            return str(exc)
        return None

    # -- running the probe ------------------------------------------------------------------------

    def initializePage(self) -> None:
        settings = self.wiz().settings()
        if not self.send_to.text().strip() or self.send_to.text() == getattr(self, "_default_to", None):
            self._default_to = settings.user if settings.user_is_address else ""  # SPEC §4: `user`, if an address
            self.send_to.set_text(self._default_to)
        needs_confirmation = (
            settings.security is Security.NONE
            and settings.secret_source is not SecretSource.NONE
            and not is_loopback(settings.host)
        )
        self.plaintext_auth.setVisible(needs_confirmation)
        self.change_server.setVisible(int(PageId.SERVER) not in self.wiz().visitedIds())
        self.start_probe()

    def start_probe(self) -> None:
        if self.running() or not self.send_to.is_valid():
            return
        from wizard.probe.engine import ProbeRequest

        settings = self.wiz().settings()
        send_to = self.send_to.text().strip() or None
        network = self._compose_network_host(settings)
        if network is not None and network.probe_at is None:
            self._cannot_test_from_here(network, send_to)
            return
        request = ProbeRequest(
            settings,
            self.wiz().secret(),
            send_to=send_to,
            ca_file=self.ctx.ca_file,
            allow_plaintext_auth=self.plaintext_auth.isChecked(),
            connect_to=network.probe_at if network is not None else self.ctx.connect_to,
        )
        self.report = None
        self.confirm.setChecked(False)
        self.confirm.setVisible(False)
        route = route_for(settings)
        self._show_steps(plan(route.security, auth=request.secret is not None, send=send_to is not None))
        self._set_verdict(self.tr("Testing {host}, port {port}…").format(host=settings.host, port=settings.port), None)
        for label in (self.meaning, self.advice):
            label.setText("")
        self.fix.setVisible(False)
        self.no_password.setVisible(False)
        self.details.setPlainText("")
        self._snapshots.clear()
        task = tasks.start(self._run(request), "probe")
        task.add_done_callback(lambda done: self._finished(done, request))
        self._task = task
        self._update()

    def _compose_network_host(self, settings: Any) -> Any:
        """The compose service the host names, in the compose layout (SPEC §3a); None otherwise."""
        if self.ctx.deployment is None:
            return None
        from wizard.core.deployment.network import compose_network_host

        return compose_network_host(self.ctx.deployment, settings.host, settings.port)

    def _cannot_test_from_here(self, network: Any, send_to: str | None) -> None:
        """A host only the compose network knows, with no published port: no test from here; saving needs
        the explicit confirmation, and the server's own test is named. A loopback host in the compose layout
        is the server's own container: the same."""
        self.report = None
        self._show_steps([])
        self._set_verdict(network.message(send_to), None)
        for label in (self.meaning, self.advice):
            label.setText("")
        self.fix.setVisible(False)
        self.confirm.setChecked(False)
        self.confirm.setVisible(True)
        self._update()

    async def _run(self, request: Any) -> ProbeReport:
        from wizard.probe.engine import run_probe

        return await run_probe(request, on_step=self._on_step)

    def _finished(self, task: asyncio.Task[ProbeReport], request: Any) -> None:
        """Every way a probe ends, including a Cancel that came before the task even started."""
        from wizard.probe.engine import cancelled_report

        if task is self._task:
            self._task = None
        self._stop_ticking()
        exc = None if task.cancelled() else task.exception()
        if task.cancelled():
            self._show_report(cancelled_report(request, list(self._snapshots.values())))
        elif isinstance(exc, ValidationError | FileProblem):  # refused before connecting: a value to correct
            self._show_crash(exc, str(exc))
        elif exc is not None:  # a defect in the probe: say so instead of a page that never ends
            self._show_crash(exc)
        else:
            self._show_report(task.result())
        self._update()

    def cancel_probe(self) -> None:
        tasks.stop(self._task)

    # -- presenting --------------------------------------------------------------------------------

    def _show_steps(self, names: list[StepName]) -> None:
        self.checklist.clear()
        self._rows = {}
        for name in names:
            self._row(name)
        self.progress.setRange(0, len(names))
        self.progress.setValue(0)

    def _row(self, name: StepName) -> QTreeWidgetItem:
        row = self._rows.get(name)
        if row is None:
            row = QTreeWidgetItem([_tr(STEP_LABELS.get(name, str(name))), _tr(STATUS_LABELS[StepStatus.PENDING]), ""])
            row.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.checklist.addTopLevelItem(row)
            self._rows[name] = row
            self.progress.setMaximum(len(self._rows))
        return row

    def _on_step(self, step: Step) -> None:
        self._snapshots[step.name] = step
        row = self._row(step.name)
        row.setText(1, _tr(STATUS_LABELS[step.status]))
        row.setText(2, f"{step.ms:.0f} ms" if step.status in (StepStatus.OK, StepStatus.FAILED) else "")
        row.setToolTip(1, step.detail)
        colors = {StepStatus.OK: OK_COLOR, StepStatus.FAILED: ERROR_COLOR}
        if step.status in colors:
            row.setForeground(1, QBrush(QColor(colors[step.status])))
            row.setIcon(1, _status_icon(step.status is StepStatus.OK))
        if step.status is StepStatus.RUNNING:
            self._running_step = step
            self._ticker.start()
            self._tick()
        elif self._running_step is not None and self._running_step.name is step.name:
            self._stop_ticking()
        # The checklist's description says the latest step in words, so a screen reader follows the test.
        self.checklist.setAccessibleDescription(f"{row.text(0)}: {row.text(1)}")
        finished = sum(
            1 for item in self._rows.values() if item.text(1) in (_tr("done"), _tr("failed"), _tr("skipped"))
        )
        self.progress.setValue(finished)

    def _tick(self) -> None:
        """The running step's elapsed time in its row, and below the list what it waits for."""
        step = self._running_step
        if step is None or not self.running():
            self._stop_ticking()
            return
        seconds = str(int(max(0.0, time.monotonic() - step.started)))  # whole seconds: no decimal separator
        self._row(step.name).setText(2, self.tr("{seconds} s").format(seconds=seconds))
        self.waiting.setText(
            self.tr("{waiting}: {elapsed} s (at most {limit} s)").format(
                waiting=step.waiting_for, elapsed=seconds, limit=f"{step.limit:.0f}"
            )
        )

    def _stop_ticking(self) -> None:
        self._ticker.stop()
        self._running_step = None
        self.waiting.setText("")

    def _show_report(self, report: ProbeReport) -> None:
        self._stop_ticking()
        self.report = report
        for step in report.steps:
            self._on_step(step)
        for name, row in self._rows.items():
            if name not in {s.name for s in report.steps}:
                row.setText(1, _tr(STATUS_LABELS[StepStatus.SKIPPED]))
        self.progress.setValue(self.progress.maximum())
        diagnosis = report.diagnosis
        if report.ok:
            if report.message_id:
                self._set_verdict(self.tr("The test passed: the server accepted the test mail."), True)
            else:
                self._set_verdict(self.tr("The test passed: connecting and logging in work."), True)
            self.meaning.setText(self.tr("These settings work. Continue to see what will be written."))
            self.advice.setText("")
        elif diagnosis is not None:
            self._set_verdict(diagnosis.title, False)
            self.meaning.setText(diagnosis.meaning)
            advice = diagnosis.advice
            if diagnosis.server_reply:
                advice += "\n" + self.tr("The server said: {reply}").format(reply=diagnosis.server_reply)
            self.advice.setText(advice)
            fix = fix_for(diagnosis.code, diagnosis.advice_id)
            self._fix_page = fix[0] if fix else None
            if fix:
                self.fix.setText(_tr(fix[1]))
            self.fix.setVisible(fix is not None)
            password_set = self.wiz().secret_page.source() is not SecretSource.NONE
            self.no_password.setVisible(offers_no_password(diagnosis.code, password_set=password_set))
        self.warnings.set_warnings(report.warnings)
        self.confirm.setVisible(not report.ok)
        self._fill_details()
        self._update()

    def _show_crash(self, exc: BaseException, reason: str = "") -> None:
        self._set_verdict(self.tr("The test could not run ({kind}).").format(kind=type(exc).__name__), False)
        self.meaning.setText(reason or self.tr("This is a fault in the wizard, not in your settings. Press Retry."))
        self.advice.setText("")
        self.confirm.setVisible(True)

    def _set_verdict(self, text: str, passed: bool | None) -> None:
        """Show the verdict in words, icon and colour, and announce it: a screen reader hears the accessible
        description change on the result and on the page (None: still running, no icon)."""
        self.verdict.setText(text)
        self.verdict.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        self.verdict.setStyleSheet("" if passed is None else f"color: {OK_COLOR if passed else ERROR_COLOR};")
        self.verdict_icon.setVisible(passed is not None)
        if passed is not None:
            self.verdict_icon.setPixmap(_status_icon(passed).pixmap(self.verdict.fontMetrics().height() + 4))

    def _scrub(self, text: str) -> str:
        """The report is redacted by the probe; this is a second guard for anything shown or copied."""
        secret = self.wiz().secret()
        if secret is not None and secret.reveal():
            text = text.replace(secret.reveal(), "***")
        return text

    def copy_report(self) -> None:
        from wizard.flow.report_text import report_text

        if self.report is not None:
            QGuiApplication.clipboard().setText(self._scrub(report_text(self.report)))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_label.setVisible(shown)
        self._fill_details()

    def _fill_details(self) -> None:
        """Laid out only when shown: a long transcript costs a noticeable moment of layout."""
        from wizard.flow.report_text import report_text

        if self.details.isVisible() and self.report is not None:
            self.details.setPlainText(self._scrub(report_text(self.report)))

    def _retry_without_password(self) -> None:
        self.wiz().secret_page.none.setChecked(True)
        self.no_password.setVisible(False)
        self.start_probe()

    def _go_fix(self) -> None:
        if self._fix_page is PageId.TEST:  # the recipient is on this page
            self.send_to.line.setFocus()
            self.send_to.line.selectAll()
        elif self._fix_page is not None:
            self.wiz().go_back_to(self._fix_page)

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

    def isComplete(self) -> bool:
        if self.running():
            return False
        return self.passed() or self.confirm.isChecked()

    def nextId(self) -> int:
        return int(PageId.SUMMARY)
