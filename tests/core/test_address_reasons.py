"""email-validator's English reasons reach the user in the catalogue's words, by their kind (EN and DE)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from email_validator import EmailNotValidError, validate_email

from wizard.core import i18n
from wizard.core.address_reasons import localized_reason
from wizard.core.errors import ValidationError
from wizard.core.settings import validate_address

# Local parts email-validator refuses, one or more per kind of reason.
BAD_LOCAL_PARTS = ["a b", "a,b", "a(b)", "a\x01b", "a\u200bb", ".a", "a.", "a..b", '"a b"', "<a", "Fred <a", "a\\b"]
LIBRARY_WORDS = ("@-sign", "email address", "period", "quoting the part", "open angle bracket")


@pytest.fixture(params=["en", "de"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


@pytest.mark.parametrize("local", BAD_LOCAL_PARTS)
def test_a_refused_local_part_is_explained_in_the_catalogues_words(local: str, lang: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_address(f"{local}@example.com", "user")
    message = str(caught.value)
    assert not any(word in message.lower() for word in LIBRARY_WORDS), message
    if lang == "de":
        assert "E-Mail-Adresse" in message


@pytest.mark.parametrize("local", BAD_LOCAL_PARTS)
def test_every_reason_of_the_library_has_a_kind(local: str) -> None:
    with pytest.raises(EmailNotValidError) as caught:
        validate_email(f"{local}@example.com", check_deliverability=False, allow_smtputf8=True)
    assert localized_reason(str(caught.value)) != i18n.tr("validation.reason.other"), str(caught.value)


def test_named_characters_are_kept_as_the_library_names_them() -> None:
    assert "SPACE" in localized_reason("The email address contains invalid characters before the @-sign: SPACE.")


def test_a_reason_of_an_unknown_kind_gets_the_general_text_never_english() -> None:
    assert localized_reason("Something new the library says.") == i18n.tr("validation.reason.other")


@pytest.mark.parametrize("text", ["not an address", "a@", "@example.com", "a@[not-an-ip]"])
def test_an_address_without_its_parts_is_explained_in_words_not_a_bare_symbol(text: str, lang: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_address(text, "sender")
    reason = str(caught.value).rpartition(": ")[2]
    assert reason not in ("“@”", "[not-an-ip]")
    assert reason.endswith(".") and len(reason) > 10, reason
    if lang == "de":
        assert "Domain" in reason or "fehlt" in reason
