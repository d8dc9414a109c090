"""The redacted conversation log: what was said, with every form of the secret replaced by `***`."""

from __future__ import annotations

import base64
import logging
import re
import unicodedata

from wizard.core.secret import Secret

REDACTED = "***"
log = logging.getLogger("wizard.probe.transcript")


def secret_forms(secret: Secret | None, login: str = "") -> list[str]:
    """The secret as it could appear on the wire: plain, base64 (LOGIN) and the PLAIN token."""
    if secret is None or not secret.reveal():
        return []
    value = secret.reveal()
    raw = value.encode("utf-8")
    forms = {value, base64.b64encode(raw).decode("ascii")}
    for plain in (b"\0" + login.encode() + b"\0" + raw, login.encode() + b"\0" + login.encode() + b"\0" + raw):
        forms.add(base64.b64encode(plain).decode("ascii"))
    return sorted(forms, key=len, reverse=True)  # longest first, so no longer form survives in pieces


# C0 controls but tab and newline, DEL, C1 controls: a server could move the cursor or recolour a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"
# Unicode's invisible characters by general category: controls (Cc), format characters (Cf: the bidirectional
# overrides U+202A-202E and isolates U+2066-2069, the marks U+200E/200F/061C, zero-width joiners, U+FEFF ...),
# line and paragraph separators (Zl, Zp), surrogates and private use (Cs, Co). A server could reorder what
# the reader sees ("Trojan Source", CVE-2021-42574) or hide text: each is shown as U+FFFD.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co"})


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return REPLACEMENT if unicodedata.category(char) in _HIDDEN_CATEGORIES else char


def safe_text(text: str) -> str:
    """`text` as a person may read it and any UTF-8 output may carry it: bytes that were not valid UTF-8
    (kept by aiosmtplib as surrogate escapes), control characters and every invisible formatting character
    (bidirectional overrides and isolates, zero-width characters; see _HIDDEN_CATEGORIES) become U+FFFD;
    CR LF becomes LF."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        raw = text.encode("utf-8", "surrogatepass")
    clean = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    clean = _CONTROL.sub(REPLACEMENT, clean)
    return clean if clean.isascii() else _NON_ASCII.sub(_visible, clean)  # only non-ASCII letters are looked up


# How much of a reply is shown. RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; servers exceed it
# (blocklist texts with URLs), and a hostile one may send megabytes: beyond these a "…" stands for the rest.
SHOWN_LINE = 512  # characters of one line
SHOWN_LINES = 24  # lines of one reply; the last line (with the final code) is always kept
ELLIPSIS = "…"


def _shortened(texts: list[str]) -> list[str]:
    if len(texts) > SHOWN_LINES:
        texts = [*texts[: SHOWN_LINES - 2], ELLIPSIS, texts[-1]]
    return [t if len(t) <= SHOWN_LINE else t[:SHOWN_LINE] + ELLIPSIS for t in texts]


def reply_lines(code: int, message: str) -> list[str]:
    """A reply as it came on the wire, one line each (RFC 5321 §4.2: `code-text` continues, `code text`
    ends), made safe to show and shortened to what a person reads (SHOWN_LINE, SHOWN_LINES)."""
    texts = _shortened(safe_text(message).split("\n") or [""])
    last = len(texts) - 1
    return [f"{code}{'-' if i < last else ' '}{line}".rstrip() for i, line in enumerate(texts)]


def scrub(text: str, forms: list[str]) -> str:
    for form in forms:
        text = text.replace(form, REDACTED)
    return text


class Transcript:
    """Lines as `C: ...` (client), `S: ...` (server) and `-- ...` (events such as the TLS handshake)."""

    def __init__(self, secret: Secret | None, login: str = "") -> None:
        self._forms = secret_forms(secret, login)
        self.lines: list[str] = []

    def scrub(self, text: str) -> str:
        """Safe to show (see `safe_text`) and without any form of the secret."""
        return scrub(safe_text(text), self._forms)

    def reply(self, code: int, message: str) -> str:
        """A server reply for people: its lines (see `reply_lines`), scrubbed, joined by newlines."""
        # scrubbed before it is shortened (a cut must never leave the first part of a secret standing) and
        # after, with the code in front (a secret that is itself a piece of that line's frame, e.g. " ")
        return "\n".join(self.scrub(line) for line in reply_lines(code, self.scrub(message)))

    def _add(self, line: str) -> None:
        self.lines.append(line)
        log.debug("%s", line)  # already redacted

    def client(self, text: str) -> None:
        self._add("C: " + self.scrub(text))

    def auth(self, mechanism: str) -> None:
        """AUTH is logged by construction without its payload."""
        self._add(f"C: AUTH {mechanism} {REDACTED}")

    def server(self, code: int, message: str) -> None:
        for line in reply_lines(code, self.scrub(message)):  # scrubbed before the cut and after, as `reply`
            self._add(self.scrub(f"S: {line}"))

    def event(self, text: str) -> None:
        self._add("-- " + self.scrub(text))
