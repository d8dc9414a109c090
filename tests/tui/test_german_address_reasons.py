"""The terminal wizard explains each kind of refused address (email-validator's reasons, mapped by kind in
wizard/core/address_reasons.py) in German on the German Account page: never the library's English."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from tests.tui.driver import enter, page_text, type_into, until, wizard
from wizard.core import i18n
from wizard.flow import PageId
from wizard.tui.fields import safe_id

# One typed address per kind a typed address can reach (as tests/ui/test_german_quick_path.py).
REASON_KINDS = {
    "a b@example.com": "validation.reason.characters_named",
    ".a@example.com": "validation.reason.dots",
    "x" * 250 + "@example.com": "validation.reason.too_long",
    '"a b"@example.com': "validation.reason.quoted",
    "<a@example.com": "validation.reason.display_name",
    "bomexample.com": "validation.reason.no_at",
    "@example.com": "validation.reason.empty_part",
    "a@[not-an-ip]": "validation.reason.domain",
}


def kind_text(message_id: str) -> str:
    """The catalogue's text of a reason kind in the current language, up to its first placeholder."""
    return i18n.tr(message_id, characters="\0").partition("\0")[0]


@pytest.mark.parametrize(("address", "kind"), REASON_KINDS.items(), ids=lambda v: repr(v)[:24])
async def test_each_kind_of_refused_address_is_explained_in_german(tmp_path: Path, address: str, kind: str) -> None:
    english = kind_text(kind)
    i18n.set_language("de")
    try:
        german = kind_text(kind)
        async with wizard(tmp_path / "config.toml", size=(120, 40)) as (app, pilot):
            await enter(app, pilot, PageId.ACCOUNT)
            if len(address) > 80:  # pasted, as a person enters such an address (250 key presses take 20 s)
                box = app.screen.query_one(f"#{safe_id('user')}", Input)
                box.focus()
                box.post_message(events.Paste(address))
                await pilot.pause()
            else:
                await type_into(app, pilot, "user", address)
            await until(pilot, lambda: german in page_text(app), what=f"the German reason {german!r}")
            shown = page_text(app)
    finally:
        i18n.set_language("en")
    assert "ist keine gültige E-Mail-Adresse" in shown
    assert english not in shown
    assert not any(word in shown for word in ("@-sign", "email address", "period", "quoting"))
