"""A suggested submission server: where it came from, whether it answered, and how it ranks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from wizard.core.providers import LOGIN_FORMS, Provider
from wizard.core.settings import Security


class Source(StrEnum):
    PROVIDER_TABLE = "provider-table"  # the address's domain is a known provider's own domain
    SRV = "srv"  # the domain publishes RFC 6186 / RFC 8314 SRV records
    AUTOCONFIG = "autoconfig"  # the domain publishes a Thunderbird autoconfig document
    ISPDB = "ispdb"  # Thunderbird's public database knows the domain (or its MX host's base domain)
    MX = "mx"  # the domain's MX points at a known provider
    GUESS = "guess"  # smtp./mail./bare domain answered on 465 or 587


# Lower ranks first. The table is first: an exact domain match is a checked fact; SRV records and an
# autoconfig document are the domain owner's own statements; the ISPDB is a third party's collection; an MX
# match is an inference; a guess only proves that something answers.
SOURCE_RANK = {
    Source.PROVIDER_TABLE: 0,
    Source.SRV: 1,
    Source.AUTOCONFIG: 1,
    Source.ISPDB: 2,
    Source.MX: 3,
    Source.GUESS: 4,
}
# RFC 8314: implicit TLS is preferred over STARTTLS.
SECURITY_RANK = {Security.SMTPS: 0, Security.STARTTLS: 1, Security.NONE: 2}

Rank = tuple[int, int, int]


class Unusable(StrEnum):
    """Why a published entry cannot be used: the server could not be configured that way."""

    SMTPS_PORT = "smtps-port"  # implicit TLS on a port other than 465 (SPEC §2)
    CLEARTEXT_PASSWORD = "cleartext-password"  # a password over an unencrypted connection to a remote host
    AUTH_METHOD = "auth-method"  # only sign-in methods the server does not speak (e.g. OAuth2 only)


@dataclass(frozen=True)
class Candidate:
    """One suggestion. Stable shape for the faces (GUI, terminal wizard, CLI): match rows by `key`.

    `login` is what to enter as login name ("" when the provider issues one: then `login_form` says what it
    is); `usable` is False for a published entry the server cannot express, with the reason in `unusable`;
    such an entry is shown but never verified and never preferred."""

    host: str
    port: int
    security: Security
    source: Source
    login: str = ""  # the login to fill in; empty when the provider issues one (see login_form)
    login_form: str = "address"  # a providers.LOGIN_FORMS member, "literal", or "none" (a relay: no login)
    provider_id: str = ""
    provider_name: str = ""
    hint_id: str = ""  # message id of the provider's login hint
    verified: bool = False  # a TLS handshake and EHLO succeeded
    checked: bool = False  # a verification finished (verified tells how)
    unusable: Unusable | None = None  # set: shown with this reason, never verified or preferred

    @property
    def usable(self) -> bool:
        return self.unusable is None

    @property
    def key(self) -> tuple[str, int, Security]:
        """What makes two suggestions the same: the GUI updates a row by this key."""
        return (self.host, self.port, self.security)

    def rank(self, *, assume_verified: bool | None = None) -> Rank:
        """(answered, source, security), lower is better; an unusable entry comes after every other."""
        verified = self.verified if assume_verified is None else assume_verified
        answered = 0 if verified else 1 if self.usable else 2
        return (answered, SOURCE_RANK[self.source], SECURITY_RANK[self.security])

    def with_result(self, verified: bool) -> Candidate:
        return replace(self, verified=verified, checked=True)

    def to_json(self) -> dict[str, object]:
        return {
            "host": self.host,
            "port": self.port,
            "security": str(self.security),
            "login": self.login,
            "source": str(self.source),
            "verified": self.verified,
            "login_form": self.login_form,
            "provider": self.provider_id or None,
            "usable": self.usable,
            "unusable_reason": str(self.unusable) if self.unusable else None,
        }


def from_provider(provider: Provider, source: Source, address: str) -> Candidate:
    """The provider's submission server, with the login filled in where the table says what it is."""
    if provider.login == "address":
        login, form = address, "address"
    elif provider.login == "local-part":
        login, form = address.rpartition("@")[0], "local-part"
    elif provider.login in LOGIN_FORMS:
        login, form = "", provider.login
    else:
        login, form = provider.login, "literal"
    return Candidate(
        host=provider.host,
        port=provider.port,
        security=provider.security,
        source=source,
        login=login,
        login_form=form,
        provider_id=provider.id,
        provider_name=provider.name,
        hint_id=provider.hint,
    )
