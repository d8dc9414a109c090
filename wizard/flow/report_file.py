"""The Test page's report to share (SPEC §6: "Copy report"), also as a file: a terminal may refuse the
clipboard (Textual copies through the OSC 52 escape sequence, which many terminals and multiplexers
ignore), so every face can also save the report, and says where it went.

The report holds what "Details" shows: the verdict, diagnosis, the sender domain's SPF/DMARC/DKIM verdicts
(SPEC §11, once looked up), steps, server and TLS facts, and the transcript, whose AUTH exchange the probe has
already replaced by a placeholder. As a second guard, the
secret itself is replaced wherever it would still appear. The file is created new (never over another),
readable by its owner only (0600): it names the account and the server.
"""

from __future__ import annotations

import os
import tempfile  # the first screens have it already (Textual's platformdirs, PySide's support)
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wizard.core.i18n import tr
from wizard.core.os_reason import os_reason
from wizard.flow.answers import Answers
from wizard.flow.model import secret_of
from wizard.flow.questions import Action, Level, Message

if TYPE_CHECKING:
    from wizard.core.existing import ExistingSetup
    from wizard.demo.environment import DemoEnvironment
    from wizard.flow.testing import TestRun

HIDDEN = "***"
FILE_MODE = 0o600


class ReportFacts(Protocol):
    """What the report and its file read of a run (a `Flow` is one): the test, the secret's sources (the
    answers and the existing setup, to mask it), the demo and config.toml's path (where to save), and the
    saved file."""

    @property
    def test(self) -> TestRun | None: ...
    @property
    def answers(self) -> Answers: ...
    @property
    def existing(self) -> ExistingSetup | None: ...
    @property
    def demo(self) -> DemoEnvironment | None: ...
    @property
    def config_path(self) -> Path: ...
    @property
    def report_file(self) -> ReportFile: ...


def shareable_report(flow: ReportFacts) -> str | None:
    """The finished test's report as plain text (the user's language where it is prose), with the secret
    masked even if it got into a server's reply; None while there is no report."""
    from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

    test = flow.test
    if test is None or test.report is None:
        return None
    return scrub(services.report_text(test.report, test.deliverability), flow)


def scrub(text: str, flow: ReportFacts) -> str:
    """`text` with the typed or kept secret replaced by a placeholder (the probe redacts AUTH already)."""
    secret = secret_of(flow.answers, flow.existing)
    value = secret.reveal() if secret is not None else ""
    return text.replace(value, HIDDEN) if value else text


def report_folders(flow: ReportFacts) -> list[Path]:
    """Where a report may go, first choice first: the config's folder (where the operator works), the
    home folder, the temporary folder (a config folder may belong to root while the wizard is not). The demo's
    config folder is left out: it is a scratch folder removed when the wizard closes."""
    folders = [Path.home(), Path(tempfile.gettempdir())]
    if flow.demo is None:
        folders.insert(0, flow.config_path.parent)
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def save_report(text: str, folders: list[Path], now: float | None = None) -> Path:
    """Write `text` to a new file `smtp-wizard-report-<date>-<time>.txt` in the first folder that takes it;
    returns its path. Raises OSError (of the last folder) when none does."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    problem: OSError | None = None
    for folder in folders:
        for number in range(1, 100):
            name = f"smtp-wizard-report-{stamp}.txt" if number == 1 else f"smtp-wizard-report-{stamp}-{number}.txt"
            path = folder / name
            try:
                handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            except FileExistsError:
                continue
            except OSError as exc:
                problem = exc
                break
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
            except OSError as exc:  # a full disk: nothing half-written stays behind
                path.unlink(missing_ok=True)
                problem = exc
                break
            return path
    raise problem or OSError("no folder to save the report in")


class ReportFile:
    """The Test page's saved report: where it went, or why it could not be saved."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.problem = ""

    def save(self, flow: ReportFacts) -> None:
        text = shareable_report(flow)
        if text is None:
            return
        try:
            self.path, self.problem = save_report(text, report_folders(flow)), ""
        except OSError as exc:
            self.path, self.problem = None, tr("tui_parity.report.not_saved", reason=os_reason(exc))

    def forget(self) -> None:
        """A new test run: the saved file is about the previous one."""
        self.path, self.problem = None, ""


def messages(flow: ReportFacts) -> list[Message]:
    saved = flow.report_file
    if saved.problem:
        return [Message(saved.problem, Level.ERROR)]
    if saved.path is not None:
        return [Message(tr("tui_parity.report.saved", path=str(saved.path)))]
    return []


def actions(flow: ReportFacts) -> list[Action]:
    test = flow.test
    if test is None or test.report is None:
        return []
    return [Action("save_report", tr("tui_parity.report.save"))]
