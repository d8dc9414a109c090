"""config.toml merge: only [smtp] changes; every other byte stays; the skip flag in both layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

from wizard.core.config_file import (
    Layout,
    detect_layout,
    merge_smtp,
    parse,
    read_smtp,
    skip_flag_set,
    with_skip_verification,
)
from wizard.core.endpoint import SmtpTable
from wizard.core.errors import FileProblem

DATA = Path(__file__).parent.parent / "data"
P = Path("config.toml")
NEW = SmtpTable(user="new@example.com", endpoint="smtp://relay.example.com:2525?tls=required", secret="${SMTP_SECRET}")


def outside_smtp(text: str) -> str:
    """The text with the [smtp] table's lines cut out."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "[smtp]")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("["))
    return "".join(lines[:start] + lines[end:])


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_only_smtp_differs_after_merge_byte_for_byte(eol: str) -> None:
    original = (DATA / "full_config.toml").read_text().replace("\n", eol)
    merged = merge_smtp(P, original, NEW).text
    assert outside_smtp(merged) == outside_smtp(original)
    section = read_smtp(parse(P, merged), P)
    assert section is not None
    assert (section.user, section.endpoint, section.secret, section.starttls) == (
        NEW.user,
        NEW.endpoint,
        NEW.secret,
        None,
    )


def test_crlf_file_stays_crlf_everywhere() -> None:
    original = (DATA / "full_config.toml").read_text().replace("\n", "\r\n")
    merged = merge_smtp(P, original, SmtpTable("a@example.com", "smtp.example.com", None, True)).text
    assert "\n" not in merged.replace("\r\n", "")


def test_comments_inside_smtp_survive() -> None:
    original = (DATA / "full_config.toml").read_text()
    merged = merge_smtp(P, original, NEW).text
    assert "# who logs in at the relay" in merged
    assert "# previous mailbox" in merged


def test_unchanged_values_produce_identical_text() -> None:
    original = (DATA / "full_config.toml").read_text()
    same = SmtpTable("old@example.com", "old.example.com", "${SMTP_SECRET}", None)
    assert merge_smtp(P, original, same).text == original


def test_missing_smtp_is_appended_at_the_end_after_a_blank_line() -> None:
    original = "log_level = 'info'\n\n[domain]\nname = 'x'\n"
    merged = merge_smtp(P, original, SmtpTable("a@example.com", "smtp.example.com", None, True)).text
    assert merged == original + '\n[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\nstarttls = true\n'


def test_file_without_final_newline_gets_the_table_on_its_own_line() -> None:
    merged = merge_smtp(P, "[domain]\nname = 'x'", SmtpTable("a@example.com", "h.example.com")).text
    assert merged.startswith("[domain]\nname = 'x'\n\n[smtp]\n")
    assert tomlkit.parse(merged)["smtp"]["endpoint"] == "h.example.com"


def test_keys_the_server_does_not_know_are_never_written_and_stale_ones_removed() -> None:
    original = '[smtp]\nuser = "a@example.com"\nendpoint = "h"\nport = 587\nstarttls = true\n'
    result = merge_smtp(P, original, SmtpTable("a@example.com", "h.example.com"))
    doc = tomlkit.parse(result.text)
    assert set(doc["smtp"]) == {"user", "endpoint"}
    assert result.removed_unknown_keys == ("port",)


def test_inline_smtp_table_is_updated_in_place() -> None:
    original = 'smtp = { user = "a@example.com", endpoint = "old.example.com" }\n'
    merged = merge_smtp(P, original, SmtpTable("a@example.com", "new.example.com")).text
    assert merged == 'smtp = { user = "a@example.com", endpoint = "new.example.com" }\n'


def test_smtp_that_is_not_a_table_is_refused() -> None:
    with pytest.raises(FileProblem) as info:
        merge_smtp(P, 'smtp = "relay"\n', NEW)
    assert info.value.msg_id == "files.smtp_not_table"


def test_parse_error_names_line_and_column() -> None:
    with pytest.raises(FileProblem) as info:
        parse(P, 'a = 1\n[smtp]\nuser = = "x"\n')
    assert (info.value.line, info.value.col) == (3, 8)
    assert str(info.value).startswith("config.toml, line 3, column 8: ")


def test_configuring_smtp_removes_the_legacy_skip_flag() -> None:
    result = merge_smtp(P, "skip_user_verification = true\n\n[domain]\nname = 'x'\n", NEW)
    assert result.removed_skip_flag
    assert "skip_user_verification" not in result.text
    assert "[domain]\nname = 'x'\n" in result.text


def test_configuring_smtp_removes_the_current_skip_flag() -> None:
    result = merge_smtp(P, "[user]\nskip_verification = true\nexpiration = '1 year'\n", NEW)
    assert result.removed_skip_flag
    assert "skip_verification" not in result.text
    assert "expiration = '1 year'" in result.text


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("[user]\nexpiration = 1\n", Layout.CURRENT),
        ("tmp_admin = 'a@b.de'\n", Layout.LEGACY),
        ("user_expiration_period = '1 year'\n", Layout.LEGACY),
        ("skip_user_verification = false\n", Layout.LEGACY),
        ("[domain]\nname = 'x'\n", None),
    ],
)
def test_layout_is_detected_from_the_file(text: str, layout: Layout | None) -> None:
    assert detect_layout(parse(P, text)) == layout


def test_legacy_skip_flag_goes_to_the_top_level_before_any_table() -> None:
    original = "# header\nlog_level = 'info'\n\n[domain]\nname = 'x'\n"
    text = with_skip_verification(P, original, Layout.LEGACY)
    doc = parse(P, text)
    assert doc["skip_user_verification"] is True
    assert "name" in doc["domain"] and "skip_user_verification" not in doc["domain"]
    assert text.replace("skip_user_verification = true\n", "") == original


def test_legacy_skip_flag_in_a_file_that_starts_with_a_table() -> None:
    text = with_skip_verification(P, "[domain]\nname = 'x'\n", Layout.LEGACY)
    assert parse(P, text)["skip_user_verification"] is True
    assert skip_flag_set(parse(P, text))


def test_current_skip_flag_goes_into_the_user_table() -> None:
    text = with_skip_verification(P, "[user]\nexpiration = 1\n", Layout.CURRENT)
    doc = parse(P, text)
    assert doc["user"]["skip_verification"] is True and doc["user"]["expiration"] == 1


def test_current_skip_flag_creates_the_user_table_when_missing() -> None:
    text = with_skip_verification(P, "[domain]\nname = 'x'\n", Layout.CURRENT)
    assert text == "[domain]\nname = 'x'\n\n[user]\nskip_verification = true\n"
