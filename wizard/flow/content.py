"""What each page asks and says: its questions (with their problems), messages and actions, localized.

Validation is the core's (`wizard.core.settings`); this module only decides which rule applies where.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from wizard.core.endpoint import check_endpoint, normalize_host
from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.core.loopback import is_loopback_host
from wizard.core.settings import (
    Security,
    is_address,
    validate_address,
    validate_host,
    validate_port,
    validate_secret,
    validate_user,
    validate_var_name,
)
from wizard.flow import deployment_choice, hostname_offer, keyring_option, report_file
from wizard.flow.deployment_choice import ChoiceFacts
from wizard.flow.hostname_offer import HostnameFacts
from wizard.flow.keyring_option import KeyringFacts
from wizard.flow.pages import PageId
from wizard.flow.questions import Action, Kind, Level, Message, Option, Question
from wizard.flow.report_file import ReportFacts

if TYPE_CHECKING:
    from wizard.core.apply import ApplyPlan
    from wizard.core.deployment import Deployment
    from wizard.core.existing import ExistingSetup
    from wizard.discovery.candidate import Candidate

LANGUAGE_NAMES = (("en", "English"), ("de", "Deutsch"))  # each language in its own name


class PageFacts(ChoiceFacts, KeyringFacts, ReportFacts, HostnameFacts, Protocol):
    """What a page's questions, messages and actions read of a run (a `Flow` is one), beyond what the layout
    choice, the keyring option and the report read: the route, the loaded files, the suggestions, the plan."""

    @property
    def quick(self) -> bool: ...
    @property
    def detailed(self) -> bool: ...
    @property
    def loaded(self) -> bool: ...
    @property
    def load_problem(self) -> str | None: ...
    @property
    def can_keep_secret(self) -> bool: ...
    @property
    def suggestions(self) -> list[Candidate]: ...
    @property
    def detect_status(self) -> str: ...
    @property
    def provider_name(self) -> str: ...
    @property
    def provider_hint(self) -> str: ...
    @property
    def plan(self) -> ApplyPlan | None: ...
    @property
    def plan_problem(self) -> str | None: ...
    @property
    def plan_outdated(self) -> bool: ...
    def value(self, name: str) -> str | bool: ...
    def server_from_setup(self) -> bool: ...
    def best_suggestion(self) -> int | None: ...
    def needs_plaintext_confirmation(self) -> bool: ...


def _problem(check: Callable[[str], object], value: str) -> str | None:
    try:
        check(value)
    except ValidationError as exc:
        return str(exc)
    return None


def _q(name: str, kind: Kind, flow: PageFacts, problem: str | None = None, **extra: object) -> Question:
    """A question whose label and help come from `flow.<page>.<name>` and `….<name>_help`."""
    page = _PAGE_OF[name]
    return Question(
        name=name,
        kind=kind,
        label=tr(f"flow.{page}.{name}"),
        help=tr(f"flow.{page}.{name}_help"),
        value=flow.value(name),
        problem=problem,
        **extra,  # type: ignore[arg-type]
    )


_PAGE_OF = {
    "config_path": PageId.WELCOME,
    "language": PageId.WELCOME,
    "skip": PageId.WELCOME,
    "layout": PageId.WELCOME,
    "deployment": PageId.WELCOME,
    "compose_file": PageId.WELCOME,
    "compose_service": PageId.WELCOME,
    "user": PageId.ACCOUNT,
    "login_differs": PageId.ACCOUNT,
    "host": PageId.SERVER,
    "port": PageId.SERVER,
    "relay": PageId.SERVER,
    "security": PageId.SECURITY,
    "secret_source": PageId.SECRET,
    "secret_var": PageId.SECRET,
    "send_to": PageId.TEST,
    "plaintext_auth": PageId.TEST,
    "save_untested": PageId.TEST,
}


def secret_place_words(deployment: Deployment | None) -> tuple[str, str] | None:
    """Where the secret goes, for the Secret page's subtitle and the secret field's help, when the detected
    layout puts it elsewhere than next to config.toml (a compose project's .env, SPEC §3a); None when it is
    the standalone wording. Both faces use it."""
    if deployment is None or deployment.compose is None:
        return None
    path = str(deployment.env_file)
    return tr("flow.secret.subtitle_compose", path=path), tr("flow.secret.secret_help_compose", path=path)


def login_label(user: str) -> str:
    """The one word for the login in every face (the Account page's, also `show`'s): "Mail address" when the
    login is one (the usual case, SPEC §2), else "Login name" (as when the user ticks "My login is not my
    mail address")."""
    return tr("flow.account.user" if is_address(user) else "flow.account.login")


def secret_help(flow: PageFacts) -> str:
    """The secret field's help in the standalone layout, naming the config file as it is called."""
    return tr("flow.secret.secret_help", config=flow.config_path.name)


# -- validation of single answers ------------------------------------------------------------------------


def user_problem(flow: PageFacts) -> str | None:
    """An address, unless the user said the login is not one; then any login the server can send with."""
    if flow.answers.login_differs:
        return _problem(validate_user, flow.answers.user)
    # an address, with the login's own checks first (control characters, a ${…} the server would expand)
    text = flow.answers.user
    return _problem(lambda value: validate_address(validate_user(value) if value.strip() else value, "user"), text)


def host_problem(flow: PageFacts) -> str | None:
    return _problem(validate_host, flow.answers.host)


def port_problem(flow: PageFacts) -> str | None:
    return _problem(validate_port, flow.answers.port)


def secret_problem(flow: PageFacts) -> str | None:
    return _problem(validate_secret, flow.answers.secret) if flow.answers.secret_source == "new" else None


def var_problem(flow: PageFacts) -> str | None:
    return None if flow.answers.secret_source == "none" else _problem(validate_var_name, flow.answers.secret_var)


def send_to_problem(flow: PageFacts) -> str | None:
    text = flow.answers.send_to
    return _problem(lambda value: validate_address(value, "send_to"), text) if text.strip() else None


def security_problem(flow: PageFacts) -> str | None:
    """The one combination BOMnipotent's config cannot express: implicit TLS on a port other than 465."""
    a = flow.answers
    if a.security == "smtps" and a.port.strip() != "465":
        return str(ValidationError("port", "validation.implicit_tls_port", port=a.port.strip()))
    return endpoint_problem(flow)


def endpoint_problem(flow: PageFacts) -> str | None:
    """Why host, port and encryption cannot be written the way the server reads them (the core's one
    endpoint mapping; e.g. an IPv6 address in the smtp:// forms), or None. A host or port that is invalid
    on its own is the Server page's problem, not this one."""
    a = flow.answers
    try:
        host, port, security = normalize_host(a.host), int(a.port.strip()), Security(a.security)
    except ValueError:  # ValidationError included: the Server page's problem
        return None
    try:
        check_endpoint(host, port, security)
    except ValidationError as exc:
        return str(exc) if exc.field == "host" else None
    return None


# -- the pages --------------------------------------------------------------------------------------------


def questions(flow: PageFacts, page: PageId) -> list[Question]:
    a = flow.answers
    if page is PageId.WELCOME:
        found = [
            _q("config_path", Kind.PATH, flow, flow.load_problem),
            _q(
                "language",
                Kind.CHOICE,
                flow,
                options=tuple(Option(code, name) for code, name in LANGUAGE_NAMES),
            ),
        ]
        if flow.loaded and flow.load_problem is None:  # the detected layout, to change (after reading the files)
            found += deployment_choice.questions(flow)
        found.append(_q("skip", Kind.CHECK, flow))
        if a.skip:
            found.append(
                _q(
                    "layout",
                    Kind.CHOICE,
                    flow,
                    options=(
                        Option("legacy", tr("flow.welcome.layout_legacy")),
                        Option("current", tr("flow.welcome.layout_current")),
                    ),
                )
            )
        return found
    if page is PageId.ACCOUNT:
        login = a.login_differs
        found = [
            Question(
                name="user",
                kind=Kind.TEXT,
                label=tr("flow.account.login" if login else "flow.account.user"),
                help=tr("flow.account.login_help" if login else "flow.account.user_help"),
                value=a.user,
                problem=user_problem(flow),
                placeholder="apikey" if login else tr("flow.account.user_placeholder"),
            )
        ]
        if flow.quick:
            keep = flow.can_keep_secret and not a.secret
            found.append(
                Question(
                    name="secret",
                    kind=Kind.SECRET,
                    label=tr("flow.account.secret"),
                    help=tr("flow.account.secret_help"),
                    value=a.secret,
                    placeholder=tr("flow.account.secret_kept" if keep else "flow.account.secret_placeholder"),
                )
            )
        found.append(_q("login_differs", Kind.CHECK, flow))
        return found
    if page is PageId.SERVER:
        return [
            _q("host", Kind.TEXT, flow, host_problem(flow), placeholder=tr("flow.server.host_placeholder")),
            _q("port", Kind.NUMBER, flow, port_problem(flow)),
            _q("relay", Kind.CHECK, flow),
        ]
    if page is PageId.SECURITY:
        return [
            _q(
                "security",
                Kind.CHOICE,
                flow,
                options=tuple(
                    Option(value, tr(f"flow.security.{value}"), tr(f"flow.security.{value}_explained"))
                    for value in ("smtps", "starttls", "none")
                ),
            )
        ]
    if page is PageId.SECRET:
        keep_label = (
            tr("flow.secret.keep_named", var=flow.existing.secret_var)
            if flow.can_keep_secret and flow.existing is not None
            else tr("flow.secret.keep" if flow.can_keep_secret else "words_rev3.secret.keep_nothing")
        )
        found = [
            _q(
                "secret_source",
                Kind.CHOICE,
                flow,
                options=(
                    Option("new", tr("flow.secret.new")),
                    Option("keep", keep_label, enabled=flow.can_keep_secret),
                    Option("none", tr("flow.secret.none")),
                ),
            )
        ]
        if a.secret_source == "new":
            found.append(
                Question(
                    name="secret",
                    kind=Kind.SECRET,
                    label=tr("flow.secret.secret"),
                    help=(secret_place_words(flow.deployment) or ("", secret_help(flow)))[1],
                    value=a.secret,
                    problem=secret_problem(flow),
                )
            )
        if a.secret_source != "none":
            found.append(_q("secret_var", Kind.TEXT, flow, var_problem(flow), advanced=True))
        return found + keyring_option.questions(flow)
    if page is PageId.TEST:
        found = [_q("send_to", Kind.TEXT, flow, send_to_problem(flow), placeholder=tr("flow.test.send_to_placeholder"))]
        if flow.needs_plaintext_confirmation():
            found.append(_q("plaintext_auth", Kind.CHECK, flow))
        found += hostname_offer.questions(flow)  # the compose `hostname:` for a bare EHLO name (SPEC §12)
        test = flow.test
        if test is not None and test.finished and not test.passed:
            found.append(_q("save_untested", Kind.CHECK, flow))
        return found
    return []


# Questions whose problem is shown at the field but never holds Next: nothing is set from them until an
# action takes the value (the Test page's `hostname:` offer).
_ADVISORY = frozenset({"hostname"})


def problems(flow: PageFacts, page: PageId) -> list[str]:
    found = [q.problem for q in questions(flow, page) if q.problem and q.name not in _ADVISORY]
    if page is PageId.WELCOME and not flow.loaded:
        found.append(tr("flow.welcome.reading"))
    elif page is PageId.WELCOME and flow.load_problem and flow.load_problem not in found:
        found.append(flow.load_problem)
    elif page is PageId.SECURITY:
        problem = security_problem(flow)
        if problem:
            found.append(problem)
    elif page is PageId.TEST:
        test = flow.test
        if test is None or not test.finished:
            found.append(tr("flow.test.still_running" if test is not None else "flow.test.not_run"))
        elif not test.passed and not flow.answers.save_untested:
            found.append(tr("flow.test.not_passed"))
    elif page is PageId.SUMMARY and flow.plan is None:
        found.append(flow.plan_problem or tr("flow.summary.no_plan"))
    elif page is PageId.DONE:
        found.append(tr("flow.done.last_page"))
    return found


def messages(flow: PageFacts, page: PageId) -> list[Message]:
    a = flow.answers
    found: list[Message] = []
    if page is PageId.WELCOME:
        if flow.demo is not None:
            found.append(Message(tr("flow.welcome.demo", folder=str(flow.demo.folder))))
            found.append(Message(flow.demo.login_words()))
        if not flow.loaded:
            found.append(Message(tr("flow.welcome.reading")))
        found += [Message(text) for text in describe_existing(flow)]
        # the detected layout is the explanation of the layout choice (wizard/flow/deployment_choice.py)
        if a.skip:
            found.append(Message(tr("flow.welcome.skip_warning"), Level.WARNING))
            existing = flow.existing
            detected = existing is not None and existing.layout_detected
            msg_id = "flow.welcome.layout_detected" if detected else "flow.welcome.layout_guess"
            said = tr(msg_id, config=flow.config_path.name)
            hint, title = tr("words_rev3.version_hint"), tr("words_rev3.version_more")  # where the version shows
            found.append(Message(said, details=hint, details_title=title))
    elif page is PageId.ACCOUNT:
        if flow.provider_name and flow.suggestions:
            best = flow.suggestions[0]
            found.append(
                Message(
                    tr(
                        "flow.account.provider",
                        provider=flow.provider_name,
                        host=best.host,
                        port=best.port,
                        security=tr(f"discovery.security.{best.security}"),
                    )
                )
            )
        elif flow.quick and (best_index := flow.best_suggestion()) is not None:
            # Found by discovery while typing (no provider name): name the server the live test will use.
            found_server = flow.suggestions[best_index]
            found.append(
                Message(
                    tr(
                        "flow.account.found",
                        host=found_server.host,
                        port=found_server.port,
                        security=tr(f"discovery.security.{found_server.security}"),
                    )
                )
            )
        elif flow.quick and not flow.detailed and flow.demo is None and flow.server_from_setup():
            found.append(Message(tr("flow.account.known_server", host=a.host.strip(), port=a.port.strip())))
        elif flow.demo is not None:  # the demo server's login, so every step of a real server is seen
            found.append(Message(flow.demo.login_words()))
        elif flow.detect_status:
            found.append(Message(flow.detect_status))
        if a.login_differs:
            found.append(Message(tr("flow.account.login_warning"), Level.WARNING))
        hint = next((c.hint_id for c in flow.suggestions if c.hint_id), "")
        if hint and flow.quick:
            found.append(Message(tr(hint)))
    elif page is PageId.SERVER:
        if flow.detect_status:
            found.append(Message(flow.detect_status))
    elif page is PageId.SECURITY:
        found.append(Message(tr("flow.security.where", host=a.host.strip(), port=a.port.strip())))
        problem = security_problem(flow)
        if problem:
            found.append(Message(problem, Level.ERROR))
        elif a.security == "starttls" and a.port.strip() == "465":
            found.append(Message(tr("flow.security.starttls_on_465"), Level.WARNING))
        elif a.security == "none" and not is_loopback_host(a.host.strip()):
            found.append(Message(tr("flow.security.none_remote"), Level.WARNING))
    elif page is PageId.SECRET:
        found.append(Message(tr(flow.provider_hint) if flow.provider_hint else tr("flow.secret.hint")))
        found += keyring_option.messages(flow)
    elif page is PageId.TEST:
        found += hostname_offer.messages(flow)
        found += report_file.messages(flow)
    return found


def actions(flow: PageFacts, page: PageId) -> list[Action]:
    a = flow.answers
    found: list[Action] = []
    if page is PageId.ACCOUNT and flow.quick:
        found.append(Action("change_server", tr("flow.account.change_server")))
    elif page is PageId.SECURITY:
        if security_problem(flow):
            found.append(Action("use_465", tr("flow.security.use_465")))
            found.append(Action("use_starttls", tr("flow.security.use_starttls", port=a.port.strip())))
        elif a.security == "starttls" and a.port.strip() == "465":
            found.append(Action("use_587", tr("flow.security.use_587")))
    elif page is PageId.TEST:
        from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

        test = flow.test
        if test is not None and test.fix is not None:
            found.append(Action("fix", tr(test.fix[1])))
        diagnosis = test.report.diagnosis if test is not None and test.report is not None else None
        if diagnosis is not None and services.offers_no_password(
            diagnosis.code, password_set=a.secret_source != "none"
        ):
            found.append(Action("retry_no_password", tr("flow.fix.retry_no_password")))
        found += hostname_offer.actions(flow)
        found += report_file.actions(flow)
    elif page is PageId.SECRET:
        found += keyring_option.actions(flow)
    elif page is PageId.SUMMARY and flow.plan_outdated:
        found.append(Action("reread", tr("flow.summary.reread")))
    return found


def describe_existing(flow: PageFacts) -> list[str]:
    """What the chosen config.toml already holds, one sentence per fact: the [smtp] in use (a legacy
    [smtp_config] is said by the core's notes), where its secret comes from (in a compose project: as the
    server's container gets it), and the core's notes on the files."""
    existing = flow.existing
    if existing is None:
        return []
    lines: list[str] = []
    if not existing.config_exists:
        lines.append(tr("flow.welcome.no_config", config=existing.config_path.name))
    elif existing.smtp is None:
        lines.append(tr("flow.welcome.no_smtp", config=existing.config_path.name))
    elif existing.smtp_table == "smtp":
        smtp = existing.smtp
        lines.append(
            tr(
                "flow.welcome.has_smtp",
                config=existing.config_path.name,
                user=smtp.user,
                host=smtp.host,
                port=smtp.port,
                security=tr(f"discovery.security.{smtp.security}"),
            )
        )
        compose = existing.deployment is not None and existing.deployment.compose is not None
        if compose and smtp.secret_var:
            lines.extend(container_secret_lines(existing))
        elif smtp.secret_var or smtp.secret_literal:
            if flow.can_keep_secret:  # an empty stored secret is none to keep
                lines.append(tr("flow.welcome.secret_kept", var=existing.secret_var, env=str(existing.env_path)))
            else:
                env = str(existing.env_path)
                config = existing.config_path.name
                lines.append(tr("flow.welcome.secret_missing", config=config, var=existing.secret_var, env=env))
    problem = existing.smtp_problem
    if problem is not None and problem.msg_id == "file_layer.smtp_missing":  # half filled: completed, not replaced
        lines.append(tr("file_layer.welcome.smtp_half", **problem.params))
    elif problem is not None:
        lines.append(tr("flow.welcome.smtp_unusable", problem=str(problem)))
    if existing.env_problem is not None:  # a byte order mark: the server reads nothing from that .env yet
        lines.append(tr("file_layer.welcome.env_bom", env=str(existing.env_path)))
    if existing.skip_verification:
        lines.append(tr("flow.welcome.skip_active"))
    lines.extend(note.text for note in existing.notes)  # [smtp_config], how .env is read (core catalogue)
    return lines


def container_secret_lines(existing: ExistingSetup) -> list[str]:
    """Compose layout: the secret as the server's container gets it, or the empty-string shadow that hides it
    (short; `show` and `check` give the long form)."""

    from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

    deployment = existing.deployment
    assert deployment is not None
    view = files.server_environment(deployment)
    report = files.explain_variable(deployment, view, existing.secret_var)
    project = deployment.project_dir or deployment.config_path.parent
    compose = deployment.compose_file.name if deployment.compose_file else ""
    project_env = os.path.relpath(deployment.env_file, project)
    if report.cause and report.name not in view.shadowed:  # passed, but set nowhere: nothing to keep
        return [tr("kept_secret.passed_unset", name=report.name, compose=compose, env=project_env)]
    if report.cause:
        hidden = os.path.relpath(deployment.config_env_path, project)
        return [tr("deployment.gui.secret_shadowed", name=report.name, compose=compose, env=hidden)]
    if report.value:
        return [tr("deployment.gui.secret_from", name=report.name, source=report.source)]
    if existing.unpassed_secret is not None:
        service = str(deployment.service)
        return [tr("kept_secret.not_passed", name=report.name, service=service, compose=compose, env=project_env)]
    return [tr("deployment.gui.secret_missing", name=report.name, source=report.source)]


def suggestion_login_hint(candidate: Candidate) -> str:
    """What to type as the login for a suggestion just taken ('' when nothing is to be said)."""
    from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

    return services.login_hint(candidate)


def suggestion_unusable_reason(candidate: Candidate) -> str:
    """Why a listed suggestion cannot be used (its tooltip), in the current language."""
    from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

    return services.unusable_reason(candidate)


def describe_suggestion(candidate: Candidate) -> str:
    """One line per suggestion: host, port, encryption, and where it came from (checked or not)."""
    where = tr(f"discovery.source.{candidate.source}")
    if candidate.provider_name:
        where = f"{candidate.provider_name}, {where}"
    if candidate.unusable is not None:
        from wizard.flow import services  # lazy: the flow's service seam (wizard/flow/services.py)

        where += ", " + services.status_label(candidate)  # "not usable: <why>"
    elif candidate.checked:
        where += ", " + tr("discovery.status.verified" if candidate.verified else "discovery.status.unreachable")
    return tr(
        "flow.server.suggestion",
        host=candidate.host,
        port=candidate.port,
        security=tr(f"discovery.security.{candidate.security}"),
        where=where,
    )
