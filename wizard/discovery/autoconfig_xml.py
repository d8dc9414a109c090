"""Reading a Thunderbird autoconfig document (format "clientConfig" version 1.1) for its SMTP servers.

The format: https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat (the ISPDB's own
how-to: https://github.com/thunderbird/autoconfig/blob/master/docs/file-format/how-to.md). Only
`<emailProvider>/<outgoingServer type="smtp">` is read: hostname, port, socketType (`SSL`, `STARTTLS`,
`plain`), username and the `<authentication>` methods, in document order (the provider's preference).

The document is untrusted input from the network: it is parsed with defusedxml with DTDs forbidden, so entity
declarations (billion laughs, external entities) are refused before anything is expanded.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree

PLACEHOLDERS = ("%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%")
# Real documents list one to four SMTP servers. A hostile one could name hundreds, each of which discovery
# would connect to: only the first few count.
MAX_SERVERS = 8
SOCKET_TYPES = frozenset({"SSL", "STARTTLS", "plain"})


class AutoconfigDocumentError(ValueError):
    """Not a usable autoconfig document: not XML, refused by the hardened parser, or not a clientConfig."""


@dataclass(frozen=True)
class OutgoingServer:
    """One `<outgoingServer type="smtp">`, placeholders already replaced with the address's parts."""

    hostname: str
    port: int
    socket_type: str  # "SSL" (implicit TLS), "STARTTLS" or "plain"
    username: str  # "" when the document names none
    username_pattern: str  # the username as written, e.g. "%EMAILLOCALPART%"
    authentication: tuple[str, ...]  # e.g. ("password-cleartext",), ("OAuth2", "password-encrypted"), ("none",)


def fill_in(pattern: str, address: str) -> str:
    """Replace %EMAILADDRESS%, %EMAILLOCALPART% and %EMAILDOMAIN% with the parts of `address`."""
    local, _, domain = address.rpartition("@")
    return (
        pattern.replace("%EMAILADDRESS%", address).replace("%EMAILLOCALPART%", local).replace("%EMAILDOMAIN%", domain)
    )


def _text(element: Element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _server(element: Element, address: str) -> OutgoingServer | None:
    socket_type = _text(element, "socketType")
    socket_type = next((known for known in SOCKET_TYPES if known.lower() == socket_type.lower()), "")
    port_text = _text(element, "port")
    hostname = fill_in(_text(element, "hostname"), address).strip().lower().rstrip(".")
    if not socket_type or not port_text.isdigit() or not hostname:
        return None  # incomplete entry: Thunderbird skips it too
    port = int(port_text)
    if not 0 < port < 65536:
        return None
    pattern = _text(element, "username")
    methods = tuple(m.text.strip() for m in element.findall("authentication") if m.text and m.text.strip())
    return OutgoingServer(
        hostname=hostname,
        port=port,
        socket_type=socket_type,
        username=fill_in(pattern, address),
        username_pattern=pattern,
        authentication=methods,
    )


def outgoing_servers(document: bytes, address: str) -> list[OutgoingServer]:
    """The SMTP servers of an autoconfig document, in document order (at most MAX_SERVERS), for `address`.

    Raises AutoconfigDocumentError for anything that is not a well-formed clientConfig document, including
    every document with a DTD or an entity declaration (refused, never expanded)."""
    try:
        root = defusedxml.ElementTree.fromstring(document, forbid_dtd=True)
    except (ParseError, defusedxml.DefusedXmlException) as exc:
        raise AutoconfigDocumentError(f"refused: {exc.__class__.__name__}") from None
    if root.tag != "clientConfig":
        raise AutoconfigDocumentError(f"not a clientConfig document: <{root.tag}>")
    servers = []
    for provider in root.findall("emailProvider"):
        for element in provider.findall("outgoingServer"):
            if element.get("type", "smtp").lower() == "smtp" and (server := _server(element, address)):
                servers.append(server)
    return servers[:MAX_SERVERS]
