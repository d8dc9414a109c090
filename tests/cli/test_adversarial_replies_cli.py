"""`apply` against a hostile or blocklisting server (scripted on loopback): exit code 1, the JSON diagnosis and
"covered", nothing written, and no terminal escape sequence reaching the terminal raw — in English and German.
The probe-level cases are in tests/probe/test_adversarial_replies.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.probe.test_adversarial_replies import ESCAPES, RCPT, SPAMHAUS
from tests.support.scripted_server import Script, ScriptedServer

# -- The same through `apply`: exit code, JSON, human output -----------------------------------------------


def _apply(cli: Callable[..., Run], tmp_path: Path, port: int, *extra: str) -> Run:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')
    return cli("apply", "--config", str(config), "--user", "me@example.org", "--host", "127.0.0.1", "--port", str(port),
               "--security", "none", "--no-secret", "--send-to", RCPT, "--timeout", "5", *extra)  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "de"])
def test_apply_with_a_hostile_reply_exits_1_and_writes_no_escape_to_the_terminal(cli, tmp_path, server_loop, lang):
    server = ScriptedServer(server_loop, Script(replies={"RCPT": ESCAPES}))
    try:
        human = _apply(cli, tmp_path, server.port, "--lang", lang)
        payload = json.loads(_apply(cli, tmp_path, server.port, "--lang", lang, "--json").out)
    finally:
        server.stop()
    assert human.code == 1 and "\x1b" not in human.out + human.err
    assert payload["ok"] is False and payload["diagnosis"]["code"] == "recipient_rejected"
    assert payload["covered"] == ["connect"] and "\x1b" not in json.dumps(payload, ensure_ascii=False)
    assert (tmp_path / "config.toml").read_text() == 'domain = "https://bom.example.org"\n'  # nothing written


@pytest.mark.parametrize("lang", ["en", "de"])
def test_apply_with_a_spamhaus_refusal_exits_1_with_the_blocklist_advice(cli, tmp_path, server_loop, lang):
    server = ScriptedServer(server_loop, Script(replies={"RCPT": SPAMHAUS}))
    try:
        payload = json.loads(_apply(cli, tmp_path, server.port, "--lang", lang, "--json").out)
    finally:
        server.stop()
    assert payload["diagnosis"]["advice_id"] == "ip_blocked" and payload["covered"] == ["connect"]
    assert ("network address" if lang == "en" else "Netzwerkadresse") in payload["diagnosis"]["title"]
