"""Warnings: things that do not stop the wizard but that the user must know, because the server will not do
what the test did (SPEC §2, §4 rev 2). First-class results: the probe report and the apply plan carry a list
of them, and every face renders them (GUI Test and Summary pages, human CLI output, JSON `"warnings"`).

Each warning is a stable code plus the facts its text needs, so a face renders it in its current language.
The texts are `warning.<code>` in `resources/i18n/server_truth.toml`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from wizard.core.i18n import tr
from wizard.core.name_syntax import InvalidName, ascii_name, special_use_domains
from wizard.core.settings import Security, Settings, is_address


class WarningCode(StrEnum):
    LOGIN_NOT_ADDRESS = "login_not_address"  # the server sends as `user`, which is no mail address
    EXTRA_CA = "extra_ca"  # the test trusted --ca-file; the server has no such option
    DOMAIN_NOT_PUBLIC = "domain_not_public"  # the address's domain cannot receive mail from the internet
    # The server's EHLO name has no dot: strict relays refuse it (wizard/core/ehlo_name.py).
    EHLO_MACHINE_NOT_FQDN = "ehlo_machine_not_fqdn"
    EHLO_COMPOSE_NOT_FQDN = "ehlo_compose_not_fqdn"
    EHLO_CONTAINER_ID = "ehlo_container_id"


@dataclass(frozen=True)
class SetupWarning:
    """One warning; `text` renders it in `lang` (default: the current language)."""

    code: WarningCode
    params: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return tr(f"warning.{self.code}", lang, **dict(self.params))

    def to_json(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": self.text(), **dict(self.params)}


# Names that never reach the public DNS besides IANA's special-use names (`name_syntax.special_use_domains`,
# RFC 6761: local, localhost, test, invalid, onion, arpa incl. home.arpa): `internal` (reserved by ICANN for private
# use, 2024), and `corp`, `home`, `mail` (never delegated, ICANN name-collision decision 2018) and `lan`
# (a common private suffix that is no top-level domain).
_NOT_PUBLIC = ("internal", "corp", "home", "mail", "lan")


def _public_domain_problem(domain: str) -> bool:
    """Whether mail from `domain` cannot be delivered across the internet: an IP literal, a single label
    (`localhost`, an internal host), or an IANA special-use name (`.local`, `.test`, `.internal`, …; RFC 6761,
    as listed by email-validator)."""
    text = domain.lower().rstrip(".")
    if text.startswith("["):
        return True
    try:
        ipaddress.ip_address(text)
    except ValueError:
        pass
    else:
        return True
    try:
        text = ascii_name(text) if not text.isascii() else text
    except InvalidName:
        return True
    if "." not in text:
        return True
    return any(text == name or text.endswith("." + name) for name in (*special_use_domains(), *_NOT_PUBLIC))


def address_warnings(address: str) -> list[SetupWarning]:
    """Warnings about a sender address the server accepts but the internet may not."""
    domain = address.rpartition("@")[2]
    if domain and _public_domain_problem(domain):
        return [SetupWarning(WarningCode.DOMAIN_NOT_PUBLIC, (("address", address), ("domain", domain)))]
    return []


def user_warnings(user: str) -> list[SetupWarning]:
    """What the server, sending as `user`, will do that a person may not expect."""
    if not is_address(user):
        return [SetupWarning(WarningCode.LOGIN_NOT_ADDRESS, (("login", user),))]
    return address_warnings(user)


def settings_warnings(settings: Settings) -> list[SetupWarning]:
    """What the server will do differently from what a person may expect, from the settings alone."""
    return user_warnings(settings.user)


def extra_ca_warning(ca_file: Path | None, security: Security) -> list[SetupWarning]:
    """A test that trusted `ca_file` over TLS: the server has no CA option, so its host (or container image)
    must trust that CA itself, or it refuses the certificate the test accepted."""
    if ca_file is None or security is Security.NONE:
        return []
    return [SetupWarning(WarningCode.EXTRA_CA, (("ca_file", str(ca_file)),))]


def render(warnings: list[SetupWarning], lang: str | None = None) -> list[str]:
    return [w.text(lang) for w in warnings]
