"""Removing the skip flag (writing [smtp], moving [smtp_config], switching the skip layout) takes an emptied
`[user]` table with it — with the blank line that separated it — and keeps every table that still holds
something of the user's: another key, a sub-table, a comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core.config_file import Layout, merge_smtp, parse, with_skip_verification
from wizard.core.endpoint import SmtpTable

P = Path("config.toml")
NEW = SmtpTable(user="new@example.com", endpoint="smtp.example.com")
NEW_TEXT = '[smtp]\nuser = "new@example.com"\nendpoint = "smtp.example.com"\n'


def test_writing_smtp_removes_a_user_table_that_held_only_the_skip_flag() -> None:
    result = merge_smtp(P, 'domain = "x"\n\n[user]\nskip_verification = true\n', NEW)
    assert result.removed_skip_flag
    assert result.text == 'domain = "x"\n\n' + NEW_TEXT


def test_writing_smtp_removes_an_emptied_user_table_between_two_others() -> None:
    original = "[a]\nb = 1\n\n[user]\nskip_verification = true\n\n[c]\nd = 2\n"
    assert merge_smtp(P, original, NEW).text == "[a]\nb = 1\n\n[c]\nd = 2\n\n" + NEW_TEXT


def test_writing_smtp_into_an_existing_table_removes_the_emptied_user_table_at_the_end() -> None:
    original = '[smtp]\nuser = "old@example.com"\nendpoint = "old.example.com"\n\n[user]\nskip_verification = true\n'
    assert merge_smtp(P, original, NEW).text == NEW_TEXT


def test_a_crlf_file_keeps_its_line_endings_when_the_user_table_goes() -> None:
    result = merge_smtp(P, 'domain = "x"\r\n\r\n[user]\r\nskip_verification = true\r\n', NEW)
    assert result.text == ('domain = "x"\n\n' + NEW_TEXT).replace("\n", "\r\n")


def test_a_dotted_skip_flag_leaves_nothing_behind() -> None:
    result = merge_smtp(P, 'domain = "x"\nuser.skip_verification = true\n', NEW)
    assert "user" not in parse(P, result.text)
    assert result.text == 'domain = "x"\n\n' + NEW_TEXT


@pytest.mark.parametrize(
    "user_table",
    [
        "[user]\nskip_verification = true\nexpiration = '1 year'\n",  # another key
        "[user]\n# kept for the team\nskip_verification = true\n",  # a comment of the user's
        "[user]\nskip_verification = true\n\n[user.limits]\nmax = 3\n",  # a sub-table
    ],
)
def test_a_user_table_that_still_holds_something_stays(user_table: str) -> None:
    result = merge_smtp(P, user_table, NEW)
    assert "skip_verification" not in result.text
    assert result.text.startswith("[user]\n")


def test_switching_to_the_legacy_layout_removes_the_emptied_user_table() -> None:
    text = with_skip_verification(P, '[domain]\nname = "x"\n\n[user]\nskip_verification = true\n', Layout.LEGACY)
    assert text == 'skip_user_verification = true\n\n[domain]\nname = "x"\n'
