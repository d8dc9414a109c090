"""The `.env` reader against dotenvy's own test vectors and documented behaviour (allan2/dotenvy,
`parse.rs`, `iter.rs` and the integration tests `test-multiline*.rs`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.core import i18n
from wizard.core.dotenv import DotenvDocument, DotenvParseError, parse
from wizard.core.errors import FileProblem


def values(text: str, env: dict[str, str] | None = None) -> list[tuple[str, str]]:
    return [(e.key, e.value) for e in parse(text, env).entries]


def error_at(text: str) -> tuple[int | None, int | None, str]:
    with pytest.raises(DotenvParseError) as caught:
        parse(text)
    return caught.value.line, caught.value.col, caught.value.msg_id


# --- dotenvy's parse.rs vectors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("KEY=1", ("KEY", "1")),
        ('KEY2="2"', ("KEY2", "2")),
        ("KEY3='3'", ("KEY3", "3")),
        ("KEY4='fo ur'", ("KEY4", "fo ur")),
        ('KEY5="fi ve"', ("KEY5", "fi ve")),
        (r"KEY6=s\ ix", ("KEY6", "s ix")),
        ("KEY7=", ("KEY7", "")),
        ("KEY8=     ", ("KEY8", "")),
        ("KEY9=   # foo", ("KEY9", "")),
        ('KEY10  ="whitespace before ="', ("KEY10", "whitespace before =")),
        ('KEY11=    "whitespace after ="', ("KEY11", "whitespace after =")),
        ('export="export as key"', ("export", "export as key")),
        ("export   SHELL_LOVER=1", ("SHELL_LOVER", "1")),
        ("KEY.Value=VALUE", ("KEY.Value", "VALUE")),
    ],
)
def test_basic_line_forms_read_as_dotenvy_reads_them(line: str, expected: tuple[str, str]) -> None:
    assert values(line + "\n") == [expected]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (r"KEY=my\ cool\ value", "my cool value"),
        (r"KEY=\$sweet", "$sweet"),
        (r'KEY="awesome stuff \"mang\""', 'awesome stuff "mang"'),
        (r"KEY='sweet $\fgs'\''fds'", r"sweet $\fgs'fds"),
        (r'KEY="' "'" r'\"yay\\"\ "stuff"', r"""'"yay\ stuff"""),
        ('KEY="lol" #well you see when I say lol wh', "lol"),
        (r'KEY="line 1\nline 2"', "line 1\nline 2"),
        (r'KEY="single \' quote"', "single ' quote"),
    ],
)
def test_escapes_outside_single_quotes(line: str, expected: str) -> None:
    assert values(line + "\n") == [("KEY", expected)]


@pytest.mark.parametrize(
    ("text", "line", "col", "msg_id"),
    [
        ("KEY=my uncool value\n", 1, 7, "dotenv.unquoted_blank"),
        ('KEY2="why\n', 1, 6, "dotenv.eof_quote"),
        ("KEY3='please stop''\n", 1, 19, "dotenv.eof_quote"),
        ("KEY4=h\\8u\n", 1, 8, "dotenv.bad_escape"),
        ("  invalid    \n", 1, 10, "dotenv.equals_expected"),
        ("very bacon = yes indeed\n", 1, 6, "dotenv.equals_expected"),
        ("=value", 1, 1, "dotenv.key_expected"),
        (".Key=VALUE\n", 1, 1, "dotenv.key_expected"),
        ("<><><>\n", 1, 1, "dotenv.key_expected"),
        ("VALUE=>\\f<\n", 1, 9, "dotenv.bad_escape"),
        ("KEY=VALUE\nKEY1=>${KEY{<\n", 2, 7, "dotenv.unclosed_brace"),
        ("export\n", 1, 7, "dotenv.key_expected"),
    ],
)
def test_invalid_lines_are_refused_with_line_and_column(text: str, line: int, col: int, msg_id: str) -> None:
    assert error_at(text) == (line, col, msg_id)


# --- substitution -----------------------------------------------------------------------------------------


def test_braced_reference_inside_double_quotes_expands() -> None:
    assert values('KEY=test\nKEY1="${KEY}"\n')[1] == ("KEY1", "test")


def test_undefined_references_expand_to_nothing() -> None:
    assert values('KEY=">$KEY1<>${KEY2}<"\n') == [("KEY", "><><")]


def test_escaped_dollar_does_not_expand_unquoted_or_double_quoted() -> None:
    assert values('A=>\\$KEY1<>\\${KEY2}<\nB=">\\$KEY1<>\\${KEY2}<"\n', {"KEY1": "x", "KEY2": "y"}) == [
        ("A", ">$KEY1<>${KEY2}<"),
        ("B", ">$KEY1<>${KEY2}<"),
    ]


def test_single_quotes_do_not_expand() -> None:
    assert values("KEY='>${KEY1}<>$KEY2<'\n", {"KEY1": "x", "KEY2": "y"}) == [("KEY", ">${KEY1}<>$KEY2<")]


def test_same_reference_used_twice() -> None:
    assert values("KEY=VALUE\nKEY1=$KEY$KEY\n")[1] == ("KEY1", "VALUEVALUE")


def test_reference_to_a_later_definition_is_empty() -> None:
    assert values("KEY=${KEY1}+KEY_VALUE\nKEY1=${KEY}+KEY1_VALUE\n") == [
        ("KEY", "+KEY_VALUE"),
        ("KEY1", "+KEY_VALUE+KEY1_VALUE"),
    ]


def test_unbraced_name_stops_at_the_first_non_alphanumeric_even_underscore() -> None:
    text = 'KEY1=test_user\nKEY1_1=other\nKEY=">$KEY1_1<>$KEY1}<>$KEY1{<"\nKEY2=$KEY1_2\n'
    assert values(text)[2:] == [("KEY", ">test_user_1<>test_user}<>test_user{<"), ("KEY2", "test_user_2")]


def test_environment_wins_over_the_file_in_substitution() -> None:
    assert values('KEY11=test_user\nKEY=">${KEY11}<"\n', {"KEY11": "test_user_env"}) == [
        ("KEY11", "test_user"),
        ("KEY", ">test_user_env<"),
    ]


def test_substitution_sees_the_first_definition_like_a_loading_server() -> None:
    # While loading, dotenvy sets a variable only if unset, so the first definition is what later lines see.
    assert values("A=first\nA=second\nB=$A\n")[2] == ("B", "first")


def test_no_environment_means_an_empty_one() -> None:
    assert values('KEY=">$HOME<"\n') == [("KEY", "><")]


def test_dollar_before_the_closing_double_quote_swallows_it() -> None:
    # dotenvy ends the reference at `"` and keeps the quote as text, so the quote never closes.
    assert error_at('KEY="abc$"\n') == (1, 5, "dotenv.unclosed_double")


def test_unbraced_reference_right_before_the_closing_double_quote_swallows_it() -> None:
    assert error_at('KEY="$HOME"\n') == (1, 5, "dotenv.unclosed_double")


# --- comments, export, blank lines -------------------------------------------------------------------------


def test_comment_and_blank_lines_define_nothing() -> None:
    assert values("\n# foo=bar\n#    \n   \n\t# indented\n") == []


def test_hash_without_preceding_blank_is_part_of_the_value() -> None:
    assert values("KEY=test_val_with_#_hash # comment\n") == [("KEY", "test_val_with_#_hash")]


def test_quotes_inside_comments_do_not_open_values() -> None:
    text = (
        "# Comment line with single ' quote\n"
        ' # Comment line with double " quote and starts with a space\n'
        "TESTKEY1=test_val # 1 '\" comment\n"
        'TESTKEY3="test_val quoted with # hash" # 3 \'" comment\n'
    )
    assert values(text) == [("TESTKEY1", "test_val"), ("TESTKEY3", "test_val quoted with # hash")]


def test_export_prefix_with_tabs_is_recognised() -> None:
    entry = parse("export\tSMTP_SECRET=x\n").entries[0]
    assert (entry.key, entry.value, entry.exported) == ("SMTP_SECRET", "x", True)


# --- multi-line values, line endings, BOM ---------------------------------------------------------------------


def test_multiline_double_quoted_value_keeps_its_line_breaks_and_hashes() -> None:
    text = 'TESTKEY4="Line 1\n# Line 2\nLine 3" # 4 Multiline "\' comment\nNEXT=1\n'
    assert values(text) == [("TESTKEY4", "Line 1\n# Line 2\nLine 3"), ("NEXT", "1")]


def test_multiline_single_quoted_value_mixed_with_double_quotes() -> None:
    text = "KEY4='hello '\\''world'\"\ngood ' \\'morning\"\n"
    assert values(text) == [("KEY4", "hello 'world\ngood ' 'morning")]


def test_private_key_escapes_differ_between_weak_and_strong_quotes() -> None:
    raw = '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\\n\\"QUOTED\\"'
    assert values(f"WEAK=\"{raw}\"\nSTRONG='{raw}'\n") == [
        ("WEAK", '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"QUOTED"'),
        ("STRONG", raw),
    ]


def test_crlf_line_endings_are_not_part_of_values() -> None:
    assert values("A=1\r\nB=\"two\"\r\nC='3' # c\r\n") == [("A", "1"), ("B", "two"), ("C", "3")]


def test_crlf_inside_a_multiline_value_is_kept_as_dotenvy_keeps_it() -> None:
    assert values('A="x\r\ny"\r\n') == [("A", "x\r\ny")]


def test_byte_order_mark_is_refused_at_line_1_column_1_like_dotenvy() -> None:
    # dotenvy 0.15.7 has no BOM handling: U+FEFF is not whitespace, so the first line's key starts with it
    # and the parser stops at index 0 (issue 22; the server got no variable from such a file).
    assert error_at("\ufeffKEY=value\n") == (1, 1, "file_layer.env_bom")


def test_missing_final_newline_is_fine() -> None:
    assert values("A=1\nB=2") == [("A", "1"), ("B", "2")]


def test_blank_after_the_last_value_without_newline_is_refused_like_dotenvy() -> None:
    assert error_at("A=1\nB=2 ") == (2, 4, "dotenv.eof_blank")


def test_two_blanks_after_the_last_value_without_newline_are_fine_like_dotenvy() -> None:
    assert values("A=1\nB=2  ") == [("A", "1"), ("B", "2")]


def test_quote_in_a_comment_after_two_blanks_opens_a_value_like_dotenvy() -> None:
    # dotenvy's line splitter only sees a comment after an odd number of blanks.
    assert error_at("A=1  # don't\nB=2\n") == (1, 11, "dotenv.eof_quote")


def test_quote_in_a_comment_after_one_blank_is_just_a_comment() -> None:
    assert values("A=1 # don't\nB=2\n") == [("A", "1"), ("B", "2")]


def test_trailing_backslash_without_newline_is_refused_like_dotenvy() -> None:
    assert error_at("A=abc\\") == (1, 6, "dotenv.eof_backslash")


def test_unclosed_quote_is_reported_where_it_opens() -> None:
    assert error_at('A=1\nB=2\nSMTP_SECRET="abc\nmore\n') == (3, 13, "dotenv.eof_quote")


def test_error_column_counts_characters_on_the_physical_line() -> None:
    assert error_at('A="ü\nß" x\n') == (2, 3, "dotenv.unquoted_blank")


# --- the document ------------------------------------------------------------------------------------------


def test_first_definition_is_the_effective_one() -> None:
    document = parse("A=1\nSMTP_SECRET=first\nB=2\nexport SMTP_SECRET=second\n")
    assert document.effective("SMTP_SECRET") == "first"


def test_all_definitions_are_listed_with_their_lines() -> None:
    document = parse("SMTP_SECRET=first\n\n# x\nSMTP_SECRET=second\n")
    assert [(e.value, e.line_no) for e in document.definitions("SMTP_SECRET")] == [("first", 1), ("second", 4)]


def test_undefined_variable_has_no_effective_value() -> None:
    assert parse("A=1\n").effective("SMTP_SECRET") is None


def test_variables_maps_each_name_to_its_first_value() -> None:
    assert parse("A=1\nB=2\nA=3\n").variables() == {"A": "1", "B": "2"}


def test_entry_span_covers_the_definition_without_comment() -> None:
    text = "X=1\n  export SMTP_SECRET='old' # note\n"
    entry = parse(text).entries[1]
    assert (text[entry.start : entry.end], text[entry.key_start : entry.end]) == (
        "export SMTP_SECRET='old'",
        "SMTP_SECRET='old'",
    )


def test_values_never_appear_in_reprs() -> None:
    document = parse('SMTP_SECRET="hunter2-secret"\n')
    assert "hunter2" not in repr(document) and "hunter2" not in repr(document.entries[0])


def test_parse_errors_never_quote_the_value() -> None:
    with pytest.raises(DotenvParseError) as caught:
        parse('SMTP_SECRET="hunter2 \\q"\n')
    assert "hunter2" not in str(caught.value) and "hunter2" not in repr(caught.value.params)


def test_parse_error_becomes_a_file_problem_with_path_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(DotenvParseError) as caught:
        parse("A=1\nB=x y\n")
    problem = caught.value.at(tmp_path / ".env")
    assert isinstance(problem, FileProblem) and problem.location == f"{tmp_path / '.env'}, line 2, column 4"


def test_parse_error_message_in_german() -> None:
    i18n.set_language("de")
    with pytest.raises(DotenvParseError) as caught:
        parse("A=1\nB=x y\n")
    assert str(caught.value).startswith("Zeile 2, Spalte 4: Der Wert von B enthält")


def test_empty_text_is_an_empty_document() -> None:
    assert parse("") == DotenvDocument(())
