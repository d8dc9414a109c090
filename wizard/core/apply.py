"""Plan a change to config.toml and .env, show it, then commit it atomically and verify it by reading back.

Planning reads both files and computes the new texts without touching anything; committing refuses when
either file changed on disk since it was read, writes `.env` first (harmless alone), then config.toml, and
re-reads both to check that the server will see exactly what was planned.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard.core import dotenv
from wizard.core.atomic import Snapshot, backup_path, check_unchanged, write_atomic
from wizard.core.config_file import (
    Layout,
    merge_smtp,
    read_config,
    read_smtp,
    render_table,
    with_skip_verification,
)
from wizard.core.endpoint import SmtpTable, smtp_table_for
from wizard.core.env_file import ENV_MODE, EnvFile, SecretOrigin, env_path_for, read_env
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.existing import ExistingSetup, load_existing
from wizard.core.i18n import tr
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Settings

CONFIG_NEW_FILE_MODE = 0o644


@dataclass(frozen=True)
class Note:
    """Something the user should know about a change, localized when shown."""

    msg_id: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return tr(self.msg_id, **self.params)


@dataclass
class ApplyPlan:
    config_path: Path
    env_path: Path
    table: SmtpTable | None  # None for the skip-verification plan
    config_before: str
    config_after: str
    notes: list[Note]
    config_snapshot: Snapshot = field(repr=False)
    env_snapshot: Snapshot | None = field(default=None, repr=False)
    env_after: str | None = field(default=None, repr=False)  # holds the secret: never shown, never logged
    secret_var: str | None = None
    expected_secret: Secret | None = field(default=None, repr=False)

    @property
    def config_changed(self) -> bool:
        return self.config_after != self.config_before or self.config_snapshot.data is None

    @property
    def env_changed(self) -> bool:
        return self.env_after is not None and (
            self.env_snapshot is None
            or self.env_snapshot.data is None
            or self.env_after.encode("utf-8") != self.env_snapshot.data
        )

    def config_diff(self) -> str:
        name = self.config_path.name
        return "".join(
            difflib.unified_diff(
                self.config_before.splitlines(keepends=True),
                self.config_after.splitlines(keepends=True),
                fromfile=f"{name} (before)",
                tofile=f"{name} (after)",
            )
        )

    def smtp_section(self) -> str:
        """The `[smtp]` table as it will stand in the file."""
        return "" if self.table is None else render_table("smtp", self.table.keys_written())


@dataclass
class ApplyResult:
    written: list[Path]
    notes: list[Note]
    restart_needed: bool


def plan_apply(settings: Settings, config_path: Path, existing: ExistingSetup | None = None) -> ApplyPlan:
    """Validate `settings` and compute the new config.toml and .env without writing anything."""
    settings = settings.validated()
    table = smtp_table_for(settings)
    existing = existing or load_existing(config_path)
    config = read_config(config_path)  # refuses to plan on a file it cannot parse
    config_before = config.text
    merged = merge_smtp(config_path, config_before, table)
    notes: list[Note] = []
    if merged.removed_skip_flag:
        notes.append(Note("apply.note.skip_removed"))
    if merged.removed_unknown_keys:
        notes.append(Note("apply.note.unknown_removed", {"keys": ", ".join(merged.removed_unknown_keys)}))
    env_path = env_path_for(config_path)
    env = read_env(env_path)
    env_after: str | None = None
    expected: Secret | None = None
    var = settings.secret_var
    if settings.secret_source is SecretSource.NEW:
        assert settings.secret is not None  # guaranteed by validated()
        expected = settings.secret
        env_after = _with_secret(env, env_path, var, expected, notes)
    elif settings.secret_source is SecretSource.KEEP:
        expected = _kept_secret(env, existing, var)
        if existing.secret_origin is SecretOrigin.CONFIG or (
            existing.secret_origin is SecretOrigin.ENV_FILE and existing.secret_var != var
        ):
            # The literal secret leaves config.toml for .env; a renamed variable takes the value along.
            env_after = _with_secret(env, env_path, var, expected, notes)
            if existing.secret_origin is SecretOrigin.CONFIG:
                notes.append(Note("apply.note.secret_moved", {"env": str(env_path)}))
        elif existing.secret_origin is SecretOrigin.ENVIRONMENT and env.value(var) is None:
            notes.append(Note("apply.note.secret_from_environment", {"name": var}))
    plan = ApplyPlan(
        config_path=config_path,
        env_path=env_path,
        table=table,
        config_before=config_before,
        config_after=merged.text,
        notes=notes,
        config_snapshot=config.snapshot,
        env_snapshot=env.snapshot,
        env_after=env_after,
        secret_var=var if settings.secret_source is not SecretSource.NONE else None,
        expected_secret=expected,
    )
    if plan.env_changed and not plan.config_changed:
        notes.append(Note("apply.note.restart", {}))
    return plan


def _kept_secret(env: EnvFile, existing: ExistingSetup, var: str) -> Secret:
    if existing.secret is not None:
        return existing.secret
    value = env.value(var)
    if value is None:
        raise ValidationError("secret", "files.keep_without_secret", name=var, env=str(env.snapshot.path))
    return Secret(value)


def _with_secret(env: EnvFile, env_path: Path, var: str, secret: Secret, notes: list[Note]) -> str:
    try:
        result = dotenv.set_variable(env.text, var, secret.reveal())
        dotenv.verify_round_trip(result.text, var, secret.reveal())  # before anything touches the disk
    except dotenv.DotenvError as exc:
        raise exc.at(env_path) from None
    if var in os.environ:
        notes.append(Note("apply.note.environment_overrides", {"name": var, "env": str(env_path)}))
    if result.ignored_lines:
        lines = ", ".join(str(n) for n in result.ignored_lines)
        notes.append(Note("apply.note.env_duplicates", {"name": var, "env": str(env_path), "lines": lines}))
    return result.text


def plan_skip(config_path: Path, layout: Layout) -> ApplyPlan:
    config = read_config(config_path)
    after = with_skip_verification(config_path, config.text, layout)
    notes = [Note("apply.note.skip_warning"), Note(f"apply.note.layout_{layout.value}")]
    return ApplyPlan(config_path, env_path_for(config_path), None, config.text, after, notes, config.snapshot)


def _tighten_note(snapshot: Snapshot) -> Note | None:
    if snapshot.mode is not None and snapshot.mode & 0o077:
        return Note("apply.note.env_tightened", {"env": str(snapshot.path), "mode": oct(snapshot.mode)[2:]})
    return None


def commit_apply(plan: ApplyPlan) -> ApplyResult:
    """Write what `plan` computed; refuse if a file changed since planning; verify by reading back."""
    check_unchanged(plan.config_snapshot)
    if plan.env_snapshot is not None:
        check_unchanged(plan.env_snapshot)
    written: list[Path] = []
    notes = list(plan.notes)
    if plan.env_changed and plan.env_snapshot is not None and plan.env_after is not None:
        tighten = _tighten_note(plan.env_snapshot)
        written.append(
            write_atomic(
                plan.env_snapshot,
                plan.env_after.encode("utf-8"),
                new_file_mode=ENV_MODE,
                backup_mode=ENV_MODE,
                force_mode=ENV_MODE,
            )
        )
        if tighten:
            notes.append(tighten)
    if plan.config_changed:
        written.append(
            write_atomic(plan.config_snapshot, plan.config_after.encode("utf-8"), new_file_mode=CONFIG_NEW_FILE_MODE)
        )
    _verify(plan)
    restart = plan.env_changed and not plan.config_changed
    return ApplyResult(written, notes, restart)


def _verify(plan: ApplyPlan) -> None:
    """Read both files back as the server will and compare with the plan."""
    config = read_config(plan.config_path)
    if config.text != plan.config_after:
        raise FileProblem(
            plan.config_path, "files.verify_failed", what="content", backup=str(backup_path(plan.config_path))
        )
    if plan.table is not None:
        section = read_smtp(config.doc, plan.config_path)
        if section is None or (section.user, section.endpoint, section.secret, section.starttls) != (
            plan.table.user,
            plan.table.endpoint,
            plan.table.secret,
            plan.table.starttls,
        ):
            raise FileProblem(
                plan.config_path, "files.verify_failed", what="[smtp]", backup=str(backup_path(plan.config_path))
            )
    if plan.env_changed and plan.secret_var and plan.expected_secret is not None:
        env = read_env(plan.env_path)
        if env.value(plan.secret_var) != plan.expected_secret.reveal():
            raise FileProblem(
                plan.env_path, "files.verify_failed", what=plan.secret_var, backup=str(backup_path(plan.env_path))
            )
        if env.snapshot.mode is not None and stat.S_IMODE(env.snapshot.mode) != ENV_MODE:
            raise FileProblem(
                plan.env_path, "files.verify_failed", what="mode 600", backup=str(backup_path(plan.env_path))
            )
