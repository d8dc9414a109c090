"""The Welcome page's choice of deployment layout (SPEC §3a rev 2): detect it, or say standalone or Docker
Compose, with the compose file when the detection cannot find it. Both faces ask it through the flow.

The answers `deployment` ("auto", "standalone", "compose": DeploymentChoice values) and `compose_file` (a
path, empty: found automatically) decide what `Flow.load()` detects; a choice the files cannot satisfy (no
compose file, no service mounting the config folder) is the choice's problem, so the page cannot be left.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wizard.core.errors import WizardError
from wizard.core.i18n import tr
from wizard.flow.answers import Answers
from wizard.flow.questions import Kind, Option, Question

if TYPE_CHECKING:
    from wizard.core.deployment import Deployment


class ChoiceFacts(Protocol):
    """What the layout question reads of a run (a `Flow` is one): the answers, the compose services that
    mount the config folder, the detected layout and why the chosen one does not fit."""

    @property
    def answers(self) -> Answers: ...
    @property
    def service_candidates(self) -> tuple[str, ...]: ...
    @property
    def deployment(self) -> Deployment | None: ...
    @property
    def deployment_problem(self) -> str | None: ...


CHOICES = ("auto", "standalone", "compose")
# Short option labels (one line at 80 columns); "Docker Compose" is the product's name in both languages.
LABELS = {
    "auto": "flow.welcome.deployment_auto",
    "standalone": "flow.welcome.deployment_standalone",
    "compose": "deployment.gui.choice_compose",
}


def explicit(flow: ChoiceFacts) -> bool:
    """Whether the user overrode the detection (a layout, or a compose file)."""
    a = flow.answers
    return a.deployment != "auto" or bool(a.compose_file.strip())


def detect(flow: ChoiceFacts, config_path: Path) -> Deployment:
    """The layout for `config_path` as the answers ask for it. Raises DeploymentError (the choice does not fit
    the files) or FileProblem (a compose file that cannot be read or parsed)."""
    from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

    a = flow.answers
    compose = compose_path(flow, config_path)
    service = a.compose_service.strip() or None
    if service is not None and service not in flow.service_candidates:
        service = None  # a name chosen for another project (the path changed): detect afresh
    return files.detect_deployment(config_path, files.DeploymentChoice(a.deployment), compose, service=service)


def compose_path(flow: ChoiceFacts, config_path: Path) -> Path | None:
    """The compose file the user named (relative to the config's folder, as a person means it); None: found
    automatically, or the standalone layout was chosen."""
    a = flow.answers
    text = a.compose_file.strip() if a.deployment != "standalone" else ""
    compose = Path(text).expanduser() if text else None
    if compose is not None and not compose.is_absolute():
        compose = config_path.parent / compose
    return compose


def problem_words(exc: Exception) -> str:
    """Why the chosen layout does not fit, in the words of a page: the core's sentence names the command
    line's --compose-file, which a page asks as its "Compose file" field."""
    if isinstance(exc, WizardError) and exc.msg_id == "deployment.none_found":
        return tr("flow.welcome.compose_none_found", **exc.params)
    if isinstance(exc, WizardError) and exc.msg_id == "compose_adversarial.profile_inactive":
        return tr("compose_adversarial.flow.profile_inactive", **exc.params)
    return str(exc)


def _explanation(flow: ChoiceFacts, choice: str) -> str:
    deployment = flow.deployment
    if choice == flow.answers.deployment and deployment is not None:
        return deployment.describe()
    return tr(f"flow.welcome.deployment_{choice}_means")


def questions(flow: ChoiceFacts) -> list[Question]:
    """The layout choice, and the compose file when Docker Compose is chosen. The chosen option's
    explanation is the layout found for it (which files; the Welcome page says it nowhere else), or what the
    option means while it does not fit the files."""
    a = flow.answers
    choosing = bool(flow.service_candidates) and flow.deployment is None
    problem = None if choosing else flow.deployment_problem
    # under the compose file when the user named one, else under the choice (shown at once, not on Next)
    file_problem = problem if problem and a.deployment == "compose" and a.compose_file.strip() else None
    found = [
        Question(
            name="deployment",
            kind=Kind.CHOICE,
            label=tr("flow.welcome.deployment"),
            help=tr("deployment.gui.deployment_help"),
            value=a.deployment,
            problem=None if file_problem else problem,
            options=tuple(Option(choice, tr(LABELS[choice]), _explanation(flow, choice)) for choice in CHOICES),
        )
    ]
    if flow.service_candidates:
        found.append(service_question(flow, flow.deployment_problem if choosing else None))
    if a.deployment == "compose":
        found.append(
            Question(
                name="compose_file",
                kind=Kind.PATH,
                label=tr("flow.welcome.compose_file"),
                help=tr("flow.welcome.compose_file_help"),
                value=a.compose_file,
                problem=file_problem,
                placeholder=tr("deployment.gui.compose_file_placeholder"),
            )
        )
    return found


def service_question(flow: ChoiceFacts, problem: str | None) -> Question:
    """Which of the services mounting the config folder runs the server (SPEC §12 rev 3): asked whenever
    several do, so the choice is never made silently; the CLI's `--compose-service`."""
    chosen = flow.answers.compose_service if flow.answers.compose_service in flow.service_candidates else ""
    if flow.deployment is not None and flow.deployment.service in flow.service_candidates:
        chosen = str(flow.deployment.service)
    return Question(
        name="compose_service",
        kind=Kind.CHOICE,
        label=tr("compose_engine.flow.service"),
        help=tr("compose_engine.flow.service_help"),
        value=chosen,
        problem=problem,
        options=tuple(
            Option(name, name, tr("compose_engine.flow.service_option", service=name))
            for name in flow.service_candidates
        ),
    )
