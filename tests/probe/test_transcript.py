"""The transcript: AUTH lines carry no payload, and any form of the secret a server echoes is replaced."""

from __future__ import annotations

import base64

from hypothesis import given
from hypothesis import strategies as st

from wizard.core.secret import Secret
from wizard.probe.transcript import REDACTED, Transcript

# Not "*" (a secret with it could re-form next to a *** marker, revealing nothing) and no line breaks (a reply
# is logged line by line, so a multi-line secret is never whole on one line).
secrets = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="*\x85"), min_size=1, max_size=40
)
noise = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"), max_size=20)


def test_auth_line_has_no_payload():
    transcript = Transcript(Secret("hunter2"), "me@example.com")
    transcript.auth("PLAIN")
    assert transcript.lines == [f"C: AUTH PLAIN {REDACTED}"]


@given(secret=secrets, prefix=noise, suffix=noise)
def test_an_echoed_secret_never_survives_in_any_wire_form(secret, prefix, suffix):
    login = "me@example.com"
    transcript = Transcript(Secret(secret), login)
    plain_token = base64.b64encode(f"\0{login}\0{secret}".encode()).decode()
    for form in (secret, base64.b64encode(secret.encode()).decode(), plain_token):
        transcript.server(535, prefix + form + suffix)
    for line in transcript.lines:
        assert secret not in line
        assert plain_token not in line
