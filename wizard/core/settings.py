"""The settings model: what the user chose, validated field by field with precise, localized errors.

Plain data, no I/O. The GUI validates each field as the user types with the same functions the CLI uses.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from wizard.core.address_reasons import localized_reason
from wizard.core.endpoint import ascii_domain, check_endpoint, check_no_expansion, normalize_host, server_address
from wizard.core.errors import ValidationError
from wizard.core.i18n import tr
from wizard.core.modes import DEFAULT_PORTS as DEFAULT_PORTS
from wizard.core.modes import Security as Security
from wizard.core.name_syntax import InvalidLocalPart, local_part
from wizard.core.secret import Secret


class SecretSource(StrEnum):
    NEW = "new"  # a value the user typed (or piped in)
    KEEP = "keep"  # the one already in .env stays as it is
    NONE = "none"  # no secret: `secret` is left out of [smtp]


DEFAULT_SECRET_VAR = "SMTP_SECRET"

_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _no_line_breaks(field_name: str, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValidationError(field_name, "validation.line_break")


def _invalid(field_name: str, text: str, reason: str) -> ValidationError:
    return ValidationError(field_name, "validation.address_invalid", address=text, reason=reason)


def _address_domain(domain: str, field_name: str, text: str) -> str:
    """The domain of an address as lettre's `Address` accepts it: a DNS name (IDN, a single label such as
    `localhost`, special-use names such as `.local` or `.test` all allowed) or an IP address in brackets."""
    if domain.startswith("[") and domain.endswith("]"):
        literal = domain[1:-1].removeprefix("IPv6:")
        try:
            ipaddress.ip_address(literal)
        except ValueError:
            raise _invalid(field_name, text, tr("validation.reason.domain")) from None
        return domain
    try:
        ascii_domain(domain, field_name)
    except ValidationError as exc:
        raise _invalid(field_name, text, exc.message) from None
    return domain.lower()


def validate_address(value: str, field_name: str = "sender") -> str:
    """A mail address as BOMnipotent's mail library (lettre's `Address`) accepts it; returned normalised (the
    domain in lower case, an IDN domain kept readable). Unlike email-validator's defaults, domains that
    cannot receive internet mail (`corp.local`, `example.test`, `localhost`) are accepted: internal relays
    use them. `warnings.address_warnings` says so in words. Raises ValidationError (`field_name`)."""
    _no_line_breaks(field_name, value)
    text = value.strip()
    if not text:
        raise ValidationError(field_name, "validation.address_empty")
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:  # said in the catalogue's words, like the library's reasons below
        missing = "validation.reason.no_at" if not at else "validation.reason.empty_part"
        raise _invalid(field_name, text, tr(missing))
    domain = _address_domain(domain, field_name, text)
    # The local part alone, by email-validator's syntax rules (RFC 5321/5322, SMTPUTF8 allowed). The real
    # domain is checked above: email-validator would refuse special-use and single-label domains.
    try:
        normalized = local_part(local)
    except InvalidLocalPart as exc:  # the library's English reason, said in the user's language
        raise _invalid(field_name, text, localized_reason(str(exc))) from None
    return f"{normalized}@{domain}"


def validate_user(value: str, *, require_address: bool = False) -> str:
    """The login name written as `user`: normally the mail address, sometimes a provider's fixed login such as
    `apikey`. A login with `@` is meant as an address and must be one; any other login is accepted (whether it
    is an address is `is_address`'s question). Returned as typed, stripped: AUTH sends it exactly so."""
    _no_line_breaks("user", value)
    text = value.strip()
    if not text:
        raise ValidationError("user", "validation.login_empty")
    if _CONTROL.search(text):
        raise ValidationError("user", "validation.control_char")
    check_no_expansion("user", text)
    if "@" in text or require_address:
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
    """A bare host name or IP address as it will be written (see `endpoint.normalize_host`)."""
    return normalize_host(value)


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
        user = server_address(validate_user(self.user))  # written, logged in with and sent from as such
        host = validate_host(self.host)
        port = validate_port(self.port)
        security = Security(self.security)
        var = validate_var_name(self.secret_var)
        secret = self.secret
        if self.secret_source is SecretSource.NEW:
            if secret is None:
                raise ValidationError("secret", "validation.secret_empty")
            secret = validate_secret(secret.reveal())
        check_endpoint(host, port, security)
        return Settings(
            user=user,
            host=host,
            port=port,
            security=security,
            secret_var=var,
            secret_source=self.secret_source,
            secret=secret,
        )
