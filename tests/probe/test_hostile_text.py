"""Every Unicode control and bidirectional formatting character a hostile server sends is shown as a visible
replacement wherever its words are shown (SPEC §12 rev 3): the diagnosis, the steps, the greeting, the
transcript, JSON and the human CLI output."""

from __future__ import annotations

import json
import unicodedata

import pytest

from tests.support.scripted_server import Script
from tests.support.servers import PASSWORD
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.engine import ProbeRequest, run_probe
from wizard.probe.transcript import REPLACEMENT, safe_text

# Bidirectional overrides, embeddings and isolates, the direction marks, zero-width characters, the BOM,
# the line/paragraph separators, C0 and C1 controls.
HIDDEN = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e",
          "\u200f", "\u061c", "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\x1b", "\x07", "\x85"]  # fmt: skip


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_each_hidden_character_becomes_the_visible_replacement(char: str) -> None:
    assert safe_text(f"a{char}b") == f"a{REPLACEMENT}b"


def test_no_control_or_format_character_survives_anywhere_in_unicode() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    shown = safe_text(every)
    left = {c for c in shown if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in "\t\n"}
    assert left == set()


def test_ordinary_text_in_any_script_is_kept() -> None:
    text = "Grüße, 你好, שלום, مرحبا — 250 OK\tdone\nnext"
    assert safe_text(text) == text


async def test_a_hostile_reply_reaches_the_report_without_a_bidi_control(scripted_server) -> None:
    evil = "535 5.7.8 Login \u202efailed\u202c \u2066x\u2069 \x1b[31mred\r\n".encode()
    greeting = "220 mail.test \u202eESMTP\r\n".encode()
    server = scripted_server(Script(greeting=greeting, replies={"AUTH": evil}))
    secret = Secret(PASSWORD)
    settings = Settings(user="me@example.org", host="127.0.0.1", port=587, security=Security.NONE,
                        secret_source=SecretSource.NEW, secret=secret).validated()  # fmt: skip
    request = ProbeRequest(settings, secret, timeout=3, deadline=10, connect_to=("127.0.0.1", server.port))
    report = await run_probe(request)
    shown = json.dumps(report.to_json(), ensure_ascii=False) + "\n".join(report.transcript)
    assert not any(c in shown for c in "\u202e\u202c\u2066\u2069\x1b")
    assert report.diagnosis.server_reply.count(REPLACEMENT) == 5 and REPLACEMENT in report.server.greeting
