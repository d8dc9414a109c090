"""Whatever bytes config.toml holds, reading and merging it ends in a document or a FileProblem with a line
and a column counted from 1 — never another exception (SPEC §7: never a traceback)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.core.config_file import Layout, merge_smtp, parse_bytes, with_skip_verification
from wizard.core.endpoint import SmtpTable
from wizard.core.errors import FileProblem

P = Path("config.toml")
PIECES = st.sampled_from(
    [
        "[smtp]", "[smtp.x]", "[user]", "[[smtp]]", "smtp = ", "smtp.user = ", "user = ", "endpoint = ",
        "starttls = ", "true", "1", '"a"', "'b'", '"""', "{", "}", "[", "]", ",", "=", ".", " ", "\t", "\n",
        "\r\n", "\r", "#", "\ufeff", "\\", "x", "skip_user_verification = true", "smtp_config", "\x00", "é",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=30).map("".join)
BYTES = st.one_of(TEXTS.map(lambda text: text.encode("utf-8")), st.binary(max_size=40))
TABLE = SmtpTable("a@example.com", "smtp.example.com", "${SMTP_SECRET}", True)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BYTES)
def test_any_bytes_parse_or_give_a_file_problem_with_line_and_column(data: bytes) -> None:
    try:
        parse_bytes(P, data)
    except FileProblem as problem:
        assert problem.line is None or (problem.line >= 1 and (problem.col or 1) >= 1)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_merges_or_gives_a_file_problem(text: str) -> None:
    for edit in (
        lambda: merge_smtp(P, text, TABLE, drop_smtp_config=True).text,
        lambda: with_skip_verification(P, text, Layout.LEGACY),
        lambda: with_skip_verification(P, text, Layout.CURRENT),
    ):
        try:
            result = edit()
        except FileProblem:
            continue
        parse_bytes(P, result.encode("utf-8"))  # whatever is produced parses again
