"""Addresses: accept what BOMnipotent's mail library accepts (lettre's `Address`), and warn in words when a
domain cannot receive mail from the internet — never refuse it (SPEC §2 rev 2, issue 11 item 1)."""

from __future__ import annotations

import pytest

from wizard.core import i18n
from wizard.core.errors import ValidationError
from wizard.core.settings import Security, Settings, is_address, validate_address, validate_user
from wizard.core.warnings import WarningCode, address_warnings, settings_warnings

INTERNAL = ["ops@example.test", "noreply@corp.local", "root@localhost", "bom@relay", "a@[127.0.0.1]", "a@[IPv6:::1]"]


@pytest.mark.parametrize("address", [*INTERNAL, "first.last+tag@example.com", "jürgen@bücher.de"])
def test_addresses_the_server_accepts_are_accepted(address: str) -> None:
    assert validate_address(address) == address
    assert validate_user(address) == address


@pytest.mark.parametrize("address", INTERNAL)
def test_a_domain_that_cannot_receive_internet_mail_is_warned_about_in_words(address: str) -> None:
    warnings = address_warnings(address)
    assert [w.code for w in warnings] == [WarningCode.DOMAIN_NOT_PUBLIC]
    domain = address.rpartition("@")[2]
    assert domain in warnings[0].text("en") and "public internet" in warnings[0].text("en")
    assert domain in warnings[0].text("de") and "öffentlichen Internets" in warnings[0].text("de")


@pytest.mark.parametrize("address", ["bom@example.com", "info@bücher.de", "x@mail.example.org"])
def test_a_public_domain_gets_no_warning(address: str) -> None:
    assert address_warnings(address) == []


@pytest.mark.parametrize(
    "text", ["you@", "@example.com", "a b@example.com", "a@-bad-.example", "a@b..c", "a@[999.1.1.1]", "a@@b.de"]
)
def test_what_is_no_address_is_still_refused_with_the_reason(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_address(text, "user")
    assert info.value.msg_id == "validation.address_invalid" and text in str(info.value)


def test_the_domain_is_lower_cased_and_the_local_part_kept() -> None:
    assert validate_address("Bob.Smith@Example.COM") == "Bob.Smith@example.com"


def test_a_login_that_is_not_an_address_is_warned_about_with_the_two_ways_out() -> None:
    settings = Settings(user="apikey", host="smtp.sendgrid.net", port=465, security=Security.SMTPS)
    assert not is_address("apikey")
    [warning] = settings_warnings(settings)
    assert warning.code is WarningCode.LOGIN_NOT_ADDRESS
    text = warning.text("en")
    assert "apikey" in text and "refuse" in text and "msmtpd" in text and "your address" in text
    i18n.set_language("de")
    try:
        assert "Anmeldename" in warning.text() and "msmtpd" in warning.text()
    finally:
        i18n.set_language("en")


def test_a_warning_in_json_names_its_code_its_facts_and_its_text() -> None:
    [warning] = address_warnings("root@localhost")
    assert warning.to_json() == {
        "code": "domain_not_public",
        "message": warning.text(),
        "address": "root@localhost",
        "domain": "localhost",
    }
