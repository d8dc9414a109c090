"""The `.env` merge-writer: `NAME="..."` that dotenvy reads back exactly, every other byte untouched."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.core.dotenv import (
    DotenvParseError,
    DotenvVerifyError,
    parse,
    quote_value,
    set_variable,
    verify_round_trip,
    without_bom,
)
from wizard.core.errors import ValidationError

NAME = "SMTP_SECRET"


# --- quote_value -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("plain", '"plain"'),
        ("", '""'),
        ('say "hi"', r'"say \"hi\""'),
        ("back\\slash\\", r'"back\\slash\\"'),
        ("$HOME ${X}", r'"\$HOME \${X}"'),
        ("two\nlines", r'"two\nlines"'),
        ("it's # not a comment", '"it\'s # not a comment"'),
        ("cr\rtab\t", '"cr\rtab\t"'),
    ],
)
def test_quote_value_escapes_exactly_backslash_quote_dollar_and_newline(value: str, quoted: str) -> None:
    assert quote_value(value) == quoted


def test_quote_value_refuses_nul() -> None:
    with pytest.raises(ValidationError) as caught:
        quote_value("pass\x00word")
    assert (caught.value.field, caught.value.msg_id) == ("secret", "validation.secret_nul")


def test_quote_value_refuses_a_lone_surrogate() -> None:
    with pytest.raises(ValidationError) as caught:
        quote_value("pass\udcffword")
    assert (caught.value.field, caught.value.msg_id) == ("secret", "dotenv.secret_not_utf8")


def test_set_variable_refuses_nul_without_returning_text() -> None:
    with pytest.raises(ValidationError):
        set_variable("A=1\n", NAME, "x\x00")


# --- names -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "1SECRET", "SMTP-SECRET", "SMTP SECRET", "SMTP.SECRET", "SMTP_SECRET\n"])
def test_invalid_variable_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        set_variable("A=1\n", name, "x")
    assert caught.value.field == "secret_var"


# --- rewriting ---------------------------------------------------------------------------------------------


def test_first_definition_is_rewritten_and_later_ones_are_reported() -> None:
    text = "A=1\nSMTP_SECRET=old\nB=2\nSMTP_SECRET=older\n\nSMTP_SECRET=oldest\n"
    result = set_variable(text, NAME, "new")
    assert (result.text, result.line_no, result.appended, result.ignored_lines) == (
        'A=1\nSMTP_SECRET="new"\nB=2\nSMTP_SECRET=older\n\nSMTP_SECRET=oldest\n',
        2,
        False,
        (4, 6),
    )


def test_export_prefix_indentation_and_trailing_comment_stay() -> None:
    result = set_variable("  export\tSMTP_SECRET = 'old'   # from the provider\n", NAME, "new")
    assert result.text == '  export\tSMTP_SECRET="new"   # from the provider\n'


def test_crlf_file_stays_crlf() -> None:
    result = set_variable("# c\r\nSMTP_SECRET=old\r\nB=2\r\n", NAME, "new")
    assert result.text == '# c\r\nSMTP_SECRET="new"\r\nB=2\r\n'


def test_missing_final_newline_is_preserved() -> None:
    assert set_variable("A=1\nSMTP_SECRET=old", NAME, "new").text == 'A=1\nSMTP_SECRET="new"'


def test_multiline_first_definition_becomes_one_line_and_later_lines_renumber() -> None:
    result = set_variable('SMTP_SECRET="a\nb\nc"\nSMTP_SECRET=x\n', NAME, "new")
    assert (result.text, result.ignored_lines) == ('SMTP_SECRET="new"\nSMTP_SECRET=x\n', (2,))


def test_a_text_with_a_byte_order_mark_is_never_written_to_as_it_is() -> None:
    # dotenvy refuses such a file (issue 22): the writer refuses too; `without_bom` is the caller's repair.
    with pytest.raises(DotenvParseError) as caught:
        set_variable("\ufeffSMTP_SECRET=old\n", NAME, "new")
    assert (caught.value.line, caught.value.col, caught.value.msg_id) == (1, 1, "file_layer.env_bom")


def test_only_the_exact_name_matches() -> None:
    result = set_variable("SMTP_SECRET_OLD=1\nsmtp_secret=2\n", NAME, "new")
    assert result.text == 'SMTP_SECRET_OLD=1\nsmtp_secret=2\nSMTP_SECRET="new"\n'


def test_unparsable_file_is_refused() -> None:
    with pytest.raises(DotenvParseError) as caught:
        set_variable("A=1\nB=two words\n", NAME, "new")
    assert caught.value.line == 2


# --- appending ---------------------------------------------------------------------------------------------


def test_append_to_file_ending_with_newline() -> None:
    result = set_variable("A=1\n", NAME, "new")
    assert (result.text, result.line_no, result.appended) == ('A=1\nSMTP_SECRET="new"\n', 2, True)


def test_append_adds_the_missing_newline_first() -> None:
    assert set_variable("A=1", NAME, "new").text == 'A=1\nSMTP_SECRET="new"\n'


def test_append_uses_crlf_in_a_crlf_file() -> None:
    assert set_variable("A=1\r\nB=2", NAME, "new").text == 'A=1\r\nB=2\r\nSMTP_SECRET="new"\r\n'


def test_append_completes_a_dangling_carriage_return_in_a_crlf_file() -> None:
    assert set_variable("A=1\r\nB=2\r", NAME, "new").text == 'A=1\r\nB=2\r\nSMTP_SECRET="new"\r\n'


def test_append_to_empty_text() -> None:
    assert set_variable("", NAME, "new").text == 'SMTP_SECRET="new"\n'


def test_append_after_a_removed_byte_order_mark_only() -> None:
    removed, text = without_bom("\ufeff")
    assert removed and set_variable(text, NAME, "new").text == 'SMTP_SECRET="new"\n'


def test_result_repr_does_not_show_the_secret() -> None:
    assert "hunter2" not in repr(set_variable("", NAME, "hunter2"))


# --- verify_round_trip -------------------------------------------------------------------------------------


def test_verify_accepts_what_the_writer_wrote() -> None:
    text = set_variable("A=1\n", NAME, 'p"$w\\').text
    assert verify_round_trip(text, NAME, 'p"$w\\').effective(NAME) == 'p"$w\\'


def test_verify_expands_nothing_so_an_unescaped_reference_is_caught() -> None:
    # HOME is set in the test process; verification reads with an empty environment regardless.
    with pytest.raises(DotenvVerifyError) as caught:
        verify_round_trip("SMTP_SECRET=$HOME/x\n", NAME, "$HOME/x")
    assert caught.value.msg_id == "dotenv.verify_mismatch"


def test_verify_refuses_text_that_does_not_parse() -> None:
    with pytest.raises(DotenvVerifyError) as caught:
        verify_round_trip('A=1\nSMTP_SECRET="x\n', NAME, "x")
    assert (caught.value.msg_id, caught.value.line) == ("dotenv.verify_unreadable", 2)


def test_verify_refuses_a_different_value() -> None:
    with pytest.raises(DotenvVerifyError) as caught:
        verify_round_trip("SMTP_SECRET=a\nSMTP_SECRET=b\n", NAME, "b")
    assert (caught.value.msg_id, caught.value.line) == ("dotenv.verify_mismatch", 1)


def test_verify_refuses_a_missing_variable() -> None:
    with pytest.raises(DotenvVerifyError) as caught:
        verify_round_trip("A=1\n", NAME, "x")
    assert caught.value.msg_id == "dotenv.verify_mismatch"


def test_verify_error_never_shows_the_value() -> None:
    with pytest.raises(DotenvVerifyError) as caught:
        verify_round_trip("SMTP_SECRET=a\n", NAME, "hunter2")
    assert "hunter2" not in str(caught.value) and "hunter2" not in repr(caught.value.params)


# --- property: any secret, realistic files -------------------------------------------------------------------

# A realistic .env around the definition slot `{}`; `None` in DEFINITIONS means "not defined yet".
HEAD = [
    "# BOMnipotent Server environment",
    "DATABASE_URL=postgres://bom:pw@localhost/bom",
    "export ADMIN_MAIL=admin@example.org",
    "",
]
TAIL = [
    "# keep the quotes below",
    'GREETING="it\'s \\"fine\\" \\$5"',
    "WIN_PATH='C:\\temp\\$x'",
    "  export   INDENTED=yes # note",
    "REF=${DATABASE_URL}",
]
# (lines of the existing first definition, what stays before the name, what stays after the value)
DEFINITIONS: list[tuple[list[str], str, str] | None] = [
    None,
    (["SMTP_SECRET=old"], "", ""),
    (['export SMTP_SECRET="old value" # set 2024 \' "'], "export ", " # set 2024 ' \""),
    (["  SMTP_SECRET='single $quoted'"], "  ", ""),
    (["SMTP_SECRET="], "", ""),
    (['SMTP_SECRET="first line', 'second line"'], "", ""),
]
IGNORED = "SMTP_SECRET=the-ignored-one"

TRICKY = "\"'\\$ {}#\t\n\r=`A_\u00a0\u2028😀"
secrets = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1),
    st.text(st.sampled_from(TRICKY), min_size=1),
    st.sampled_from(["\\", 'a"', "$", "${X}", "$X", "x\\", "\\n", "\r\n", " lead", "trail ", "#", "'", "😀"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    secret=secrets,
    definition=st.sampled_from(DEFINITIONS),
    duplicate=st.booleans(),
    crlf=st.booleans(),
    final_newline=st.booleans(),
)
def test_any_secret_reads_back_identical_and_other_lines_stay_byte_identical(
    secret: str, definition: tuple[list[str], str, str] | None, duplicate: bool, crlf: bool, final_newline: bool
) -> None:
    eol = "\r\n" if crlf else "\n"
    existing, keep_before, keep_after = definition or ([], "", "")
    extra = [IGNORED] if duplicate and definition else []
    text = eol.join(HEAD + existing + TAIL + extra) + (eol if final_newline else "")
    before = parse(text).variables()

    result = set_variable(text, NAME, secret)

    # Read back as the server would, even with an environment that defines the names in the secret.
    after = parse(result.text, {"X": "expanded", "HOME": "/root"})
    assert after.effective(NAME) == secret
    assert {k: v for k, v in after.variables().items() if k != NAME} == {k: v for k, v in before.items() if k != NAME}
    written = f"{NAME}={quote_value(secret)}"
    new_lines, old_lines = result.text.split(eol), text.split(eol)
    if definition is None:
        assert result.appended and new_lines[-2:] == [written, ""]
        assert new_lines[:-2] == (old_lines[:-1] if final_newline else old_lines)
    else:
        at = len(HEAD)
        assert new_lines[:at] == old_lines[:at]
        assert new_lines[at] == keep_before + written + keep_after
        assert new_lines[at + 1 :] == old_lines[at + len(existing) :]
    assert result.ignored_lines == ((new_lines.index(IGNORED) + 1,) if extra else ())
