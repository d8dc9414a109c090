"""Terminal wizard tests: the real Textual app through its pilot; the loopback servers of tests/flow."""

from tests.flow.conftest import provider_server

__all__ = ["provider_server"]
