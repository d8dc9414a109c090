"""Replies an adversarial or unusual server sends, each from a scripted loopback server, through the probe and
through `apply` (exit code, JSON, human output, English and German): a HELO refusal that comes only at MAIL
FROM or RCPT TO, multi-line replies whose enhanced code is only on the last line, a 421 that closes the
connection mid-session, blocklist texts (Spamhaus, Barracuda) with 554/550, terminal escape sequences, and
reply lines far beyond RFC 5321's 512 octets (§4.5.3.1.5)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.scripted_server import Script, ScriptedServer
from tests.support.servers import PASSWORD
from wizard.core.ehlo_name import EhloName, EhloOrigin
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings
from wizard.probe.diagnosis import localized
from wizard.probe.engine import ProbeRequest, run_probe
from wizard.probe.transcript import ELLIPSIS, SHOWN_LINE, SHOWN_LINES

RCPT = "friend@example.net"
HELO = b"504 5.5.2 <vm>: Helo command rejected: need fully-qualified hostname\r\n"
SPAMHAUS = (b"554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using zen.spamhaus.org; "
            b"https://www.spamhaus.org/query/ip/203.0.113.7\r\n")  # fmt: skip
BARRACUDA = (b"554 5.7.1 Service unavailable; Client host [203.0.113.7] blocked using b.barracudacentral.org; "
             b"http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.7\r\n")  # fmt: skip
BARRACUDA_BANNER = (b"554 Service unavailable; Client host [203.0.113.7] blocked using Barracuda Reputation; "
                    b"http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.7\r\n")  # fmt: skip
ENHANCED_LAST = (b"550-Rejected by policy\r\n550-see https://example.org/why\r\n"
                 b"550 5.7.1 Client host [203.0.113.7] blocked using zen.spamhaus.org\r\n")  # fmt: skip
SBL = b"550 5.7.1 Service unavailable; client [203.0.113.7] blocked using sbl.spamhaus.org\r\n"
ESCAPES = b"550 5.1.1 \x1b[31mUser unknown\x1b[0m \x1b]0;owned\x07 \x1b[2J\x9b1m\r\n"


def _request(port: int, *, secret: bool = False, send_to: str | None = RCPT, ehlo: str = "vm") -> ProbeRequest:
    key = Secret(PASSWORD) if secret else None
    settings = Settings(
        user="me@example.org", host="mail.example.org", port=587, security=Security.NONE,
        secret_source=SecretSource.NEW if key else SecretSource.NONE, secret=key,
    ).validated()  # fmt: skip
    return ProbeRequest(settings, key, send_to=send_to, timeout=3.0, deadline=10.0, connect_to=("127.0.0.1", port),
                        ehlo=EhloName(ehlo, EhloOrigin.MACHINE), allow_plaintext_auth=True)  # fmt: skip


async def _probe(scripted_server: Callable[..., ScriptedServer], script: Script, **options: object):  # type: ignore[no-untyped-def]
    server = scripted_server(script)
    return await run_probe(_request(server.port, **options))  # type: ignore[arg-type]


# -- HELO refusals that come late ------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["MAIL", "RCPT", "DATA"])
async def test_a_helo_refusal_at_a_later_command_names_the_machines_name_and_its_fix(scripted_server, verb):
    report = await _probe(scripted_server, Script(replies={verb: HELO}))
    assert (report.diagnosis.code, report.diagnosis.advice_id) == ("server_unavailable", "helo_rejected_machine")
    for lang in ("en", "de"):
        text = localized(report.diagnosis, lang).advice
        assert "hostnamectl set-hostname" in text and "{" not in text


async def test_a_helo_refusal_at_rcpt_is_seen_only_with_a_recipient(scripted_server):
    """Without --send-to the probe stops after the login: the pass says it sent no mail (covered)."""
    report = await _probe(scripted_server, Script(replies={"RCPT": HELO}), send_to=None)
    assert report.ok and report.covered == ["connect"]


# -- Multi-line replies, blocklists ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("script", "step"),
    [
        (Script(replies={"RCPT": ENHANCED_LAST}), "rcpt_to"),
        (Script(replies={"RCPT": SPAMHAUS}), "rcpt_to"),
        (Script(replies={"RCPT": BARRACUDA}), "rcpt_to"),
        (Script(replies={"MAIL": SBL}), "mail_from"),
        (Script(greeting=SPAMHAUS), "greeting"),
        (Script(greeting=BARRACUDA_BANNER), "greeting"),
    ],
    ids=[
        "enhanced-code-last-line", "spamhaus-554-rcpt", "barracuda-554-rcpt", "spamhaus-550-mail",
        "spamhaus-554-banner", "barracuda-554-banner",
    ],
)
async def test_a_blocklist_refusal_is_about_this_machines_address_never_the_recipient(scripted_server, script, step):
    report = await _probe(scripted_server, script)
    assert (report.diagnosis.code, report.diagnosis.advice_id) == ("server_unavailable", "ip_blocked")
    assert next(s for s in report.steps if s.status == "failed").name == step
    english, german = localized(report.diagnosis, "en"), localized(report.diagnosis, "de")
    assert "network address" in english.title and "Netzwerkadresse" in german.title
    assert "Wait a few minutes" not in english.advice


async def test_a_multi_line_reply_keeps_every_line_and_its_last_code(scripted_server):
    report = await _probe(scripted_server, Script(replies={"RCPT": ENHANCED_LAST}))
    assert report.diagnosis.reply_lines == [
        "550-Rejected by policy", "550-see https://example.org/why",
        "550 5.7.1 Client host [203.0.113.7] blocked using zen.spamhaus.org",
    ]  # fmt: skip


# -- A 421 that closes the connection --------------------------------------------------------------------


@pytest.mark.parametrize(
    "verb,reply",
    [
        ("MAIL", b"421 4.7.0 mx.example.org Error: too many errors, closing connection\r\n"),
        ("RCPT", b"421 4.3.2 Service shutting down, closing transmission channel\r\n"),
        ("DATA", b"421 4.4.2 mx.example.org Error: timeout exceeded\r\n"),
    ],
)
async def test_a_421_that_closes_the_connection_is_the_server_being_unavailable_not_a_lost_connection(
    scripted_server, verb, reply
):
    report = await _probe(scripted_server, Script(replies={verb: reply}, close_after=frozenset({verb})))
    assert report.diagnosis.code == "server_unavailable"
    assert report.diagnosis.reply_lines == [reply.decode().rstrip("\r\n")]
    assert "minutes" in localized(report.diagnosis, "en").advice  # waiting is what helps a 421
    assert "Minuten" in localized(report.diagnosis, "de").advice


# -- Escape sequences and very long replies ---------------------------------------------------------------


async def test_terminal_escape_sequences_from_the_server_are_shown_as_replacements(scripted_server):
    report = await _probe(scripted_server, Script(replies={"RCPT": ESCAPES}))
    assert report.diagnosis.code == "recipient_rejected"
    shown = "\n".join([*report.diagnosis.reply_lines, *report.transcript, *(s.detail for s in report.steps)])
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\ufffd[31mUser unknown\ufffd[0m" in report.diagnosis.reply_lines[0]


async def test_a_reply_line_far_over_512_octets_is_still_read_and_shown_shortened(scripted_server):
    reply = b"550 5.7.1 Rejected: " + b"A" * 20000 + b"\r\n"  # over aiosmtplib's own 8 KiB line limit
    report = await _probe(scripted_server, Script(replies={"RCPT": reply}))
    assert report.diagnosis.code == "recipient_rejected"  # the refusal itself, not "unexpected"
    (line,) = report.diagnosis.reply_lines
    assert line.startswith("550 5.7.1 Rejected: AAAA") and line.endswith(ELLIPSIS)
    assert len(line) <= SHOWN_LINE + len("550 ") + 1
    assert all(len(text) < SHOWN_LINE + 20 for text in report.transcript)


async def test_a_reply_of_many_lines_shows_the_first_and_the_last(scripted_server):
    reply = b"".join(b"550-line %d\r\n" % i for i in range(100)) + b"550 5.7.1 the end\r\n"
    report = await _probe(scripted_server, Script(replies={"RCPT": reply}))
    lines = report.diagnosis.reply_lines
    assert len(lines) == SHOWN_LINES and lines[0] == "550-line 0" and lines[-1] == "550 5.7.1 the end"
    assert f"550-{ELLIPSIS}" in lines


async def test_a_secret_echoed_where_a_long_line_is_cut_is_still_masked(scripted_server):
    """Masked before shortening: the cut at SHOWN_LINE must not leave the password's first part standing."""
    prefix = b"535 5.7.8 " + b"x" * (SHOWN_LINE - len(PASSWORD) // 2 - len("5.7.8 x"))
    reply = prefix + PASSWORD.encode() + b" was wrong" + b"y" * 600 + b"\r\n"
    report = await _probe(scripted_server, Script(replies={"AUTH": reply}), secret=True, send_to=None)
    shown = "\n".join([*report.diagnosis.reply_lines, *report.transcript, *(s.detail for s in report.steps)])
    assert PASSWORD[: len(PASSWORD) // 2] not in shown.replace("x" * 40, "")
