"""The settings model: what the user chose, validated field by field with precise, localized errors.

Plain data, no I/O. The GUI validates each field as the user types with the same functions the CLI uses.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

import idna
from email_validator import EmailNotValidError, validate_email

from wizard.core.errors import ValidationError
from wizard.core.secret import Secret


class Security(StrEnum):
    SMTPS = "smtps"  # implicit TLS (RFC 8314), port 465
    STARTTLS = "starttls"  # plaintext greeting, then TLS is required
    NONE = "none"  # no encryption: only for a relay on this machine or network


class SecretSource(StrEnum):
    NEW = "new"  # a value the user typed (or piped in)
    KEEP = "keep"  # the one already in .env stays as it is
    NONE = "none"  # no secret: `secret` is left out of [smtp]


DEFAULT_PORTS = {Security.SMTPS: 465, Security.STARTTLS: 587, Security.NONE: 25}
DEFAULT_SECRET_VAR = "SMTP_SECRET"

_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Letters, digits, hyphens, and underscores: not valid in public DNS names, but compose service and container
# names (the docs' relay `smtp_relay`) have them, Docker's DNS resolves them and so does getaddrinfo, which
# the server's SMTP client uses.
_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _no_line_breaks(field_name: str, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValidationError(field_name, "validation.line_break")


def validate_address(value: str, field_name: str = "sender") -> str:
    """A mail address (internationalised domains allowed); returns it normalised (IDN domain kept readable)."""
    _no_line_breaks(field_name, value)
    text = value.strip()
    if not text:
        raise ValidationError(field_name, "validation.address_empty")
    try:
        result = validate_email(text, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        raise ValidationError(field_name, "validation.address_invalid", address=text, reason=str(exc)) from None
    return str(result.normalized)


def validate_user(value: str) -> str:
    """The login name written as `user`: normally the mail address, sometimes a provider's fixed login such as
    `apikey`. A login with `@` is meant as an address and must be one; any other login is accepted (whether it
    is an address is `is_address`'s question). Returned as typed, stripped: AUTH sends it exactly so."""
    _no_line_breaks("user", value)
    text = value.strip()
    if not text:
        raise ValidationError("user", "validation.login_empty")
    if _CONTROL.search(text):
        raise ValidationError("user", "validation.control_char")
    if "@" in text:
        validate_address(text, "user")
    return text


def is_address(value: str) -> bool:
    """Whether `value` is a mail address (then the server's mail says From: that address)."""
    try:
        validate_address(value, "user")
    except ValidationError:
        return False
    return True


def validate_host(value: str) -> str:
    """A bare host name or IP address; an internationalised name is returned in its ASCII (punycode) form."""
    _no_line_breaks("host", value)
    text = value.strip().rstrip(".")
    if not text:
        raise ValidationError("host", "validation.host_empty")
    if "://" in text:
        raise ValidationError("host", "validation.host_scheme", host=text)
    if any(ch.isspace() for ch in text):
        raise ValidationError("host", "validation.host_space", host=text)
    if "/" in text or "?" in text or "#" in text:
        raise ValidationError("host", "validation.host_path", host=text)
    if "@" in text:
        raise ValidationError("host", "validation.host_at", host=text)
    bare = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        pass
    if ":" in text:
        raise ValidationError("host", "validation.host_port", host=text)
    try:
        ascii_name = idna.encode(text, uts46=True).decode("ascii") if not text.isascii() else text.lower()
    except idna.IDNAError:
        raise ValidationError("host", "validation.host_invalid", host=text) from None
    labels = ascii_name.split(".")
    if len(ascii_name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValidationError("host", "validation.host_invalid", host=text)
    return ascii_name


def validate_port(value: int | str) -> int:
    try:
        port = int(str(value).strip())
    except ValueError:
        raise ValidationError("port", "validation.port_number", port=value) from None
    if not 1 <= port <= 65535:
        raise ValidationError("port", "validation.port_range", port=port)
    return port


def validate_var_name(value: str) -> str:
    if not _VAR_NAME.fullmatch(value):
        raise ValidationError("secret_var", "validation.var_name", name=value)
    return value


def validate_secret(value: str) -> Secret:
    if "\x00" in value:
        raise ValidationError("secret", "validation.secret_nul")
    if not value:
        raise ValidationError("secret", "validation.secret_empty")
    return Secret(value)


@dataclass(frozen=True)
class Settings:
    """Everything the wizard asks for. `secret` holds the value for NEW (and the loaded one for KEEP).

    `user` is the login at the mail server, normally the mail address. BOMnipotent's `[smtp]` has no sender
    key: the server sends as `user` (SPEC §2 rev 2), so it is also the test mail's MAIL FROM and From.
    """

    user: str
    host: str
    port: int
    security: Security
    secret_var: str = DEFAULT_SECRET_VAR
    secret_source: SecretSource = SecretSource.NONE
    secret: Secret | None = field(default=None, compare=False)

    @property
    def user_is_address(self) -> bool:
        """Whether the login is a mail address: the server's mail then comes from a real mailbox."""
        return is_address(self.user)

    def with_changes(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    def validated(self) -> Settings:
        """A normalised copy, or the first ValidationError (with the field it concerns)."""
        user = validate_user(self.user)
        host = validate_host(self.host)
        port = validate_port(self.port)
        security = Security(self.security)
        var = validate_var_name(self.secret_var)
        secret = self.secret
        if self.secret_source is SecretSource.NEW:
            if secret is None:
                raise ValidationError("secret", "validation.secret_empty")
            secret = validate_secret(secret.reveal())
        if security is Security.SMTPS and port != DEFAULT_PORTS[Security.SMTPS]:
            raise ValidationError("port", "validation.implicit_tls_port", port=port)
        return Settings(
            user=user,
            host=host,
            port=port,
            security=security,
            secret_var=var,
            secret_source=self.secret_source,
            secret=secret,
        )
