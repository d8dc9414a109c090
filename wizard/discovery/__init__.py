"""Discovery: from a mail address to suggested, live-checked submission servers (SPEC §8).

The provider table it starts from is `wizard.core.providers` (the probe's advice reads it too); discovery
uses the probe to check a suggestion, the probe never uses discovery.

For a face (CLI, GUI, terminal wizard) — this API is stable:

    suggest_from_table(address)          # instant, offline, unverified: show while the rest runs
    await discover(address, on_candidate=show)   # table + DNS SRV + autoconfig + ISPDB + DNS MX + guessing,
                                                 # each usable suggestion verified; `show` gets every
                                                 # suggestion as it appears and again when its check ends
                                                 # (match rows by `candidate.key`); cancel the task to stop
    wizard.discovery.labels              # localized source/security/status/login words, login_hint(),
                                         # unusable_reason()

A Candidate: host, port, security, source (provider-table | srv | autoconfig | ispdb | mx | guess), login
(what to enter; "" when the provider issues it), login_form (address | local-part | literal | none | iam |
api-key | token | account), provider_id/provider_name/hint_id, verified/checked, and `unusable` (None, or
why the server cannot be configured that way: such entries are listed last and never verified).

Tests and the demo inject `resolver=` (a dnspython async resolver), `verify=` (for example
`verify.probe_verifier(address, connect_to=..., ca_file=...)`) and `autoconfig=` (a
`wizard.discovery.autoconfig.AutoconfigLookups` with base URLs and a CA of a local server; imported from
there, so the table's instant suggestion does not load the HTTPS and XML machinery); nothing else is patched. Without
`autoconfig=`, the HTTPS lookups go online only when DNS does (no injected resolver, `use_dns` true).
"""

from wizard.core.providers import Provider, providers
from wizard.discovery.candidate import Candidate, Source, Unusable
from wizard.discovery.discover import discover, suggest_from_table

__all__ = [
    "Candidate",
    "Provider",
    "Source",
    "Unusable",
    "discover",
    "providers",
    "suggest_from_table",
]
