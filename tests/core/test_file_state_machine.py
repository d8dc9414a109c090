"""Sequences of apply / apply-again / keep-secret / skip-verification / external edits on realistic files:
after every step both files parse, every byte outside what the step owns is unchanged, and a second
identical apply changes nothing (SPEC §7 rev 2; issue 10 "Must show")."""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from wizard.core import dotenv
from wizard.core.apply import commit_apply, plan_apply, plan_skip
from wizard.core.config_file import Layout
from wizard.core.existing import load_existing
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Security, Settings

ROWS = [
    (Security.SMTPS, 465),
    (Security.STARTTLS, 587),
    (Security.STARTTLS, 2525),
    (Security.NONE, 25),
    (Security.NONE, 2525),
]
SMTP_FORMS = {
    "none": [],
    "table": ["[smtp]", 'user = "old@example.com"', 'endpoint = "old.example.com"', 'secret = "${SMTP_SECRET}"'],
    "inline": ['smtp = { user = "old@example.com", endpoint = "smtp://old.example.com:25" }'],
    "dotted": ['smtp.user = "old@example.com"', 'smtp.endpoint = "old.example.com"', "smtp.starttls = true"],
    "dotted split": ['smtp.user = "old@example.com"', 'motto = "x"', 'smtp.endpoint = "old.example.com"'],
    "literal secret": ["[smtp]", 'user = "old@example.com"', 'endpoint = "old.example.com"', 'secret = "lit-pw"'],
    "sub-table": ["[smtp]", 'user = "old@example.com"', 'endpoint = "old.example.com"', "[smtp.extra]", "extra = 1"],
}
ENV_FORMS = {
    "none": None,
    "simple": ["# secrets", 'SMTP_SECRET="old"', "OTHER=1"],
    "duplicates": ["SMTP_SECRET=first", "OTHER='x y'", "SMTP_SECRET=second"],
    "export": ["export SMTP_SECRET='old'  # note", "DB=postgres"],
    "changeme": ["SMTP_SECRET=#changeme"],
}
# Lines a step may add, remove or rewrite in config.toml: the [smtp] keys in every form, the skip flags,
# a removed unknown sub-table, and blank separators. Everything else must stay byte for byte.
OWNED_CONFIG = re.compile(
    r"^\s*(\[smtp(\.extra)?\]|\[user\]|smtp\s*=\s*\{.*|(smtp\.)?(user|endpoint|secret|starttls)\s*=.*"
    r"|skip_user_verification\s*=.*|skip_verification\s*=.*|extra = 1)?\s*$"
)
OWNED_ENV = re.compile(r"^\s*((export\s+)?SMTP_SECRET\s*=.*)?\s*$")
SECRETS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12)


def lines(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\n]*\n|[^\n]+$", data)


def only_owned_lines_differ(before: bytes, after: bytes, owned: re.Pattern[str]) -> None:
    old, new = lines(before.removeprefix(b"\xef\xbb\xbf")), lines(after.removeprefix(b"\xef\xbb\xbf"))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for line in old[i1:i2] + new[j1:j2]:
            text = line.decode("utf-8").rstrip("\r\n")
            gained_break = line.rstrip(b"\r\n") in [o.rstrip(b"\r\n") for o in old[i1:i2]] and not old[-1].endswith(
                b"\n"
            )
            assert owned.match(text) or gained_break, f"{tag}: {line!r} is not the step's to change"


def join(rows: list[str], endings: list[str]) -> str:
    return "".join(row + endings[i % len(endings)] for i, row in enumerate(rows))


class FilesMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="i10-sm-"))
        self.config = self.folder / "config.toml"
        self.env = self.folder / ".env"

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(
        form=st.sampled_from(sorted(SMTP_FORMS)),
        env_form=st.sampled_from(sorted(ENV_FORMS)),
        endings=st.lists(st.sampled_from(["\n", "\r\n"]), min_size=1, max_size=3),
        bom=st.booleans(),
    )
    def write_files(self, form: str, env_form: str, endings: list[str], bom: bool) -> None:
        rows = ["# BOMnipotent", 'title = "bom"', *SMTP_FORMS[form], "", "[domain]", "name = 'bom.example.com'"]
        text = ("\ufeff" if bom else "") + join(rows, endings)
        tomllib.loads(text.removeprefix("\ufeff"))  # the generated file itself is valid
        self.config.write_bytes(text.encode())
        if ENV_FORMS[env_form] is not None:
            self.env.write_bytes(join(ENV_FORMS[env_form], endings).encode())

    def snapshot(self) -> tuple[bytes, bytes]:
        return self.config.read_bytes(), self.env.read_bytes() if self.env.exists() else b""

    def settings(self, row: int, source: SecretSource, secret: str | None) -> Settings:
        security, port = ROWS[row]
        return Settings(
            user="it@example.com",
            host="smtp.example.com",
            port=port,
            security=security,
            secret_source=source,
            secret=Secret(secret) if secret is not None else None,
        )

    def apply_twice(self, chosen: Settings) -> None:
        before = self.snapshot()
        commit_apply(plan_apply(chosen, self.config))
        after = self.snapshot()
        only_owned_lines_differ(before[0], after[0], OWNED_CONFIG)
        only_owned_lines_differ(before[1], after[1], OWNED_ENV)
        again = plan_apply(chosen, self.config)
        assert not again.config_changed and not again.env_changed
        result = commit_apply(again)
        assert result.written == [] and self.snapshot() == after  # the second identical apply changes nothing

    @rule(row=st.integers(0, len(ROWS) - 1), secret=SECRETS)
    def apply_new_secret(self, row: int, secret: str) -> None:
        self.apply_twice(self.settings(row, SecretSource.NEW, secret))
        assert dotenv.parse(self.env.read_bytes().decode()).effective("SMTP_SECRET") == secret

    @precondition(lambda self: load_existing(self.config).kept_secret is not None)  # an empty one is none to keep
    @rule(row=st.integers(0, len(ROWS) - 1))
    def apply_keeping_the_secret(self, row: int) -> None:
        self.apply_twice(self.settings(row, SecretSource.KEEP, None))

    @rule(row=st.integers(0, len(ROWS) - 1))
    def apply_without_secret(self, row: int) -> None:
        self.apply_twice(self.settings(row, SecretSource.NONE, None))

    @rule(layout=st.sampled_from(list(Layout)))
    def skip_verification(self, layout: Layout) -> None:
        before = self.snapshot()
        commit_apply(plan_skip(self.config, layout))
        after = self.snapshot()
        only_owned_lines_differ(before[0], after[0], OWNED_CONFIG)
        assert after[1] == before[1]
        assert commit_apply(plan_skip(self.config, layout)).written == []

    @rule(ending=st.sampled_from(["\n", "\r\n"]), which=st.sampled_from(["config", "env"]))
    def external_edit(self, ending: str, which: str) -> None:
        path = self.config if which == "config" else self.env
        data = path.read_bytes() if path.exists() else b""
        if data and not data.endswith(b"\n"):
            data += ending.encode()
        line = "# edited by hand" if which == "config" else "EDITED=1"
        path.write_bytes(data + (line + ending).encode())

    @invariant()
    def both_files_parse(self) -> None:
        tomllib.loads(self.config.read_bytes().decode("utf-8-sig"))
        if self.env.exists():
            dotenv.parse(self.env.read_bytes().decode())


FilesMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=8, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_file_sequences = FilesMachine.TestCase


@pytest.mark.parametrize("row", range(len(ROWS)), ids=[f"{s.value}-{p}" for s, p in ROWS])
@pytest.mark.parametrize("form", sorted(SMTP_FORMS))
def test_a_second_identical_apply_changes_nothing_for_every_row_and_form(tmp_path: Path, row: int, form: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text("\n".join(['title = "bom"', *SMTP_FORMS[form], "", "[domain]", "name = 'x'"]) + "\n")
    (tmp_path / ".env").write_text('SMTP_SECRET="old"\n')
    security, port = ROWS[row]
    chosen = Settings(
        user="it@example.com", host="smtp.example.com", port=port, security=security,
        secret_source=SecretSource.NEW, secret=Secret("pw"),
    )  # fmt: skip
    commit_apply(plan_apply(chosen, config))
    first = config.read_bytes(), (tmp_path / ".env").read_bytes()
    assert commit_apply(plan_apply(chosen, config)).written == []
    keep = chosen.with_changes(secret_source=SecretSource.KEEP, secret=None)
    assert commit_apply(plan_apply(keep, config)).written == []
    assert (config.read_bytes(), (tmp_path / ".env").read_bytes()) == first
