"""The optional system keyring, against real keyring backends: keyrings.alt's file backend in a temp folder
(allowed only explicitly, since it is plaintext) and keyring's fail backend (what headless Linux gets)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.backends.fail import Keyring as FailKeyring
from keyrings.alt.file import PlaintextKeyring

from wizard.core import i18n
from wizard.core.i18n import tr
from wizard.core.keyring_store import (
    SERVICE,
    KeyringUnavailable,
    account,
    forget,
    keyring_status,
    recall,
    remember,
)
from wizard.core.secret import Secret

LOGIN = "mailer@example.com"
HOST = "smtp.example.com"
SECRET = Secret('app-pässword $1 "x"')


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def file_keyring(tmp_path: Path, restore_keyring: None) -> PlaintextKeyring:
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_keyring(restore_keyring: None) -> None:
    keyring.set_keyring(FailKeyring())


def unregistered(cls: type[KeyringBackend]) -> type[KeyringBackend]:
    """keyring registers every backend class it sees; a test's own class must not leak into the resolution
    of the default keyring (other tests, the GUI) in this process."""
    KeyringBackend._classes.discard(cls)  # type: ignore[attr-defined]
    return cls


@unregistered
class MemoryKeyring(KeyringBackend):
    """A complete, recommended-priority backend holding entries in a dict: stands in for the desktop's keyring,
    which a test machine does not run."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


def test_remember_stores_the_secret_in_the_file_backend_under_service_and_account(
    file_keyring: PlaintextKeyring,
) -> None:
    remember(LOGIN, HOST, SECRET, allow_insecure=True)
    assert file_keyring.get_password(SERVICE, f"{LOGIN}@{HOST}") == SECRET.reveal()


def test_remember_says_where_the_secret_went_including_that_the_file_is_unencrypted(
    file_keyring: PlaintextKeyring,
) -> None:
    where = remember(LOGIN, HOST, SECRET, allow_insecure=True)
    assert file_keyring.file_path in where
    assert "UNENCRYPTED" in where
    assert SECRET.reveal() not in where


def test_recall_offers_the_remembered_secret(file_keyring: PlaintextKeyring) -> None:
    remember(LOGIN, HOST, SECRET, allow_insecure=True)
    assert recall(LOGIN, HOST, allow_insecure=True) == SECRET


def test_recall_offers_nothing_when_nothing_was_remembered(file_keyring: PlaintextKeyring) -> None:
    assert recall(LOGIN, HOST, allow_insecure=True) is None


def test_remember_again_replaces_the_secret(file_keyring: PlaintextKeyring) -> None:
    remember(LOGIN, HOST, SECRET, allow_insecure=True)
    remember(LOGIN, HOST, Secret("the new one"), allow_insecure=True)
    assert recall(LOGIN, HOST, allow_insecure=True) == Secret("the new one")


def test_forget_removes_the_secret(file_keyring: PlaintextKeyring) -> None:
    remember(LOGIN, HOST, SECRET, allow_insecure=True)
    assert forget(LOGIN, HOST, allow_insecure=True) is True
    assert recall(LOGIN, HOST, allow_insecure=True) is None


def test_forgetting_what_was_never_remembered_is_not_an_error(file_keyring: PlaintextKeyring) -> None:
    assert forget(LOGIN, HOST, allow_insecure=True) is False


def test_secrets_are_kept_apart_per_login_and_server(file_keyring: PlaintextKeyring) -> None:
    remember(LOGIN, HOST, SECRET, allow_insecure=True)
    remember("other@example.com", HOST, Secret("other"), allow_insecure=True)
    remember(LOGIN, "smtp.elsewhere.org", Secret("elsewhere"), allow_insecure=True)
    assert recall(LOGIN, HOST, allow_insecure=True) == SECRET


def test_the_account_ignores_the_case_of_the_host_name() -> None:
    assert account(LOGIN, " SMTP.Example.COM ") == account(LOGIN, HOST) == f"{LOGIN}@{HOST}"


def test_plaintext_backend_is_not_offered_and_the_reason_says_it_is_unencrypted(
    file_keyring: PlaintextKeyring,
) -> None:
    status = keyring_status()
    assert status.usable is False
    assert status.reason == tr("keyring.reason.plaintext", backend=tr("keyring.backend.plaintext_file"))


def test_plaintext_backend_never_receives_the_secret_without_explicit_allowance(
    file_keyring: PlaintextKeyring,
) -> None:
    with pytest.raises(KeyringUnavailable):
        remember(LOGIN, HOST, SECRET)
    assert not Path(file_keyring.file_path).exists()


def test_fail_backend_disables_the_option_with_its_reason(no_keyring: None) -> None:
    status = keyring_status(allow_insecure=True)
    assert (status.usable, status.reason) == (False, tr("keyring.reason.none"))


def test_fail_backend_reason_is_given_in_german(no_keyring: None) -> None:
    i18n.set_language("de")
    assert "kein Schlüsselbund" in keyring_status().reason


def test_recall_on_the_fail_backend_raises_the_reason_instead_of_a_keyring_error(no_keyring: None) -> None:
    with pytest.raises(KeyringUnavailable, match="No system keyring"):
        recall(LOGIN, HOST)


def test_a_recommended_backend_is_usable_and_named_with_its_priority() -> None:
    status = keyring_status(MemoryKeyring())
    assert (status.usable, status.priority, status.reason) == (True, 5.0, "")


def test_an_injected_backend_wins_over_the_configured_one(no_keyring: None) -> None:
    memory = MemoryKeyring()
    where = remember(LOGIN, HOST, SECRET, backend=memory)
    assert memory.entries == {(SERVICE, account(LOGIN, HOST)): SECRET.reveal()}
    assert SECRET.reveal() not in where


def test_a_chainer_puts_the_secret_in_its_secure_member_never_the_plaintext_file(tmp_path: Path) -> None:
    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path / "keyring_pass.cfg")
    plaintext.priority = 50  # ranked first by priority alone
    memory = MemoryKeyring()

    @unregistered
    class Chain(ChainerBackend):
        backends: ClassVar[list[Any]] = [plaintext, memory]

    remember(LOGIN, HOST, SECRET, backend=Chain())
    assert memory.entries and not Path(plaintext.file_path).exists()
