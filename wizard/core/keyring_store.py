"""Optional "remember in the system keyring": a convenience for the wizard, never the server's source of truth.

The server reads the secret from `.env`; the keyring only lets the wizard offer a secret it saw before.
Entries live under service `smtp-wizard`, account `<login>@<host>`.

Which keyring: the one `keyring` resolves (configuration, `keyring.set_keyring`, else its highest priority
backend), or an injected backend. A chainer is unpacked and its backends ranked by priority, so the secret
goes to the best *secure* backend and is never passed down to a plaintext one behind the user's back.
Secure means what keyring itself calls recommended: priority of 1 or more, and not one of the
keyrings.alt backends (plaintext files, or an encrypted file that asks for its password on the terminal).
Insecure backends are refused unless a caller says `allow_insecure=True` (tests only), and then the answer
says the file is unencrypted.

The keyring seam: `keyring` (about 70 ms: it loads its backends through entry points, D-Bus) is imported
in two places only, `ranked_backends` (which backend) and `_guarded` (one operation on it, keyring's errors
said as ours), so no first screen waits for it. The calls may block (D-Bus, an unlock prompt): the GUI runs
them off its thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Literal, TypeVar

from wizard.core.errors import WizardError
from wizard.core.i18n import tr
from wizard.core.secret import Secret

if TYPE_CHECKING:
    from collections.abc import Callable

    from keyring.backend import KeyringBackend

_T = TypeVar("_T")

SERVICE = "smtp-wizard"
RECOMMENDED_PRIORITY = 1.0  # keyring's own rule of thumb: below 1 is "suitable", 1 and above "recommended"

# Display names (catalogue ids) of the backends an operator may recognise; others show keyring's own name.
_DISPLAY_NAMES = {
    "keyring.backends.SecretService.Keyring": "keyring.backend.secret_service",
    "keyring.backends.libsecret.Keyring": "keyring.backend.libsecret",
    "keyring.backends.kwallet.DBusKeyring": "keyring.backend.kwallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "keyring.backend.kwallet",
    "keyring.backends.macOS.Keyring": "keyring.backend.macos",
    "keyring.backends.Windows.WinVaultKeyring": "keyring.backend.windows",
    "keyring.backends.fail.Keyring": "keyring.backend.none",
    "keyring.backends.null.Keyring": "keyring.backend.none",
    "keyring.backends.chainer.ChainerBackend": "keyring.backend.none",
}


class Kind(Enum):
    """What a backend is, as far as keeping a secret safe goes."""

    SECURE = "secure"
    PLAINTEXT = "plaintext"  # readable by anyone who can read the file
    TERMINAL = "terminal"  # encrypted file whose password is asked for on the terminal: no use in a GUI
    WEAK = "weak"  # some other backend keyring itself does not recommend
    NONE = "none"  # nothing stores anything (fail / null, or not viable here)


_REASONS = {
    Kind.PLAINTEXT: "keyring.reason.plaintext",
    Kind.TERMINAL: "keyring.reason.terminal",
    Kind.WEAK: "keyring.reason.weak",
    Kind.NONE: "keyring.reason.none",
}


@dataclass(frozen=True)
class KeyringStatus:
    """Whether the wizard may offer "remember in the system keyring", and if not, why (localized)."""

    usable: bool
    backend: str  # display name of the backend that would be used (or was considered)
    priority: float
    reason: str = ""  # empty when usable


class KeyringUnavailable(WizardError):
    """No usable keyring: the option is disabled. The message is the reason."""


class KeyringProblem(WizardError):
    """The keyring refused an operation (locked, D-Bus gone, ...). The `.env` is unaffected."""


def account(login: str, host: str) -> str:
    """The keyring account of one login at one server; host names are case-insensitive."""
    return f"{login}@{host.strip().lower()}"


def _qualified(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: KeyringBackend) -> float:
    try:
        return float(backend.priority)
    except Exception:  # a backend raises (RuntimeError, ImportError, ...) when it is not viable here
        return 0.0


def kind_of(backend: KeyringBackend) -> Kind:
    qualified = _qualified(backend)
    if qualified in ("keyring.backends.fail.Keyring", "keyring.backends.null.Keyring") or _priority(backend) <= 0:
        return Kind.NONE
    if "plaintext" in type(backend).__name__.lower():
        return Kind.PLAINTEXT
    if qualified.startswith("keyrings.alt.") and "encrypted" in type(backend).__name__.lower():
        return Kind.TERMINAL
    if qualified.startswith("keyrings.alt.") or _priority(backend) < RECOMMENDED_PRIORITY:
        return Kind.WEAK
    return Kind.SECURE


def display_name(backend: KeyringBackend) -> str:
    msg_id = _DISPLAY_NAMES.get(_qualified(backend))
    if msg_id:
        return tr(msg_id)
    if kind_of(backend) is Kind.PLAINTEXT:
        return tr("keyring.backend.plaintext_file")
    return str(type(backend).name)


def ranked_backends(active: KeyringBackend | None = None) -> list[KeyringBackend]:
    """The backends behind `active` (default: keyring's current one), best first: secure ones by priority,
    then the rest by priority. A chainer is unpacked, since it would otherwise fall through to anything."""
    import keyring.backends.chainer  # lazy: the keyring seam (this module's docstring)

    active = keyring.get_keyring() if active is None else active
    members = list(active.backends) if isinstance(active, keyring.backends.chainer.ChainerBackend) else []
    members = members or [active]  # a chainer with nothing to chain stays itself: priority -1, no keyring
    return sorted(members, key=lambda b: (kind_of(b) is Kind.SECURE, _priority(b)), reverse=True)


def _choose(backend: KeyringBackend | None, allow_insecure: bool) -> tuple[KeyringBackend, KeyringStatus]:
    best = ranked_backends(backend)[0]
    kind = kind_of(best)
    usable = kind is Kind.SECURE or (allow_insecure and kind is not Kind.NONE)
    name = display_name(best)
    reason = "" if usable else tr(_REASONS[kind], backend=name)
    return best, KeyringStatus(usable=usable, backend=name, priority=_priority(best), reason=reason)


def keyring_status(backend: KeyringBackend | None = None, *, allow_insecure: bool = False) -> KeyringStatus:
    """Whether the keyring option can be offered, with the backend's name and, if not, the reason to show."""
    return _choose(backend, allow_insecure)[1]


def _usable(backend: KeyringBackend | None, allow_insecure: bool) -> KeyringBackend:
    chosen, status = _choose(backend, allow_insecure)
    if not status.usable:
        raise KeyringUnavailable("keyring.unavailable", reason=status.reason)
    return chosen


class _NothingStored(Exception):
    """keyring's PasswordDeleteError from a delete: there was no secret to remove."""


# What failed, said when the keyring refuses an operation for another reason than being locked.
_FAILED = {"store": "keyring.error.store", "read": "keyring.error.read", "delete": "keyring.error.delete"}


def _guarded(chosen: KeyringBackend, operation: Literal["store", "read", "delete"], call: Callable[[], _T]) -> _T:
    """`call()`, the `operation` on `chosen`, with keyring's errors said as KeyringProblem: a locked keyring
    (`keyring.error.locked`), else what failed (`_FAILED`); a delete that finds nothing raises _NothingStored."""
    from keyring.errors import KeyringError, KeyringLocked, PasswordDeleteError  # lazy: the keyring seam

    try:
        return call()
    except PasswordDeleteError as exc:
        if operation == "delete":
            raise _NothingStored from None
        raise KeyringProblem(_FAILED[operation], backend=display_name(chosen)) from exc
    except KeyringLocked as exc:
        raise KeyringProblem("keyring.error.locked", backend=display_name(chosen)) from exc
    except KeyringError as exc:
        raise KeyringProblem(_FAILED[operation], backend=display_name(chosen)) from exc


def remember(
    login: str,
    host: str,
    secret: Secret,
    *,
    backend: KeyringBackend | None = None,
    allow_insecure: bool = False,
) -> str:
    """Store (or replace) the secret; returns a localized sentence saying exactly where it went."""
    chosen = _usable(backend, allow_insecure)
    who = account(login, host)
    _guarded(chosen, "store", lambda: chosen.set_password(SERVICE, who, secret.reveal()))
    if kind_of(chosen) is Kind.PLAINTEXT:
        path = getattr(chosen, "file_path", "?")
        return tr("keyring.stored_plaintext", path=str(path), service=SERVICE, account=who)
    return tr("keyring.stored", backend=display_name(chosen), service=SERVICE, account=who)


def recall(
    login: str, host: str, *, backend: KeyringBackend | None = None, allow_insecure: bool = False
) -> Secret | None:
    """The remembered secret for this login and server, or None when there is none."""
    chosen = _usable(backend, allow_insecure)
    value = _guarded(chosen, "read", lambda: chosen.get_password(SERVICE, account(login, host)))
    return Secret(value) if value else None


def forget(login: str, host: str, *, backend: KeyringBackend | None = None, allow_insecure: bool = False) -> bool:
    """Remove the remembered secret; True if there was one. Forgetting nothing is not an error."""
    chosen = _usable(backend, allow_insecure)
    try:
        _guarded(chosen, "delete", lambda: chosen.delete_password(SERVICE, account(login, host)))
    except _NothingStored:
        return False
    return True
