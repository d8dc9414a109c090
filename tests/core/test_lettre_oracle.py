"""An independent judge of "what you test is what you write": lettre's own rules for the endpoint, written
down here as a table, against the wizard's writer and probe route.

Source: lettre 0.11.21 (the Rust SMTP library BOMnipotent Server is built on),
`src/transport/smtp/connection_url.rs` (`from_connection_url`, used by `SmtpTransport::from_url`) and
`src/transport/smtp/transport.rs` (`relay`, `starttls_relay`), with `SMTP_PORT` 25, `SUBMISSION_PORT` 587,
`SUBMISSIONS_PORT` 465 from `src/transport/smtp/mod.rs`. BOMnipotent hands an endpoint that starts with
`smtp://` to `from_url`; any other endpoint is a relay host name (`starttls_relay` when `starttls = true`,
else `relay`).

What `from_connection_url` does, as a table keyed by (scheme, first `tls` query value):

| scheme  | tls             | default port | TLS                        |
|---------|-----------------|--------------|----------------------------|
| smtp    | (none)          | 25           | none                       |
| smtp    | required        | 587          | STARTTLS, required         |
| smtp    | opportunistic   | 587          | STARTTLS, opportunistic    |
| smtps   | (any)           | 465          | implicit TLS ("wrapper")   |
| other   |                 | error        |                            |

The host is `Url::host_str()` of the `url` crate. `smtp:` is not a special scheme in the URL standard, so
its host is parsed as an opaque host: kept as written (no lower-casing, no IDNA: non-ASCII is
percent-encoded), except a bracketed IPv6 address, which is parsed and serialised *with* its brackets.
lettre then connects with `(host_str, port).to_socket_addrs()`: Rust parses an IP address literal (no
brackets, no zone id) or asks the resolver for a name; `[::1]` or a percent-encoded name resolve nowhere.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.core.endpoint import MARKER, route_for, smtp_table_for
from wizard.core.errors import ValidationError
from wizard.core.settings import Security, Settings

# lettre's `from_connection_url`, row by row: (scheme, tls) -> (default port, TLS mode). `None` as tls is a URL
# without a `tls` parameter; "*" matches any value.
LETTRE_URL_RULES: dict[tuple[str, str | None], tuple[int, str]] = {
    ("smtp", None): (25, "none"),
    ("smtp", "required"): (587, "starttls"),
    ("smtp", "opportunistic"): (587, "starttls-opportunistic"),
    ("smtps", "*"): (465, "implicit"),
}
# BOMnipotent without the marker: `relay(host)` or, with `starttls = true`, `starttls_relay(host)`.
LETTRE_RELAY_RULES: dict[bool, tuple[int, str]] = {False: (465, "implicit"), True: (587, "starttls")}

MODE_OF = {Security.NONE: "none", Security.STARTTLS: "starttls", Security.SMTPS: "implicit"}

# The endpoints the writer may produce (SPEC §2): a bare host, or an smtp:// URL with the port always written.
_HOST = r"(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|[0-9a-f:.]+)"
WRITER_GRAMMAR = [
    re.compile(rf"{_HOST}"),
    re.compile(rf"smtp://{_HOST}:[0-9]{{1,5}}"),
    re.compile(rf"smtp://{_HOST}:[0-9]{{1,5}}\?tls=required"),
]


@dataclass(frozen=True)
class LettreConnection:
    host: str  # what lettre hands to to_socket_addrs
    port: int
    mode: str
    resolvable: bool  # whether to_socket_addrs can do anything with `host`


def _opaque_host(text: str) -> str:
    """`Url::host_str()` for a non-special scheme: brackets kept around IPv6, non-ASCII percent-encoded."""
    if text.startswith("["):
        return "[" + str(ipaddress.IPv6Address(text[1:-1])) + "]"
    return quote(text, safe="!$&'()*+,;=-._~")


def _rust_resolvable(host: str) -> bool:
    """`(host, port).to_socket_addrs()`: an IP literal Rust can parse, or a name a resolver can look up."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return "%" not in host and "[" not in host and host.isascii() and host != ""
    return "%" not in host  # Rust's IpAddr has no zone ids


def lettre(endpoint: str, starttls: bool | None) -> LettreConnection:
    """What BOMnipotent (through lettre) makes of `endpoint` and `starttls`."""
    if not endpoint.startswith(MARKER):
        port, mode = LETTRE_RELAY_RULES[bool(starttls)]
        return LettreConnection(endpoint, port, mode, _rust_resolvable(endpoint))
    scheme, _, rest = endpoint.partition("://")
    authority, _, query = rest.partition("?")
    tls = next((v for k, _, v in (p.partition("=") for p in query.split("&") if p) if k == "tls"), None)
    rule = LETTRE_URL_RULES.get((scheme, tls)) or LETTRE_URL_RULES.get((scheme, "*"))
    assert rule is not None, f"lettre refuses {endpoint!r}"
    if authority.startswith("["):
        host_text, _, port_text = authority.partition("]")
        host_text += "]"
        port_text = port_text.removeprefix(":")
    else:
        host_text, _, port_text = authority.rpartition(":") if ":" in authority else (authority, "", "")
    host = _opaque_host(host_text)
    return LettreConnection(host, int(port_text) if port_text else rule[0], rule[1], _rust_resolvable(host))


ROWS = [
    (Security.SMTPS, 465),
    (Security.STARTTLS, 587),
    (Security.STARTTLS, 2525),
    (Security.NONE, 25),
    (Security.NONE, 2525),
]
HOSTS = {
    "name": "smtp.example.com",
    "upper-case name": "SMTP.Example.COM",
    "IDN": "smtp.bücher.de",
    "IPv4": "192.0.2.7",
    "IPv6": "2001:db8::7",
    "IPv6 in brackets": "[2001:db8::7]",
    "IPv6 loopback": "::1",
    "localhost": "localhost",
}


def _settings(host: str, security: Security, port: int) -> Settings:
    return Settings(user="bom@example.com", host=host, port=port, security=security)


@pytest.mark.parametrize("kind", list(HOSTS))
@pytest.mark.parametrize(("security", "port"), ROWS)
def test_the_probe_connects_where_lettre_connects_or_the_writer_refuses(
    kind: str, security: Security, port: int
) -> None:
    settings = _settings(HOSTS[kind], security, port)
    try:
        table = smtp_table_for(settings)
    except ValidationError as refused:
        # Refused only where lettre could not connect: an IPv6 literal in an smtp:// URL.
        assert refused.field == "host" and "IPv6" in kind and security is not Security.SMTPS
        naive = f"smtp://[{HOSTS[kind].strip('[]')}]:{port}" + (
            "?tls=required" if security is Security.STARTTLS else ""
        )
        assert not lettre(naive, None).resolvable
        return
    assert any(rule.fullmatch(table.endpoint) for rule in WRITER_GRAMMAR), table.endpoint
    server = lettre(table.endpoint, table.starttls)
    route = route_for(settings)
    assert server.resolvable, f"the server cannot look up {server.host!r}"
    assert (server.host, server.port, server.mode) == (route.host, route.port, MODE_OF[route.security])


def test_every_spec_row_and_host_kind_is_covered() -> None:
    assert len(ROWS) == 5 and {"name", "upper-case name", "IDN", "IPv4", "IPv6", "localhost"} <= set(HOSTS)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        ("smtp://[::1]:25", LettreConnection("[::1]", 25, "none", False)),
        ("smtp://smtp.bücher.de:25", LettreConnection("smtp.b%C3%BCcher.de", 25, "none", False)),
        ("smtp://SMTP.Example.com?tls=required", LettreConnection("SMTP.Example.com", 587, "starttls", True)),
        ("::1", LettreConnection("::1", 465, "implicit", True)),
    ],
)
def test_the_oracle_reproduces_what_lettre_does_with_hand_written_endpoints(
    endpoint: str, expected: LettreConnection
) -> None:
    assert lettre(endpoint, None) == expected


KNOWN_REFUSALS = {
    "validation.implicit_tls_port",  # implicit TLS can only be written for port 465
    "validation.ipv6_in_url",
    "validation.ipv6_in_url_loopback",
    "validation.host_invalid",  # e.g. a generated label that IDNA refuses
}
_labels = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?", fullmatch=True)
_names = st.lists(_labels, min_size=1, max_size=4).map(".".join)
_idn = st.sampled_from(["bücher", "münchen", "παράδειγμα", "例え"]).map(lambda label: f"smtp.{label}.de")
_ips = st.one_of(st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(str))


@given(
    host=st.one_of(_names, _idn, _ips),
    security=st.sampled_from(list(Security)),
    port=st.one_of(st.sampled_from([25, 465, 587]), st.integers(1, 65535)),
)
def test_any_endpoint_the_writer_produces_is_one_lettre_reads_the_same_way(
    host: str, security: Security, port: int
) -> None:
    settings = _settings(host, security, port)
    try:
        table = smtp_table_for(settings.validated())
    except ValidationError as refused:  # nothing written; only for the reasons the server gives
        assert refused.msg_id in KNOWN_REFUSALS, refused.msg_id
        if refused.msg_id.startswith("validation.ipv6_in_url"):
            assert not lettre(f"smtp://[{host}]:{port}", None).resolvable
        return
    assert any(rule.fullmatch(table.endpoint) for rule in WRITER_GRAMMAR), table.endpoint
    server = lettre(table.endpoint, table.starttls)
    route = route_for(settings)
    assert server.resolvable
    assert (server.host, server.port, server.mode) == (route.host, route.port, MODE_OF[route.security])
