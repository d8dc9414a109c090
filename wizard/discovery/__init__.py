"""Discovery: from a mail address to suggested, live-checked submission servers (SPEC §8)."""

from wizard.discovery.candidate import Candidate, Source
from wizard.discovery.discover import discover, suggest_from_table
from wizard.discovery.providers import Provider, providers

__all__ = ["Candidate", "Provider", "Source", "discover", "providers", "suggest_from_table"]
