"""Docker Compose's `.env` grammar: the writer's output reaches the container byte-exact, and the reader
agrees with the real `docker compose` on hand-written files (the oracle)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.deployment.oracle import container_env
from wizard.core.deployment import compose_dotenv
from wizard.core.dotenv import DotenvParseError
from wizard.core.errors import ValidationError

# Pieces a secret may be made of: the grammar's special characters and sequences, blanks, unicode.
_PIECES = st.one_of(
    st.sampled_from([*list("\"'$\\#{}= \t\n\r`!;|&*?~"), "${X}", "$$", "\\n", "\\", "é", "ß", "😀", "\xa0", "\u2028"]),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
)
HOSTILE = st.lists(_PIECES, min_size=1, max_size=16).map("".join)


def _project(folder: Path, env_text: str, names: list[str]) -> None:
    entries = "".join(f"      {n}: ${{{n}}}\n" for n in names)
    folder.joinpath("compose.yaml").write_text(f"services:\n  app:\n    image: x\n    environment:\n{entries}")
    folder.joinpath(".env").write_text(env_text, encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(secret=HOSTILE)
def test_hostile_secret_reaches_the_container_byte_exact(tmp_path_factory: pytest.TempPathFactory, secret: str) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    existing = "# keep me\nOTHER='x y'\nSMTP_SECRET=old\n"
    written = compose_dotenv.set_variable(existing, "SMTP_SECRET", secret).text
    _project(folder, written, ["SMTP_SECRET", "OTHER"])
    got = container_env(folder, "app")
    assert got["SMTP_SECRET"] == secret
    assert got["OTHER"] == "x y"
    assert compose_dotenv.parse(written).effective("SMTP_SECRET") == secret


@pytest.mark.parametrize(
    "secret",
    [
        "trailing\\",
        "\\",
        "a\\\\b",
        'q"uote',
        "it's",
        "$HOME",
        "${X}",
        "$$",
        "a #b",
        " lead and trail ",
        "tab\there",
        "line\nbreak",
        "cr\rlf",
        "\\$X",
        "\\n",
        "\\0101",
        "ünïcödé",
    ],
)
def test_named_hard_secrets_reach_the_container_byte_exact(tmp_path: Path, secret: str) -> None:
    _project(tmp_path, compose_dotenv.set_variable("", "SMTP_SECRET", secret).text, ["SMTP_SECRET"])
    assert container_env(tmp_path, "app")["SMTP_SECRET"] == secret


HAND_WRITTEN = """\
# comment line
PLAIN=value
SPACED = spaced value   # trailing comment
HASHED=a#b
export EXPORTED="double \\"quoted\\" \\\\ \\t tab"
SINGLE='single \\' quote $HOME'
YAMLISH: colon form
EXPANDED="${PLAIN}-x"
BRACED=${PLAIN:-fallback}
DEFAULTED=${UNSET_THING:-fallback}
MULTI="first
second"
OCTAL="\\0101"
DUP=first
DUP=second
EMPTY=
"""
NAMES = [
    "PLAIN",
    "SPACED",
    "HASHED",
    "EXPORTED",
    "SINGLE",
    "YAMLISH",
    "EXPANDED",
    "BRACED",
    "DEFAULTED",
    "MULTI",
    "OCTAL",
    "DUP",
    "EMPTY",
]


def test_reader_agrees_with_docker_compose_on_a_hand_written_file(tmp_path: Path) -> None:
    _project(tmp_path, HAND_WRITTEN, NAMES)
    truth = container_env(tmp_path, "app")
    ours = compose_dotenv.parse(HAND_WRITTEN).variables()
    assert {n: ours.get(n) for n in NAMES} == {n: truth[n] for n in NAMES}


def test_shell_variable_wins_inside_env_values_as_in_compose(tmp_path: Path) -> None:
    text = "BASE=file\nDERIVED=${BASE}-x\n"
    _project(tmp_path, text, ["DERIVED"])
    assert container_env(tmp_path, "app", {"BASE": "shell"})["DERIVED"] == "shell-x"
    assert compose_dotenv.parse(text, {"BASE": "shell"}).effective("DERIVED") == "shell-x"


def test_last_definition_is_rewritten_and_earlier_ones_reported(tmp_path: Path) -> None:
    result = compose_dotenv.set_variable("SMTP_SECRET=a\nX=1\nSMTP_SECRET=b # note\n", "SMTP_SECRET", "new")
    assert result.text == 'SMTP_SECRET=a\nX=1\nSMTP_SECRET="new" # note\n'
    assert result.ignored_lines == (1,)
    _project(tmp_path, result.text, ["SMTP_SECRET"])
    assert container_env(tmp_path, "app")["SMTP_SECRET"] == "new"


def test_other_lines_stay_byte_identical_with_crlf_and_no_final_newline() -> None:
    text = "# c\r\nA='1'\r\nexport B=2"
    assert compose_dotenv.set_variable(text, "SMTP_SECRET", "s").text == text + '\r\nSMTP_SECRET="s"\r\n'


def test_unterminated_quote_is_reported_with_line_and_column() -> None:
    with pytest.raises(DotenvParseError) as caught:
        compose_dotenv.parse('A=1\nB="open\n')
    assert (caught.value.line, caught.value.col) == (2, 3)


def test_nul_in_secret_is_refused() -> None:
    with pytest.raises(ValidationError):
        compose_dotenv.quote_value("a\x00b")


# Random `.env` files from the grammar's own characters, in every quoting style, with comments and `export`.
_VALUE_CHARS = st.sampled_from(["a", "b", " ", "\t", '"', "'", "\\", "$", "{", "}", "#", "=", ":", "A", "-"])
_LINE = st.tuples(
    st.sampled_from(["", "", "export "]),
    st.sampled_from(["=", "=", " = ", ":"]),
    st.sampled_from(["", "'", '"']),
    st.lists(_VALUE_CHARS, max_size=8).map("".join),
    st.sampled_from(["", " # note", "  "]),
)
_NAMES = ("K1", "K2", "K3")


def _compose_reads(folder: Path, text: str) -> dict[str, str] | None:
    """What compose gives the container for K1..K3 (`-` default: unset shows as UNSET), None when it
    refuses the file (it then prints "failed to read .env" and no configuration)."""
    import json
    import os
    import subprocess

    from tests.deployment.oracle import BINARY

    entries = "".join(f"      {n}: ${{{n}-UNSET}}\n" for n in _NAMES)
    folder.joinpath("compose.yaml").write_text(f"services:\n  app:\n    image: x\n    environment:\n{entries}")
    folder.joinpath(".env").write_text(text)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder)}
    run = subprocess.run(
        [str(BINARY), "config", "--format", "json"], cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    if run.returncode != 0 or not run.stdout.strip():
        return None
    values = json.loads(run.stdout)["services"]["app"]["environment"]
    return {n: values[n].replace("$$", "$") for n in _NAMES}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, min_size=3, max_size=3))
def test_reader_agrees_with_docker_compose_on_random_files_including_refusals(
    tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, str, str, str, str]]
) -> None:
    from wizard.core.deployment.interpolation import InterpolationError
    from wizard.core.dotenv import DotenvError

    text = "".join(
        f"{export}{name}{sep}{quote}{body}{quote}{tail}\n"
        for name, (export, sep, quote, body, tail) in zip(_NAMES, lines, strict=True)
    )
    truth = _compose_reads(tmp_path_factory.mktemp("random"), text)
    try:
        values = compose_dotenv.parse(text).variables()
        ours: dict[str, str] | None = {n: values.get(n, "UNSET") for n in _NAMES}
    except (DotenvError, InterpolationError):
        ours = None
    assert ours == truth, text
