"""The one mapping between the user's settings and BOMnipotent's `[smtp]` table (SPEC §2).

Both the writer and the probe go through here: the probe connects along `route_for(settings)`, which is
computed by interpreting the very table the writer will write, the way the server interprets it. So a
passing probe means the server will connect the same way.

| security  | port        | endpoint                        | starttls |
|-----------|-------------|---------------------------------|----------|
| smtps     | 465         | host                            | omitted  |
| starttls  | 587         | host                            | true     |
| starttls  | other       | smtp://host:port?tls=required   | omitted  |
| none      | any         | smtp://host:port                | omitted  |
| smtps     | not 465     | refused (cannot be expressed)   |          |
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from wizard.core.errors import ValidationError
from wizard.core.settings import DEFAULT_PORTS, Security, Settings

MARKER = "smtp://"
_SECRET_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class SmtpTable:
    """The four keys the server knows, as they are written. `None` means the key is left out."""

    user: str
    endpoint: str
    secret: str | None = None  # a `${NAME}` reference, never the secret itself
    starttls: bool | None = None

    def keys_written(self) -> dict[str, str | bool]:
        """The keys as they stand in the file, in the documented order; left-out keys are absent."""
        written: dict[str, str | bool] = {"user": self.user, "endpoint": self.endpoint}
        if self.secret is not None:
            written["secret"] = self.secret
        if self.starttls is not None:
            written["starttls"] = self.starttls
        return written


@dataclass(frozen=True)
class Route:
    """Where and how the server connects: what the probe must do to test the same thing."""

    host: str
    port: int
    security: Security


def _url_host(host: str) -> str:
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]"
    except ValueError:
        pass
    return host


def secret_reference(var_name: str) -> str:
    return "${" + var_name + "}"


def smtp_table_for(settings: Settings) -> SmtpTable:
    """What is written into `[smtp]` for these (validated) settings."""
    host, port, security = settings.host, settings.port, settings.security
    secret = None if settings.secret_source == "none" else secret_reference(settings.secret_var)
    if security is Security.SMTPS:
        if port != DEFAULT_PORTS[Security.SMTPS]:
            raise ValidationError("port", "validation.implicit_tls_port", port=port)
        return SmtpTable(user=settings.user, endpoint=host, secret=secret)
    if security is Security.STARTTLS:
        if port == DEFAULT_PORTS[Security.STARTTLS]:
            return SmtpTable(user=settings.user, endpoint=host, secret=secret, starttls=True)
        return SmtpTable(user=settings.user, endpoint=f"{MARKER}{_url_host(host)}:{port}?tls=required", secret=secret)
    return SmtpTable(user=settings.user, endpoint=f"{MARKER}{_url_host(host)}:{port}", secret=secret)


def route_for_table(endpoint: str, starttls: bool | None) -> Route:
    """How the server interprets `endpoint` and `starttls` (lettre's URL rules behind the `smtp://` marker)."""
    text = endpoint.strip()
    if not text:
        raise ValidationError("endpoint", "endpoint.empty")
    if not text.startswith(MARKER):
        if "://" in text:
            # e.g. smtps://: the marker rule does not match, so the server would take it for a host name.
            raise ValidationError("endpoint", "endpoint.unknown_scheme", endpoint=text)
        if "/" in text or (":" in text.replace("::", "") and not _is_ip(text)):
            raise ValidationError("endpoint", "endpoint.bare_host_invalid", endpoint=text)
        if starttls:
            return Route(text, DEFAULT_PORTS[Security.STARTTLS], Security.STARTTLS)
        return Route(text, DEFAULT_PORTS[Security.SMTPS], Security.SMTPS)
    parts = urlsplit(text)
    if parts.username or parts.password:
        raise ValidationError("endpoint", "endpoint.credentials_in_url")
    if parts.path not in ("", "/") or parts.fragment:
        raise ValidationError("endpoint", "endpoint.url_invalid", endpoint=text)
    try:
        port_in_url = parts.port
    except ValueError:
        raise ValidationError("endpoint", "endpoint.url_invalid", endpoint=text) from None
    host = parts.hostname or ""
    if not host:
        raise ValidationError("endpoint", "endpoint.url_invalid", endpoint=text)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    tls = query.pop("tls", None)
    if query or tls not in (None, "required"):
        raise ValidationError("endpoint", "endpoint.url_option", endpoint=text)
    if tls == "required":
        return Route(host, port_in_url or DEFAULT_PORTS[Security.STARTTLS], Security.STARTTLS)
    return Route(host, port_in_url or DEFAULT_PORTS[Security.NONE], Security.NONE)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def route_for(settings: Settings) -> Route:
    """The route the probe takes: derived from the written table, never from the settings directly."""
    table = smtp_table_for(settings)
    return route_for_table(table.endpoint, table.starttls)


def secret_var_of(reference: str) -> str | None:
    """`SMTP_SECRET` for `"${SMTP_SECRET}"`; None when the value is not a single reference."""
    match = _SECRET_REF.fullmatch(reference.strip())
    return match.group(1) if match else None


@dataclass(frozen=True)
class ReadBack:
    """What an existing `[smtp]` table says, in the settings' terms (the inverse of the table)."""

    user: str
    host: str
    port: int
    security: Security
    secret_var: str | None  # None: no `secret` key
    secret_literal: bool  # the secret is written in config.toml itself, not as a reference


def settings_from_table(user: str, endpoint: str, secret: str | None, starttls: bool | None) -> ReadBack:
    route = route_for_table(endpoint, starttls)
    var = secret_var_of(secret) if secret is not None else None
    return ReadBack(
        user=user,
        host=route.host,
        port=route.port,
        security=route.security,
        secret_var=var,
        secret_literal=secret is not None and var is None,
    )
