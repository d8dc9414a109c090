""" "Details", "Copy report" and "Save report" carry the sender domain's SPF, DMARC and DKIM verdicts
(SPEC §11) once they are looked up, in the user's language, and nothing about them before."""

from __future__ import annotations

from pathlib import Path

from wizard.core import i18n
from wizard.deliverability.verdicts import (
    Advice,
    Deliverability,
    DkimStatus,
    DkimVerdict,
    DmarcStatus,
    DmarcVerdict,
    SpfStatus,
    SpfVerdict,
)
from wizard.flow import Flow, testing
from wizard.flow.report_file import shareable_report
from wizard.flow.report_text import report_text
from wizard.probe.report import ProbeReport, ServerFacts

VERDICTS = Deliverability(
    "example.com",
    SpfVerdict(SpfStatus.SOFTFAIL, Advice("spf.softfail", (("address", "127.0.0.1"),)), "v=spf1 ~all", True),
    DmarcVerdict(DmarcStatus.MISSING, Advice("dmarc.missing")),
    DkimVerdict(DkimStatus.UNKNOWN_SELECTOR, Advice("dkim.unknown_selector")),
)


def passed_run(deliverability: Deliverability | None) -> testing.TestRun:
    report = ProbeReport(ok=True, steps=[], server=ServerFacts(host="relay.test", port=25, address="127.0.0.1"))
    return testing.TestRun(report=report, deliverability=deliverability)


def test_report_text_lists_the_verdicts_after_the_outcome() -> None:
    lines = report_text(ProbeReport(ok=True, steps=[], server=ServerFacts()), VERDICTS).splitlines()
    heading = lines.index("Deliverability of mail from example.com (SPF, DMARC, DKIM)")
    assert lines[heading + 1].startswith("SPF — softfail (estimate): ")
    assert lines[heading + 2].startswith("DMARC — missing: ") and lines[heading + 3].startswith("DKIM — ")
    assert heading < lines.index("Conversation with the server:")  # before the steps and the transcript


def test_details_carry_the_verdicts_once_looked_up() -> None:
    assert "SPF —" not in passed_run(None).details()
    assert "SPF — softfail (estimate):" in passed_run(VERDICTS).details()


def test_details_are_in_the_users_language() -> None:
    i18n.set_language("de")
    text = passed_run(VERDICTS).details()
    assert "Zustellbarkeit von Mails aus example.com" in text and "SPF — softfail (Schätzung):" in text


def test_copied_and_saved_report_carries_the_verdicts(tmp_path: Path) -> None:
    flow = Flow(tmp_path / "config.toml")
    flow.test = passed_run(VERDICTS)
    shared = shareable_report(flow)
    assert shared is not None
    assert "Deliverability of mail from example.com" in shared and "DMARC — missing:" in shared
