"""The Test page's offer to give the server's compose service a fully-qualified `hostname:` (SPEC §12 rev 3).

When the server runs in Docker Compose and its container would introduce itself with a name without a dot
(a bare `hostname:` or, without one, its container id), strict relays refuse every mail it sends
(wizard/core/ehlo_name.py). The page then shows a field pre-filled with a fully-qualified name and the action
"Set hostname: NAME and test again"; the flow sends that name in the test and writes it
through the same transaction as the settings (`plan_apply(hostname=…)`, shown in the Summary's compose
diff). "Leave hostname: as it is" takes the offer back. Both faces render the question, the message and the
actions generically; the test runs again after each action because the name the server sends changed.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING, Protocol

from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.flow.questions import Action, Kind, Message, Question

if TYPE_CHECKING:
    from wizard.core.deployment import Deployment
    from wizard.core.ehlo_name import EhloName
    from wizard.flow.answers import Answers
    from wizard.flow.testing import TestRun

SET = "set_hostname"
UNSET = "unset_hostname"
ACTIONS = (SET, UNSET)
FIELD = "hostname"  # the Answers attribute the field edits


class HostnameFacts(Protocol):
    """What the offer reads of a run (a `Flow` is one): the layout, the answers and the name chosen."""

    @property
    def deployment(self) -> Deployment | None: ...
    @property
    def answers(self) -> Answers: ...
    @property
    def compose_hostname(self) -> str | None: ...


class HostnameOwner(Protocol):
    """What pre-filling and choosing the name change of a run (a `Flow` is one)."""

    deployment: Deployment | None
    answers: Answers
    touched: set[str]
    machine_fqdn: str | None
    compose_hostname: str | None
    test: TestRun | None


# Names a machine calls itself that nobody else resolves to it: never offered as the container's name.
_LOCAL_SUFFIXES = (".localdomain", ".local", ".localhost", ".internal", ".lan", ".home.arpa")
_SERVICE_LABEL = "bomnipotent"  # the first label before the mail domain when the machine has no usable name


def own_name(flow: HostnameFacts) -> EhloName | None:
    """The EHLO name the compose file itself gives the server's container, when it has no dot (the offer
    applies); None in the standalone layout, with a fully-qualified name, or before the files were read."""
    deployment = flow.deployment
    if deployment is None or deployment.compose is None or flow.answers.skip:
        return None
    from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

    if deployment.layout is not files.LayoutKind.COMPOSE or deployment.service not in deployment.compose.services:
        return None  # no server service (yet): nothing to set
    name = files.for_deployment(deployment)
    return None if name.fully_qualified else name


def usable_machine_name(fqdn: str) -> str | None:
    """`fqdn` (the machine's name as the name service gives it, `socket.getfqdn()`) when it is a
    fully-qualified name others could know this machine by: no IP address, no `localhost`, no local-only
    suffix such as `.localdomain` or `.local` (RFC 6762)."""
    text = fqdn.strip().rstrip(".").lower()
    try:
        ipaddress.ip_address(text)
        return None
    except ValueError:
        pass
    if text.startswith("localhost") or text.endswith(_LOCAL_SUFFIXES):
        return None
    try:
        return validate_hostname(text)
    except ValidationError:
        return None


def suggested_hostname(machine_fqdn: str, user: str) -> str:
    """The name the field starts with: this machine's fully-qualified name when it has a usable one (the
    Docker host, whose name relays checking DNS are most likely to find), else a name in the mail domain
    (`bomnipotent.<domain>` of `user`), else "" (the user types one)."""
    machine = usable_machine_name(machine_fqdn)
    if machine is not None:
        return machine
    domain = user.strip().rpartition("@")[2] if "@" in user else ""
    try:
        return validate_hostname(f"{_SERVICE_LABEL}.{domain}") if domain else ""
    except ValidationError:
        return ""


def validate_hostname(name: str) -> str:
    """A fully-qualified host name for the compose service's `hostname:` (ValidationError on field "hostname"
    otherwise): the compose editor's own rule."""
    from wizard.flow import files  # lazy: the flow's file seam (wizard/flow/files.py)

    return files.validate_hostname(name)


def machine_fqdn() -> str:
    """This machine's fully-qualified name as the system's name service says (may be only `localhost`)."""
    try:
        return socket.getfqdn()
    except OSError:  # pragma: no cover - getfqdn falls back to the host name itself
        return ""


def prefill(flow: HostnameOwner) -> None:
    """On entering the Test page: the field's first value, unless the user typed one."""
    if own_name(flow) is None or FIELD in flow.touched or flow.answers.hostname.strip():
        return
    if flow.machine_fqdn is None:
        flow.machine_fqdn = machine_fqdn()  # once per run: the name service may be slow
    flow.answers.hostname = suggested_hostname(flow.machine_fqdn, flow.answers.user)


def field_problem(flow: HostnameFacts) -> str | None:
    """Why the typed name cannot be set (shown at the field; never blocks Next, nothing is set until asked)."""
    text = flow.answers.hostname
    if not text.strip():
        return None
    try:
        validate_hostname(text)
    except ValidationError as exc:
        return str(exc)
    return None


def _typed(flow: HostnameFacts) -> str | None:
    try:
        return validate_hostname(flow.answers.hostname)
    except ValidationError:
        return None


def questions(flow: HostnameFacts) -> list[Question]:
    name = own_name(flow)
    if name is None:
        return []
    return [
        Question(
            name=FIELD,
            kind=Kind.TEXT,
            label=tr("ehlo_offer.field", service=name.service),
            help=tr("ehlo_offer.field_help", name=name.name),
            value=flow.answers.hostname,
            problem=field_problem(flow),
            placeholder="mail.example.com",
        )
    ]


def messages(flow: HostnameFacts) -> list[Message]:
    name = own_name(flow)
    if name is None or flow.compose_hostname is None:
        return []
    return [Message(tr("ehlo_offer.chosen", name=flow.compose_hostname, service=name.service))]


def actions(flow: HostnameFacts) -> list[Action]:
    name = own_name(flow)
    if name is None:
        return []
    found: list[Action] = []
    typed = _typed(flow)
    if typed is not None and typed != flow.compose_hostname:
        found.append(Action(SET, tr("ehlo_offer.set", name=typed)))  # short: one button row at 80 columns
    if flow.compose_hostname is not None:
        found.append(Action(UNSET, tr("ehlo_offer.unset")))
    return found


def act(flow: HostnameOwner, action_id: str) -> None:
    """Set or take back the `hostname:` to write; the test is run anew (the face starts it: `flow.test` is
    None), since the EHLO name it sends changed."""
    if action_id == SET:
        typed = _typed(flow)
        if typed is None or own_name(flow) is None:
            return  # the action is not offered then: a stale button does nothing
        flow.compose_hostname = typed
    else:
        flow.compose_hostname = None
    flow.test = None
