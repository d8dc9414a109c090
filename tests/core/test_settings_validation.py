"""Field validation: precise errors naming the field."""

from __future__ import annotations

import pytest

from wizard.core.errors import ValidationError
from wizard.core.settings import (
    Security,
    Settings,
    validate_address,
    validate_host,
    validate_port,
    validate_secret,
    validate_user,
    validate_var_name,
)


@pytest.mark.parametrize(
    ("text", "msg_id"),
    [
        ("smtp://smtp.example.com", "validation.host_scheme_named"),
        ("https://", "validation.host_scheme"),
        ("smtp.example.com:587", "validation.host_port"),
        ("smtp.example.com/path", "validation.host_path"),
        ("smtp example.com", "validation.host_space"),
        ("you@example.com", "validation.host_at"),
        ("", "validation.host_empty"),
        ("-bad-.example.com", "validation.host_invalid"),
        ("smtp.example.com\r\nX", "validation.line_break"),
    ],
)
def test_bad_host_names_are_refused_with_the_reason(text: str, msg_id: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_host(text)
    assert (info.value.field, info.value.msg_id) == ("host", msg_id)


@pytest.mark.parametrize("url", ["https://smtp.gmail.com", "smtp://smtp.gmail.com:587", "https://smtp.gmail.com/"])
def test_a_url_as_server_name_is_answered_with_the_host_it_holds(url: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_host(url)
    assert "smtp.gmail.com instead of" in str(info.value) and "smtp.example.com" not in str(info.value)


def test_internationalised_host_becomes_punycode() -> None:
    assert validate_host("mail.müller.de") == "mail.xn--mller-kva.de"


def test_ip_addresses_are_valid_hosts() -> None:
    assert validate_host("127.0.0.1") == "127.0.0.1"
    assert validate_host("[::1]") == "::1"


@pytest.mark.parametrize("port", [0, 70000, -1, "x"])
def test_ports_outside_1_to_65535_are_refused(port: int | str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_port(port)
    assert info.value.field == "port"


def test_internationalised_address_is_accepted() -> None:
    assert validate_address("info@bücher.de").endswith("@bücher.de")


@pytest.mark.parametrize("text", ["a@b.de\r\nBcc: x@y.de", "a@b.de\n", "not-an-address"])
def test_bad_addresses_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        validate_address(text)


@pytest.mark.parametrize("text", ["you@example.com\r\nBcc: victim@example.com", "apikey\n", "a\x00b"])
def test_line_break_or_control_character_in_the_login_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        validate_user(text)
    assert info.value.field == "user"


def test_api_key_login_is_accepted() -> None:
    assert validate_user("apikey") == "apikey"


def test_settings_know_whether_the_login_is_an_address() -> None:
    base = Settings(user="you@example.com", host="smtp.example.com", port=465, security=Security.SMTPS)
    assert base.user_is_address
    assert not base.with_changes(user="apikey").user_is_address


@pytest.mark.parametrize("name", ["1ABC", "SMTP-SECRET", "", "A B", "Ä"])
def test_bad_variable_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        validate_var_name(name)


def test_secret_with_nul_is_refused_without_showing_it() -> None:
    with pytest.raises(ValidationError) as info:
        validate_secret("hunter2\x00")
    assert "hunter2" not in str(info.value)


def test_messages_are_localized() -> None:
    from wizard.core import i18n

    i18n.set_language("de")
    with pytest.raises(ValidationError) as info:
        validate_port(0)
    assert "Port muss" in str(info.value)
