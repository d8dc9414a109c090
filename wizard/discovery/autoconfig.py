"""Autoconfig, as Thunderbird looks it up (SPEC §8 rev 2): the domain's own document, then Thunderbird's
public database (the ISPDB), by the address's domain and by the base domain of its MX host.

Thunderbird's order (https://wiki.mozilla.org/Thunderbird:Autoconfiguration):
  1. `https://autoconfig.<domain>/mail/config-v1.1.xml?emailaddress=<address>`   (the domain's own)
  2. `https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml`               (the domain's own)
  3. `https://autoconfig.thunderbird.net/v1.1/<domain>`                          (ISPDB)
  4. the ISPDB for the base domain of the domain's MX host                        (ISPDB)
All of them run at once; the order survives in the ranking (the domain's own document before the ISPDB).
HTTPS only, certificate verified, time- and size-limited (wizard.discovery.https_fetch). Every failure — no
network, no such host, a 404, a bad certificate, a document that is too large or not acceptable XML — means
"nothing learned here": discovery carries on quietly.

Tests inject `AutoconfigLookups(fetcher=..., urls=AutoconfigUrls(...))` with base URLs of a local server.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass, field
from urllib.parse import quote

from wizard.core.errors import ValidationError
from wizard.core.providers import providers
from wizard.core.settings import DEFAULT_PORTS, Security, validate_host
from wizard.discovery.autoconfig_xml import AutoconfigDocumentError, OutgoingServer, outgoing_servers
from wizard.discovery.candidate import Candidate, Source, Unusable
from wizard.discovery.dns_records import GENERIC_HINT
from wizard.discovery.https_fetch import FetchError, HttpsFetcher

log = logging.getLogger(__name__)

SOCKET_SECURITY = {"SSL": Security.SMTPS, "STARTTLS": Security.STARTTLS, "plain": Security.NONE}
# <authentication> values a password login can use (whether the server offers PLAIN or LOGIN, which the
# server uses, the live test shows), and those meaning "no login" (a relay that trusts the network).
PASSWORD_METHODS = frozenset({"password-cleartext", "plain", "password-encrypted", "secure"})
NO_LOGIN_METHODS = frozenset({"none", "client-ip-address"})
# Second-level labels under which registrations happen in many country-code TLDs (co.uk, com.au, ne.jp, ...).
# A small stand-in for the public suffix list, enough to find the MX host's registrable ("base") domain.
COMMON_SECOND_LEVELS = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gv"})


@dataclass(frozen=True)
class AutoconfigUrls:
    """Where the documents are, as templates with `{domain}` and `{address}` (URL-encoded when filled)."""

    domain_config: str = "https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={address}"
    well_known: str = "https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml"
    ispdb: str = "https://autoconfig.thunderbird.net/v1.1/{domain}"

    def domain_urls(self, domain: str, address: str) -> list[str]:
        """The domain's own documents, in Thunderbird's order."""
        values = {"domain": quote(domain, safe=""), "address": quote(address, safe="@")}
        return [self.domain_config.format(**values), self.well_known.format(**values)]

    def ispdb_url(self, domain: str) -> str:
        return self.ispdb.format(domain=quote(domain, safe=""))


@dataclass(frozen=True)
class AutoconfigLookups:
    """The HTTPS lookups of one discovery: the client (its trust, resolver and limits) and the URLs."""

    fetcher: HttpsFetcher = field(default_factory=HttpsFetcher)
    urls: AutoconfigUrls = field(default_factory=AutoconfigUrls)

    async def document(self, url: str, address: str) -> list[OutgoingServer]:
        """The SMTP servers published at `url`; [] when there is nothing usable there (never raises)."""
        try:
            return outgoing_servers(await self.fetcher.get(url), address)
        except (FetchError, AutoconfigDocumentError) as exc:
            log.debug("autoconfig %s: %s", url, exc)
            return []


def base_domain(host: str) -> str:
    """The registrable domain of a host name: `mx01.mail.example.co.uk` -> `example.co.uk`,
    `aspmx.l.google.com` -> `google.com` (an approximation of the public suffix list, as Thunderbird's
    MX lookup uses its base domain)."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in COMMON_SECOND_LEVELS else 2
    return ".".join(labels[-keep:])


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _provider_at(host: str) -> tuple[str, str, str]:
    """(id, name, hint) of the table's provider with this submission host, to show its name and hint."""
    provider = next((p for p in providers() if p.host == host), None)
    return (provider.id, provider.name, provider.hint) if provider else ("", "", "")


def _judge(server: OutgoingServer, security: Security, needs_login: bool) -> Unusable | None:
    if security is Security.SMTPS and server.port != DEFAULT_PORTS[Security.SMTPS]:
        return Unusable.SMTPS_PORT  # the server speaks implicit TLS only on 465 (SPEC §2)
    if needs_login and not PASSWORD_METHODS & {m.lower() for m in server.authentication or ("password-cleartext",)}:
        return Unusable.AUTH_METHOD  # e.g. OAuth2 only: no password the server could present
    if security is Security.NONE and needs_login and not _is_loopback(server.hostname):
        return Unusable.CLEARTEXT_PASSWORD  # plain is for a relay only, never with a password to a remote host
    return None


def candidate_from(server: OutgoingServer, source: Source, address: str) -> Candidate | None:
    """The suggestion for one published entry; None when its host name is not a host name at all."""
    try:
        host = validate_host(server.hostname)
    except ValidationError:
        return None
    security = SOCKET_SECURITY[server.socket_type]
    methods = {m.lower() for m in server.authentication}
    needs_login = not (methods and methods <= NO_LOGIN_METHODS)
    if not needs_login:
        login, form = "", "none"
    else:
        login = server.username or address  # no <username>: the address, as Thunderbird assumes
        local = address.rpartition("@")[0]
        form = "address" if login == address else "local-part" if login == local else "literal"
    provider_id, provider_name, hint = _provider_at(host)
    if not hint and form == "address":
        hint = GENERIC_HINT  # the address and the mailbox's password, as for any other found server
    return Candidate(
        host=host,
        port=server.port,
        security=security,
        source=source,
        login=login,
        login_form=form,
        provider_id=provider_id,
        provider_name=provider_name,
        hint_id=hint,
        unusable=_judge(server, security, needs_login),
    )


def candidates_from(servers: list[OutgoingServer], source: Source, address: str) -> list[Candidate]:
    """Suggestions for a document's entries, in its order, each (host, port, security) once."""
    found: list[Candidate] = []
    for server in servers:
        candidate = candidate_from(server, source, address)
        if candidate is not None and candidate.key not in {c.key for c in found}:
            found.append(candidate)
    return found
