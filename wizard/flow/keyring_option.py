"""The Secret page's optional system keyring, as the flow offers it to every face (SPEC §6: "optional
remember in the system keyring"). The rules live in `wizard.core.keyring_store`; this module decides what the
page shows:

- "Also remember it in the system keyring" (the answer `remember`) only while a new secret is typed and a
  usable keyring exists; otherwise, instead of a dead control, one sentence why it is not offered (on a
  server without a desktop session there usually is none);
- "Use the password remembered in the keyring" (action `use_remembered`) when the keyring holds one for this
  login and server;
- after the files are written, the secret is stored, and the Done page says where (or why not). The keyring
  is a convenience for the next run: its failure changes nothing written.

Keyring calls may block (D-Bus, an unlock prompt), so they run in a worker thread: a face awaits `ask()` when
the page is shown and `remember()` on the Done page.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wizard.core.errors import WizardError
from wizard.core.i18n import tr
from wizard.flow.questions import Action, Kind, Level, Message, Question

if TYPE_CHECKING:
    from wizard.core.keyring_store import KeyringStatus
    from wizard.core.secret import Secret
    from wizard.flow.flow import Flow


@dataclass
class KeyringOption:
    """What the keyring said for one login at one server. `backend`: None for the keyring `keyring` resolves
    (the real program); tests inject a file-based one. `allow_insecure`: tests only (keyrings.alt's file)."""

    backend: Any = None
    allow_insecure: bool = False
    status: KeyringStatus | None = None  # None: not asked yet
    asked_for: tuple[str, str] | None = None  # (login, host) the status and `remembered` are for
    remembered: Secret | None = field(default=None, repr=False)
    problem: str = ""  # a locked or broken keyring, in words
    outcome: str = ""  # after writing: where the secret went, or why not

    @property
    def usable(self) -> bool:
        return self.status is not None and self.status.usable and not self.problem

    def needs_asking(self, flow: Flow) -> bool:
        """Whether the face should (re)ask the keyring: not yet asked for this login and server."""
        return self.asked_for != _who(flow)

    async def ask(self, flow: Flow) -> None:
        """Whether a usable keyring exists, and the secret it remembers for this login and server."""
        from wizard.core import keyring_store

        who = _who(flow)
        self.asked_for, self.problem, self.remembered = who, "", None
        try:
            self.status = await asyncio.to_thread(
                keyring_store.keyring_status, self.backend, allow_insecure=self.allow_insecure
            )
            if self.status.usable and all(who):
                self.remembered = await asyncio.to_thread(
                    keyring_store.recall, *who, backend=self.backend, allow_insecure=self.allow_insecure
                )
        except WizardError as exc:  # locked, D-Bus gone: say so; the option stays off
            self.problem = str(exc)

    def wanted(self, flow: Flow) -> bool:
        """Whether the secret is to be stored after writing: ticked, usable, a new secret, not the skip path."""
        a = flow.answers
        return a.remember and self.usable and a.secret_source == "new" and bool(a.secret) and not a.skip

    async def remember(self, flow: Flow) -> str:
        """Store the written secret; returns (and keeps as `outcome`) the sentence saying where, or why not."""
        from wizard.core import keyring_store
        from wizard.core.secret import Secret

        if not self.wanted(flow):
            return ""
        login, host = _who(flow)
        self.outcome = tr("tui_parity.keyring.saving")
        try:
            self.outcome = await asyncio.to_thread(
                keyring_store.remember,
                login,
                host,
                Secret(flow.answers.secret),
                backend=self.backend,
                allow_insecure=self.allow_insecure,
            )
        except WizardError as exc:
            self.outcome = str(exc)
        return self.outcome


def _who(flow: Flow) -> tuple[str, str]:
    """The keyring account's parts: the login and the server, as the settings will have them."""
    return flow.answers.user.strip(), flow.answers.host.strip()


def questions(flow: Flow) -> list[Question]:
    option = flow.keyring
    if flow.answers.secret_source != "new" or not option.usable:
        return []
    label = tr("tui_parity.keyring.remember")
    status = option.status
    assert status is not None
    return [
        Question(
            name="remember",
            kind=Kind.CHECK,
            label=label,
            help=tr("tui_parity.keyring.remember_help", backend=status.backend),
            value=flow.answers.remember,
        )
    ]


def messages(flow: Flow) -> list[Message]:
    """Why the option is not offered (only where it would be: a new secret), once the keyring was asked."""
    option = flow.keyring
    if flow.answers.secret_source != "new":
        return []
    if option.problem:
        return [Message(option.problem, Level.WARNING)]
    if option.status is None:  # not asked (yet): nothing to say, the page is usable meanwhile
        return []
    if not option.status.usable:
        # one plain sentence; which keyring was found and why it is not used is for the curious ("More…")
        details = tr("tui_parity.keyring.not_offered", reason=option.status.reason)
        return [Message(tr("words_rev3.keyring.env_only"), details=details)]
    if option.remembered is not None:
        return [Message(tr("tui_parity.keyring.has_one"))]
    return []


def actions(flow: Flow) -> list[Action]:
    if flow.keyring.remembered is None or not flow.keyring.usable:
        return []
    return [Action("use_remembered", tr("tui_parity.keyring.use_remembered"))]


def use_remembered(flow: Flow) -> None:
    """Take the remembered secret as the new one (it stays masked; the user may show it)."""
    remembered = flow.keyring.remembered
    if remembered is None:
        return
    a = flow.answers
    a.secret_source, a.secret = "new", remembered.reveal()
    flow.touched.update(("secret_source", "secret"))
