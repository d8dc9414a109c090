"""SPEC §2's endpoint table, row by row, in both directions."""

from __future__ import annotations

import pytest

from wizard.core.endpoint import (
    Route,
    SmtpTable,
    route_for,
    route_for_table,
    settings_from_table,
    smtp_table_for,
)
from wizard.core.errors import ValidationError
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings

GOLDEN = [
    # security, port, endpoint written, starttls written
    (Security.SMTPS, 465, "smtp.example.com", None),
    (Security.STARTTLS, 587, "smtp.example.com", True),
    (Security.STARTTLS, 2525, "smtp://smtp.example.com:2525?tls=required", None),
    (Security.STARTTLS, 25, "smtp://smtp.example.com:25?tls=required", None),
    (Security.NONE, 25, "smtp://smtp.example.com:25", None),
    (Security.NONE, 2525, "smtp://smtp.example.com:2525", None),
    (Security.NONE, 587, "smtp://smtp.example.com:587", None),
]


def settings(security: Security, port: int, **extra: object) -> Settings:
    base = Settings(user="you@example.com", host="smtp.example.com", port=port, security=security)
    return base.with_changes(**extra).validated()


@pytest.mark.parametrize(("security", "port", "endpoint", "starttls"), GOLDEN)
def test_each_row_writes_the_documented_endpoint(
    security: Security, port: int, endpoint: str, starttls: bool | None
) -> None:
    table = smtp_table_for(settings(security, port))
    assert table == SmtpTable(user="you@example.com", endpoint=endpoint, secret=None, starttls=starttls)


@pytest.mark.parametrize(("security", "port", "endpoint", "starttls"), GOLDEN)
def test_each_row_reads_back_to_the_same_settings(
    security: Security, port: int, endpoint: str, starttls: bool | None
) -> None:
    back = settings_from_table("you@example.com", endpoint, "${SMTP_SECRET}", starttls)
    assert (back.host, back.port, back.security, back.secret_var) == ("smtp.example.com", port, security, "SMTP_SECRET")


@pytest.mark.parametrize(("security", "port", "endpoint", "starttls"), GOLDEN)
def test_the_probe_route_is_what_the_server_makes_of_the_written_table(
    security: Security, port: int, endpoint: str, starttls: bool | None
) -> None:
    assert route_for(settings(security, port)) == Route("smtp.example.com", port, security)


def test_implicit_tls_on_another_port_is_refused_not_rewritten() -> None:
    with pytest.raises(ValidationError) as info:
        settings(Security.SMTPS, 2465)
    assert info.value.field == "port"
    assert "465" in str(info.value) and "STARTTLS" in str(info.value)


def test_secret_is_written_as_a_reference_to_its_variable() -> None:
    s = settings(Security.SMTPS, 465, secret_source=SecretSource.NEW, secret=Secret("pw"), secret_var="MAIL_PW")
    assert smtp_table_for(s).secret == "${MAIL_PW}"


def test_a_login_that_is_not_an_address_is_written_as_user() -> None:
    assert smtp_table_for(settings(Security.STARTTLS, 587, user="apikey")).user == "apikey"


def test_ipv6_literal_in_the_url_forms_is_refused_with_the_reason_and_a_host_name_to_use() -> None:
    with pytest.raises(ValidationError) as info:
        Settings(user="a@example.com", host="::1", port=2525, security=Security.NONE).validated()
    assert info.value.field == "host"
    assert "smtp://[::1]:2525" in str(info.value) and "localhost" in str(info.value)


@pytest.mark.parametrize(("security", "port"), [(Security.SMTPS, 465), (Security.STARTTLS, 587)])
def test_ipv6_literal_in_the_bare_host_forms_is_written_without_brackets(security: Security, port: int) -> None:
    s = Settings(user="a@example.com", host="[2001:DB8::7]", port=port, security=security).validated()
    assert smtp_table_for(s).endpoint == "2001:db8::7"
    assert route_for(s) == Route("2001:db8::7", port, security)


@pytest.mark.parametrize("host", ["fe80::1%eth0", "[fe80::1%25eth0]"])
def test_zone_ids_are_refused(host: str) -> None:
    with pytest.raises(ValidationError) as info:
        Settings(user="a@example.com", host=host, port=465, security=Security.SMTPS).validated()
    assert (info.value.field, info.value.msg_id) == ("host", "validation.host_zone_id")


@pytest.mark.parametrize(
    ("field", "changes"), [("user", {"user": "a${HOME}b@example.com"}), ("host", {"host": "smtp.${DOMAIN}"})]
)
def test_a_written_value_with_an_expansion_is_refused(field: str, changes: dict[str, str]) -> None:
    base = Settings(user="a@example.com", host="smtp.example.com", port=465, security=Security.SMTPS)
    with pytest.raises(ValidationError) as info:
        base.with_changes(**changes).validated()
    assert (info.value.field, info.value.msg_id) == (field, "validation.expansion")
    with pytest.raises(ValidationError):
        smtp_table_for(base.with_changes(**changes))  # the writer refuses it too, validated or not


def test_an_international_domain_in_user_is_written_as_punycode() -> None:
    s = Settings(user="jürgen@bücher.de", host="smtp.example.com", port=465, security=Security.SMTPS).validated()
    assert smtp_table_for(s).user == "jürgen@xn--bcher-kva.de"


def test_host_names_are_written_in_lower_case() -> None:
    s = Settings(user="a@example.com", host="SMTP.Example.COM", port=2525, security=Security.STARTTLS).validated()
    assert smtp_table_for(s).endpoint == "smtp://smtp.example.com:2525?tls=required"


def test_idn_host_is_written_in_ascii() -> None:
    s = Settings(user="a@example.com", host="smtp.bücher.de", port=465, security=Security.SMTPS).validated()
    assert smtp_table_for(s).endpoint == "smtp.xn--bcher-kva.de"


@pytest.mark.parametrize(
    ("endpoint", "port", "security"),
    [
        ("smtp://relay.local", 25, Security.NONE),
        ("smtp://relay.local?tls=required", 587, Security.STARTTLS),
    ],
)
def test_url_without_port_uses_lettres_defaults(endpoint: str, port: int, security: Security) -> None:
    assert route_for_table(endpoint, None) == Route("relay.local", port, security)


@pytest.mark.parametrize(
    "endpoint",
    [
        "smtps://smtp.example.com:465",
        "smtp://user:pw@host:25",
        "smtp://host:25?tls=opportunistic",
        "host:465",
        "smtp://[::1]:25",  # lettre keeps the brackets in the host name
        "smtp://smtp.bücher.de:25",  # lettre percent-encodes a non-ASCII host: the lookup fails
        "smtp.bücher.de",  # not a name the server can look up or check a certificate for
        "fe80::1%eth0",  # a zone id
    ],
)
def test_endpoints_the_server_would_misread_are_reported(endpoint: str) -> None:
    with pytest.raises(ValidationError):
        route_for_table(endpoint, None)


def test_marker_url_ignores_starttls_flag_as_the_server_does() -> None:
    assert route_for_table("smtp://relay.local:25", True) == Route("relay.local", 25, Security.NONE)
