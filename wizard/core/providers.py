"""The built-in provider table (`resources/providers.toml`): typed, validated once, looked up by domain or MX."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from typing import Any

from wizard.core.resources import resource
from wizard.core.settings import Security

# Login forms with a meaning; any other `login` value in the table is the literal login name. `address` and
# `local-part` (the part before the @, Thunderbird's %EMAILLOCALPART%) are filled in from the address; the
# others are issued by the provider and only described.
LOGIN_FORMS = frozenset({"address", "local-part", "iam", "api-key", "token", "account"})


class ProviderTableError(ValueError):
    """The shipped table is malformed: a packaging bug, caught by the tests, never shown to users."""


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    domains: tuple[str, ...]
    mx: tuple[str, ...]  # shell-style patterns for MX host names, lower case, no trailing dot
    host: str
    port: int
    security: Security
    login: str  # a LOGIN_FORMS member or a literal login name
    hint: str  # message id
    spf_include: str | None = None  # the domain a customer's SPF record includes (SPEC §11)
    dkim_selectors: tuple[str, ...] = ()  # where the provider publishes a customer domain's DKIM keys

    def matches_mx(self, mx_host: str) -> bool:
        name = mx_host.lower().rstrip(".")
        return any(fnmatchcase(name, pattern) for pattern in self.mx)


def _strings(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProviderTableError(f"provider {entry.get('id')!r}: {key} must be a list of strings")
    return tuple(v.lower() for v in value)


def _provider(entry: dict[str, Any]) -> Provider:
    try:
        provider = Provider(
            id=str(entry["id"]),
            name=str(entry["name"]),
            domains=_strings(entry, "domains"),
            mx=_strings(entry, "mx"),
            host=str(entry["host"]).lower(),
            port=int(entry["port"]),
            security=Security(entry["security"]),
            login=str(entry["login"]),
            hint=str(entry["hint"]),
            spf_include=str(entry["spf_include"]).lower() if "spf_include" in entry else None,
            dkim_selectors=_strings(entry, "dkim_selectors"),
        )
    except (KeyError, ValueError) as exc:
        raise ProviderTableError(f"provider {entry.get('id')!r}: {exc}") from None
    if provider.security is Security.SMTPS and provider.port != 465:
        # The server speaks implicit TLS only on 465 (SPEC §2): such an entry could never be written.
        raise ProviderTableError(f"provider {provider.id!r}: implicit TLS needs port 465")
    return provider


def parse_providers(text: str) -> tuple[Provider, ...]:
    """The providers described by a table in the `providers.toml` format, in file order."""
    entries = tomllib.loads(text).get("provider", [])
    providers = tuple(_provider(entry) for entry in entries)
    ids = [p.id for p in providers]
    if len(set(ids)) != len(ids):
        raise ProviderTableError("duplicate provider ids")
    return providers


@cache
def providers() -> tuple[Provider, ...]:
    """The shipped table, read once."""
    return parse_providers(resource("providers.toml").read_text(encoding="utf-8"))


def provider_by_id(provider_id: str) -> Provider | None:
    return next((p for p in providers() if p.id == provider_id), None)


def provider_for_domain(domain: str) -> Provider | None:
    """The provider whose own mail domain this is (gmail.com -> Google), if any."""
    name = domain.lower().rstrip(".")
    return next((p for p in providers() if name in p.domains), None)


def provider_for_host(host: str) -> Provider | None:
    """The provider whose submission server this is (smtp.gmail.com -> Google), if any."""
    name = host.lower().rstrip(".")
    return next((p for p in providers() if p.host == name), None)


def provider_for_mx(mx_host: str) -> Provider | None:
    """The first provider (in table order) whose MX patterns match this mail exchanger."""
    return next((p for p in providers() if p.matches_mx(mx_host)), None)
