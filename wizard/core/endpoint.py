"""The one place that decides what a value means to the server (SPEC §2), and the one mapping between the
user's settings and BOMnipotent's `[smtp]` table.

The writer, the probe, the GUI's validation and the CLI all go through here: the probe connects along
`route_for(settings)`, which is computed by interpreting the very table the writer will write, the way the
server interprets it. So a passing probe means the server will connect the same way.

| security  | port        | endpoint                        | starttls |
|-----------|-------------|---------------------------------|----------|
| smtps     | 465         | host                            | omitted  |
| starttls  | 587         | host                            | true     |
| starttls  | other       | smtp://host:port?tls=required   | omitted  |
| none      | any         | smtp://host:port                | omitted  |
| smtps     | not 465     | refused (cannot be expressed)   |          |

What the server does with a value, and so what may be written:
- `${NAME}` anywhere in config.toml is replaced by an environment variable, so no written value may contain
  `${` except the secret reference.
- Host names are written in lower case, an internationalised name as punycode (IDNA 2008, UTS #46).
- Behind the `smtp://` marker the server hands the URL to lettre (`SmtpTransport::from_url`, lettre 0.11's
  `connection_url.rs`). Its URL parser treats `smtp:` as a non-special scheme: the host stays as written
  (an IPv6 literal keeps its brackets, non-ASCII is percent-encoded), and lettre resolves that string as
  the host name. So an IPv6 literal cannot be written in the URL forms (`[::1]` is not a name), while the
  bare-host forms take it as it is. A zone id (`fe80::1%eth0`) is refused everywhere.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit

from wizard.core.errors import ValidationError
from wizard.core.modes import DEFAULT_PORTS, Security
from wizard.core.name_syntax import InvalidName, ascii_name

MARKER = "smtp://"
EXPANSION = "${"  # what the server's config loader expands
_SECRET_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
# Host names may also have underscores: not valid in public DNS names, but compose service and container
# names (the docs' relay `smtp_relay`) have them, Docker's DNS resolves them and so does getaddrinfo, which
# the server's SMTP client uses. (A mail domain keeps the stricter rule.)
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)")


# --- values ------------------------------------------------------------------------------------------------


def check_no_expansion(field_name: str, value: str) -> None:
    """Raise ValidationError when `value` contains `${`: the server would replace it by an environment
    variable, so it would not mean what the user typed."""
    if EXPANSION in value:
        raise ValidationError(field_name, "validation.expansion", value=value)


def _no_line_breaks(field_name: str, value: str) -> None:
    if "\r" in value or "\n" in value:
        raise ValidationError(field_name, "validation.line_break")


def ascii_domain(name: str, field_name: str = "host", *, host: bool = False) -> str:
    """A DNS name in the form the server uses: lower case, an internationalised name as punycode (UTS #46).
    Single labels (`localhost`, an internal relay) are fine. Raises ValidationError (validation.host_invalid)."""
    try:
        text = ascii_name(name) if not name.isascii() else name.lower()
    except InvalidName:
        raise ValidationError(field_name, "validation.host_invalid", host=name) from None
    label_rule = _HOST_LABEL if host else _LABEL
    if len(text) > 253 or not all(label_rule.fullmatch(label) for label in text.split(".")):
        raise ValidationError(field_name, "validation.host_invalid", host=name)
    return text


def server_address(address: str) -> str:
    """An address as the wizard writes it: an internationalised domain as punycode, because the server's mail
    library sends a non-ASCII envelope only to a server that offers SMTPUTF8, while the punycode form works
    everywhere. The local part stays as typed: it needs SMTPUTF8 if it is not ASCII."""
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii() or domain.startswith("["):
        return address
    return f"{local}@{ascii_domain(domain, 'user')}"


def normalize_host(value: str) -> str:
    """A bare host name or IP address as it will be written: lower case, IDN as punycode, an IP address in
    its canonical form without brackets. Raises ValidationError (field "host") saying what is wrong."""
    _no_line_breaks("host", value)
    text = value.strip().rstrip(".")
    if not text:
        raise ValidationError("host", "validation.host_empty")
    check_no_expansion("host", text)
    if "://" in text:
        # A URL copied from a browser or a provider's page: name the host it holds as the example.
        inner = urlsplit(text).hostname or ""
        if inner:
            raise ValidationError("host", "validation.host_scheme_named", host=text, bare=inner)
        raise ValidationError("host", "validation.host_scheme", host=text)
    if any(ch.isspace() for ch in text):
        raise ValidationError("host", "validation.host_space", host=text)
    if "/" in text or "?" in text or "#" in text:
        raise ValidationError("host", "validation.host_path", host=text)
    if "@" in text:
        raise ValidationError("host", "validation.host_at", host=text)
    bare = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    if "%" in bare:
        # A zone id names an interface of this machine; the server cannot resolve it (Rust's IpAddr has none).
        raise ValidationError("host", "validation.host_zone_id", host=text)
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        pass
    if ":" in text:
        raise ValidationError("host", "validation.host_port", host=text)
    return ascii_domain(text, host=True)


def is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).version == 6
    except ValueError:
        return False


def uses_url_form(security: Security, port: int) -> bool:
    """Whether the endpoint for this choice is an `smtp://` URL (see the table above)."""
    if security is Security.NONE:
        return True
    return security is Security.STARTTLS and port != DEFAULT_PORTS[Security.STARTTLS]


def check_endpoint(host: str, port: int, security: Security) -> None:
    """Whether host, port and security can be written so that the server connects as the probe does.
    Raises ValidationError: implicit TLS on a port other than 465 (field "port"), an IPv6 literal in the
    `smtp://` forms (field "host"; the message says why and what works instead)."""
    if security is Security.SMTPS and port != DEFAULT_PORTS[Security.SMTPS]:
        raise ValidationError("port", "validation.implicit_tls_port", port=port)
    if uses_url_form(security, port) and is_ipv6(host):
        suggestion = "localhost" if ipaddress.ip_address(host.strip("[]")).is_loopback else ""
        msg_id = "validation.ipv6_in_url_loopback" if suggestion else "validation.ipv6_in_url"
        raise ValidationError("host", msg_id, host=host.strip("[]"), port=port)


# --- the table ---------------------------------------------------------------------------------------------


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


def secret_reference(var_name: str) -> str:
    return "${" + var_name + "}"


def _endpoint(host: str, port: int, security: Security) -> tuple[str, bool | None]:
    check_endpoint(host, port, security)
    if security is Security.SMTPS:
        return host, None
    if security is Security.STARTTLS and port == DEFAULT_PORTS[Security.STARTTLS]:
        return host, True
    if security is Security.STARTTLS:
        return f"{MARKER}{host}:{port}?tls=required", None
    return f"{MARKER}{host}:{port}", None


class EndpointChoice(Protocol):
    """What the mapping reads of the settings (`wizard.core.settings.Settings` is one): the mapping sits below
    the settings module, so it names only these fields instead of importing it."""

    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def security(self) -> str: ...
    @property
    def user(self) -> str: ...
    @property
    def secret_var(self) -> str: ...
    @property
    def secret_source(self) -> str: ...


def smtp_table_for(settings: EndpointChoice) -> SmtpTable:
    """What is written into `[smtp]` for these (validated) settings. Raises ValidationError for a choice the
    server would not read the same way (see `check_endpoint`, `check_no_expansion`)."""
    host = normalize_host(settings.host)
    endpoint, starttls = _endpoint(host, settings.port, Security(settings.security))
    check_no_expansion("user", settings.user)
    secret = None if settings.secret_source == "none" else secret_reference(settings.secret_var)
    return SmtpTable(user=settings.user, endpoint=endpoint, secret=secret, starttls=starttls)


# --- reading: what the server makes of a table -------------------------------------------------------------


def _server_host(host: str, endpoint: str) -> str:
    """The host as the server will look it up, or ValidationError when it cannot (see the module text)."""
    if "%" in host:
        raise ValidationError("endpoint", "endpoint.zone_id", endpoint=endpoint)
    if not host.isascii():
        raise ValidationError("endpoint", "endpoint.host_not_ascii", endpoint=endpoint)
    return host.lower()


def route_for_table(endpoint: str, starttls: bool | None) -> Route:
    """How the server interprets `endpoint` and `starttls` (lettre's URL rules behind the `smtp://` marker).
    Raises ValidationError (field "endpoint") for an endpoint the server cannot use or the wizard cannot model."""
    text = endpoint.strip()
    if not text:
        raise ValidationError("endpoint", "endpoint.empty")
    if not text.startswith(MARKER):
        if "://" in text:
            # e.g. smtps://: the marker rule does not match, so the server would take it for a host name.
            raise ValidationError("endpoint", "endpoint.unknown_scheme", endpoint=text)
        if "/" in text or (":" in text.replace("::", "") and not is_ip_address(text)):
            raise ValidationError("endpoint", "endpoint.bare_host_invalid", endpoint=text)
        host = _server_host(text, text)
        if starttls:
            return Route(host, DEFAULT_PORTS[Security.STARTTLS], Security.STARTTLS)
        return Route(host, DEFAULT_PORTS[Security.SMTPS], Security.SMTPS)
    parts = urlsplit(text)
    if parts.username or parts.password:
        raise ValidationError("endpoint", "endpoint.credentials_in_url")
    if parts.path not in ("", "/") or parts.fragment:
        raise ValidationError("endpoint", "endpoint.url_invalid", endpoint=text)
    try:
        port_in_url = parts.port
    except ValueError:
        raise ValidationError("endpoint", "endpoint.url_invalid", endpoint=text) from None
    if parts.netloc.startswith("["):
        # lettre's URL parser keeps the brackets in the host name; the lookup of "[::1]" fails.
        raise ValidationError("endpoint", "endpoint.ipv6_in_url", endpoint=text)
    host = _server_host(parts.hostname or "", text)
    if not host:
        raise ValidationError("endpoint", "endpoint.url_invalid", endpoint=text)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    tls = query.pop("tls", None)
    if query or tls not in (None, "required"):
        raise ValidationError("endpoint", "endpoint.url_option", endpoint=text)
    if tls == "required":
        return Route(host, port_in_url or DEFAULT_PORTS[Security.STARTTLS], Security.STARTTLS)
    return Route(host, port_in_url or DEFAULT_PORTS[Security.NONE], Security.NONE)


def is_ip_address(text: str) -> bool:
    """Whether `text` is an IPv4 or IPv6 address as written (no brackets, no zone id)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def route_for(settings: EndpointChoice) -> Route:
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
    # The keys that decided `security`: a bare host reads `starttls` too; an `smtp://` URL ignores it.
    security_from: tuple[str, ...] = ("endpoint",)


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
        security_from=(
            ("endpoint", "starttls")
            if starttls is not None and not endpoint.strip().startswith(MARKER)
            else ("endpoint",)
        ),
    )
