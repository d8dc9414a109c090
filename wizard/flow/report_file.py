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
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.core.i18n import tr
from wizard.core.os_reason import os_reason
from wizard.flow.questions import Action, Level, Message

if TYPE_CHECKING:
    from wizard.flow.flow import Flow

HIDDEN = "***"
FILE_MODE = 0o600


def shareable_report(flow: Flow) -> str | None:
    """The finished test's report as plain text (the user's language where it is prose), with the secret
    masked even if it got into a server's reply; None while there is no report."""
    from wizard.flow.report_text import report_text

    test = flow.test
    if test is None or test.report is None:
        return None
    return scrub(report_text(test.report, test.deliverability), flow)


def scrub(text: str, flow: Flow) -> str:
    """`text` with the typed or kept secret replaced by a placeholder (the probe redacts AUTH already)."""
    from wizard.flow.model import secret_of

    secret = secret_of(flow.answers, flow.existing)
    value = secret.reveal() if secret is not None else ""
    return text.replace(value, HIDDEN) if value else text


def report_folders(flow: Flow) -> list[Path]:
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

    def save(self, flow: Flow) -> None:
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


def messages(flow: Flow) -> list[Message]:
    saved = flow.report_file
    if saved.problem:
        return [Message(saved.problem, Level.ERROR)]
    if saved.path is not None:
        return [Message(tr("tui_parity.report.saved", path=str(saved.path)))]
    return []


def actions(flow: Flow) -> list[Action]:
    test = flow.test
    if test is None or test.report is None:
        return []
    return [Action("save_report", tr("tui_parity.report.save"))]
