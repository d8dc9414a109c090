"""The last two pages as data: what will be written (Summary) and what was written, then what to do (Done)."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wizard.core.atomic import backup_path
from wizard.core.deployment.next_steps import next_steps
from wizard.core.i18n import tr
from wizard.flow.answers import Answers

if TYPE_CHECKING:
    from wizard.core.apply import ApplyPlan, ApplyResult
    from wizard.core.deployment import Deployment
    from wizard.demo.environment import DemoEnvironment
    from wizard.flow.deliverability_view import DeliverabilityView
    from wizard.flow.testing import TestRun

MASK = "••••••••"


class SummaryFacts(Protocol):
    """What the Summary reads of a run (a `Flow` is one): the plan, the answers, the layout, whether the
    test passed and the sender domain's records."""

    @property
    def plan(self) -> ApplyPlan | None: ...
    @property
    def answers(self) -> Answers: ...
    @property
    def deployment(self) -> Deployment | None: ...
    def test_passed(self) -> bool: ...
    def deliverability(self) -> DeliverabilityView | None: ...


class DoneFacts(Protocol):
    """What the Done page reads of a run (a `Flow` is one): what was written, the answers, the layout and
    the demo (its received mail)."""

    @property
    def result(self) -> ApplyResult | None: ...
    @property
    def answers(self) -> Answers: ...
    @property
    def deployment(self) -> Deployment | None: ...
    @property
    def demo(self) -> DemoEnvironment | None: ...
    @property
    def test(self) -> TestRun | None: ...
    @property
    def config_path(self) -> Path: ...
    def test_passed(self) -> bool: ...


@dataclass(frozen=True)
class SummaryView:
    config_path: Path
    smtp_section: str  # "" on the skip path
    diff: str  # unified diff of config.toml with translated headers; "" when it stays as it is
    env_text: str  # where the secret goes (masked)
    notes: list[str]
    tips: list[str]  # deliverability advice (not on the skip path)
    deployment: str = ""  # "Deployment: Standalone: …" (not on the skip path)
    deliverability: DeliverabilityView | None = None  # SPF, DMARC, DKIM after a passed test (SPEC §11)
    # The compose file's change (the secret's entry, extra_hosts, hostname:) as a unified diff with headers in
    # the user's language; "" when it stays as it is. It decides what the container gets: shown first.
    compose_diff: str = ""


@dataclass(frozen=True)
class DoneView:
    written: list[Path]
    backups: list[Path]
    next_steps: list[str]
    notes: list[str] = field(default_factory=list)
    demo_mail: str = ""  # the test mail the demo server received, readable
    deployment: str = ""  # "Deployment: Standalone: …" (not on the skip path)
    # Saved without a passing test: how the test ended (the diagnosis' title) and the command to test later.
    untested: list[str] = field(default_factory=list)
    temporary: str = ""  # demo mode: the files written vanish with the window


def deployment_words(deployment: Deployment | None, skipping: bool) -> str:
    """The deployment layout the files are written for, as every face states it on Summary and Done."""
    if deployment is None or skipping:
        return ""
    return tr("deployment.cli.layout", description=deployment.describe())


def translated_diff(plan: ApplyPlan) -> str:
    """The core's diff with its file headers in the user's language."""
    name = plan.config_path.name
    lines = plan.config_diff().splitlines()
    out = []
    for line in lines:
        if line.startswith("--- "):
            line = "--- " + tr("flow.summary.before", name=name)
        elif line.startswith("+++ "):
            line = "+++ " + tr("flow.summary.after", name=name)
        out.append(line)
    return "\n".join(out)


def env_text(plan: ApplyPlan) -> str:
    if plan.secret_var is None:
        return tr("flow.summary.env_none")
    if plan.env_changed:
        return tr("flow.summary.env_write", env=str(plan.env_path), var=plan.secret_var, mask=MASK)
    return tr("flow.summary.env_keep", env=str(plan.env_path), var=plan.secret_var)


def summary_view(flow: SummaryFacts) -> SummaryView:
    plan = flow.plan
    assert plan is not None
    skipping = flow.answers.skip
    notes = [note.text for note in plan.notes]
    if not skipping and not flow.test_passed():
        notes.append(tr("flow.summary.untested"))
    records = None if skipping else flow.deliverability()
    # The general DNS tip stands in for the verdicts only where there are none for this domain.
    tip_names = ("address", "again") if records is not None and not records.pending else ("address", "dns", "again")
    return SummaryView(
        config_path=plan.config_path,
        smtp_section="" if skipping else plan.smtp_section(),
        diff=translated_diff(plan),
        env_text="" if skipping else env_text(plan),
        notes=notes,
        tips=[] if skipping else [tr(f"flow.summary.tip_{name}") for name in tip_names],
        deployment=deployment_words(getattr(plan, "deployment", None) or flow.deployment, skipping),
        deliverability=records,
        compose_diff="" if skipping else plan.compose_diff(localized=True),
    )


def readable_mail(raw: str) -> str:
    """A received mail as a person reads it: the main headers and the decoded text body."""
    from email import message_from_string, policy  # lazy: the demo's received mail only
    from email.message import EmailMessage

    message = message_from_string(raw, policy=policy.default)
    body = message.get_body(preferencelist=("plain",)) if isinstance(message, EmailMessage) else None
    if not isinstance(body, EmailMessage):
        return raw
    headers = [f"{name}: {message[name]}" for name in ("Date", "From", "To", "Subject") if message[name]]
    return "\n".join(headers) + "\n\n" + str(body.get_content()).strip() + "\n"


def steps_after_writing(
    *, skipped: bool, written: bool, deployment: Deployment | None, send_to: str | None
) -> list[str]:
    """What to do after the files were written, in order (every face shows these). The skip path changed
    config.toml too: the server reads it only after a restart (SPEC §6 rev 2, §3a)."""
    if not written:
        return [tr("flow.done.again_with_server")] if skipped else []
    if deployment is None:
        restart = tr("deployment.next.restart")
        return [restart, tr("flow.done.again_with_server")] if skipped else [restart]
    steps = next_steps(deployment, send_to)
    if skipped:  # no mail yet: the restart (or compose up) only, then come back
        return [steps[0], tr("flow.done.again_with_server")]
    return steps


def untested_lines(flow: DoneFacts) -> list[str]:
    """After "Save without a passing test": the diagnosis' title again and the `check` command that tests
    the written files later (the failure is not forgotten on the last page)."""
    test = flow.test
    if flow.answers.skip or flow.test_passed() or test is None:
        return []
    command = f"smtp-wizard check --config {shlex.quote(str(flow.config_path))}"
    return [tr("faces.done.untested", diagnosis=test.verdict()), tr("faces.done.check_later", command=command)]


def done_view(flow: DoneFacts) -> DoneView:
    result = flow.result
    written = list(result.written) if result is not None else []
    notes = [note.text for note in result.notes] if result is not None else []
    backups = [backup_path(path) for path in written if backup_path(path).exists()]
    steps = steps_after_writing(
        skipped=flow.answers.skip,
        written=bool(written),
        deployment=flow.deployment,
        send_to=flow.answers.send_to.strip() or None,
    )
    demo = flow.demo
    mail = readable_mail(demo.received[-1]) if demo is not None and demo.received else ""
    return DoneView(
        written=written,
        backups=backups,
        next_steps=steps,
        notes=notes,
        demo_mail=mail,
        deployment=deployment_words(flow.deployment, flow.answers.skip),
        untested=untested_lines(flow),
        temporary=tr("faces.demo.temporary") if demo is not None and written else "",
    )
