"""Discovery: from a mail address to suggested, live-checked submission servers (SPEC §8).

For a face (CLI, GUI):

    suggest_from_table(address)          # instant, offline, unverified: show while the rest runs
    await discover(address, on_candidate=show)   # table + DNS SRV + DNS MX + guessing, each verified;
                                                 # `show` gets every suggestion as it appears and again
                                                 # when its check ends (match rows by `candidate.key`);
                                                 # cancel the task to stop everything
    wizard.discovery.labels                 # localized source/security/status/login words

Tests and the demo inject `resolver=` (a dnspython async resolver) and `verify=` (for example
`verify.probe_verifier(address, connect_to=..., ca_file=...)`); nothing else is patched.
"""

from wizard.discovery.candidate import Candidate, Source
from wizard.discovery.discover import discover, suggest_from_table
from wizard.discovery.providers import Provider, providers

__all__ = ["Candidate", "Provider", "Source", "discover", "providers", "suggest_from_table"]
