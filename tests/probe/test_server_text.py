"""Whatever the server sends is shown safely (SPEC §4, §5): invalid UTF-8 is replaced, control characters never
reach a terminal, multi-line replies are shown line by line, `check --json` is always valid JSON, human output
works under a strict UTF-8 stdout, and no Python repr or class name reaches a person."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.probe.conftest import code_of
from tests.support.scripted_server import EHLO, Script
from tests.support.servers import PASSWORD, refused_port
from wizard.probe.engine import run_probe

ROOT = Path(__file__).resolve().parents[2]
BANNER = b"220 mail.example.org ESMTP Gr\xfc\xdfe \x1b[2J\xff ready\r\n"  # Latin-1, a terminal escape, 0xFF
BAD_EHLO = b"250-mail.example.org Hallo \xe4\xf6\r\n" + EHLO.split(b"\r\n", 1)[1]
RCPT_REFUSED = b"550-5.1.1 <to@example.com>: Empf\xe4nger unbekannt\r\n550 5.1.1 User unknown \xc3\x28\r\n"
REPLACEMENT = "\ufffd"


def bad_bytes_script() -> Script:
    return Script(greeting=BANNER, ehlo=BAD_EHLO, replies={"RCPT": RCPT_REFUSED})


def strings_of(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_of(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_of(v)]
    return []


async def test_invalid_utf8_in_banner_ehlo_and_rcpt_reply_is_replaced_in_the_report(scripted_server):
    server = scripted_server(bad_bytes_script())
    report = await run_probe(server.request(secret=None, send_to="to@example.com"))
    assert code_of(report) == "recipient_rejected"
    texts = strings_of(report.to_json())
    for text in texts:
        text.encode("utf-8")  # strict: no surrogate escapes left anywhere
        assert "\x1b" not in text
    assert REPLACEMENT in report.server.greeting and REPLACEMENT in report.server.ehlo_name + " ".join(texts)
    assert report.diagnosis.reply_lines == [
        f"550-5.1.1 <to@example.com>: Empf{REPLACEMENT}nger unbekannt",
        f"550 5.1.1 User unknown {REPLACEMENT}(",
    ]


async def test_multi_line_replies_are_kept_as_lines_in_the_transcript(scripted_server):
    server = scripted_server(bad_bytes_script())
    report = await run_probe(server.request(secret=None, send_to="to@example.com"))
    assert f"S: 550-5.1.1 <to@example.com>: Empf{REPLACEMENT}nger unbekannt" in report.transcript
    assert f"S: 550 5.1.1 User unknown {REPLACEMENT}(" in report.transcript


def run_check(tmp_path: Path, port: int, *extra: str) -> subprocess.CompletedProcess[bytes]:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "me@example.org"\nendpoint = "smtp://127.0.0.1:{port}"\n')
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "wizard", "check", "--config", str(config), "--timeout", "5", *extra]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=60)


def test_check_json_is_valid_json_whatever_bytes_the_server_sent(scripted_server, tmp_path):
    server = scripted_server(bad_bytes_script())
    result = run_check(tmp_path, server.port, "--send-to", "to@example.com", "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))  # strict decoding: valid UTF-8, valid JSON
    assert data["diagnosis"]["code"] == "recipient_rejected"
    assert data["diagnosis"]["server_reply_lines"][0].startswith("550-5.1.1")
    assert REPLACEMENT in data["server"]["greeting"]


def test_human_output_is_readable_under_a_strict_utf8_stdout(scripted_server, tmp_path):
    server = scripted_server(bad_bytes_script())
    result = run_check(tmp_path, server.port, "--send-to", "to@example.com")
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 1 and "Traceback" not in err, err
    assert f"    550-5.1.1 <to@example.com>: Empf{REPLACEMENT}nger unbekannt" in out
    assert f"    550 5.1.1 User unknown {REPLACEMENT}(" in out
    assert "\x1b" not in out


REPR_MARKERS = ("Error", "Exception", "(534,", "(535,", "on port None", "\n", "b'", "None")


@pytest.mark.parametrize(
    "script",
    [
        Script(replies={"AUTH": b"534-5.7.9 Application-specific password required.\r\n534 5.7.9 Learn more\r\n"}),
        Script(close_after_greeting=True),
        Script(greeting=b"421 4.3.2 Service not available\r\n"),
        Script(greeting=b"HTTP/1.1 400 Bad Request\r\n"),
    ],
    ids=["auth-534-multi-line", "closed-after-banner", "greeting-421", "not-smtp"],
)
async def test_no_python_repr_reaches_a_person(scripted_server, script):
    server = scripted_server(script)
    report = await run_probe(server.request(secret=PASSWORD, allow_plaintext_auth=True))
    assert not report.ok
    shown = [step.detail for step in report.steps] + [report.diagnosis.title, report.diagnosis.meaning,
                                                       report.diagnosis.advice]
    for text in shown:
        assert not any(marker in text for marker in REPR_MARKERS), text


async def test_a_refused_connection_is_explained_in_the_systems_words(smtp_server):
    server = smtp_server("plain")
    report = await run_probe(server.request(server.settings(port=refused_port()), secret=None, connect_to=None))
    connect = next(step for step in report.steps if step.status == "failed")
    assert connect.detail == os.strerror(111) or "refused" in connect.detail.lower()
