"""The UI-free flow with suggestions from autoconfig documents (issue 16), served by an HTTPS server on
127.0.0.1: a local-part login becomes `user` with the warning and is undone by an address-login choice;
an entry the server cannot use is listed with its reason and never chosen."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import trustme

from tests.discovery.autoconfig_server import DocumentServer, Reply, document, lookups_for, smtp
from tests.discovery.local_smtp import LocalChecker
from wizard.flow import Flow
from wizard.flow.content import describe_suggestion

ADDRESS = "bom@example.com"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
async def documents(ca: trustme.CA) -> AsyncIterator[DocumentServer]:
    server = await DocumentServer(ca).start()
    server.routes["/ispdb/v1.1/example.com"] = Reply(
        document(
            smtp("mail.example.com", 2465, "SSL"),
            smtp("mail.example.com", 587, "STARTTLS", "%EMAILLOCALPART%"),
            smtp("smtp.example.com", 465, "SSL"),
        )
    )
    yield server
    await server.close()


async def _discovered(tmp_path: Path, documents: DocumentServer, ca: trustme.CA) -> Flow:
    options = {
        "use_dns": False,
        "autoconfig": lookups_for(documents, ca),
        "verify": LocalChecker({}, ca),
        "deadline": 3,
    }
    flow = Flow(tmp_path / "config.toml", discovery_options=options)
    flow.advance()
    flow.set("user", ADDRESS)
    await flow.discover()
    return flow


def _index(flow: Flow, host: str, port: int) -> int:
    return next(i for i, c in enumerate(flow.suggestions) if (c.host, c.port) == (host, port))


async def test_a_local_part_login_becomes_user_with_the_warning_and_is_undone_by_an_address_login(
    tmp_path: Path, documents: DocumentServer, ca: trustme.CA
) -> None:
    flow = await _discovered(tmp_path, documents, ca)
    flow.use_suggestion(_index(flow, "mail.example.com", 587))
    assert (flow.answers.user, flow.answers.login_differs) == ("bom", True)
    assert any(m.level == "warning" for m in flow.messages(flow.page))
    flow.use_suggestion(_index(flow, "smtp.example.com", 465))
    assert (flow.answers.user, flow.answers.login_differs) == (ADDRESS, False)


async def test_an_unusable_entry_is_described_with_its_reason_and_never_chosen(
    tmp_path: Path, documents: DocumentServer, ca: trustme.CA
) -> None:
    flow = await _discovered(tmp_path, documents, ca)
    unusable = _index(flow, "mail.example.com", 2465)
    assert "not usable: implicit TLS on port 2465" in describe_suggestion(flow.suggestions[unusable])
    flow.use_suggestion(unusable)
    assert flow.answers.host != "mail.example.com" or flow.answers.port != "2465"
    assert "only on port 465" in flow.detect_status
    best = flow.best_suggestion()
    assert best is not None and flow.suggestions[best].usable
