"""The redacted conversation log: what was said, with every form of the secret replaced by `***`."""

from __future__ import annotations

import base64
import logging

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
        return scrub(text, self._forms)

    def _add(self, line: str) -> None:
        self.lines.append(line)
        log.debug("%s", line)  # already redacted

    def client(self, text: str) -> None:
        self._add("C: " + self.scrub(text))

    def auth(self, mechanism: str) -> None:
        """AUTH is logged by construction without its payload."""
        self._add(f"C: AUTH {mechanism} {REDACTED}")

    def server(self, code: int, message: str) -> None:
        texts = message.splitlines() or [""]
        for i, line in enumerate(texts):
            sep = " " if i == len(texts) - 1 else "-"
            self._add(self.scrub(f"S: {code}{sep}{line}".rstrip()))

    def event(self, text: str) -> None:
        self._add("-- " + self.scrub(text))
