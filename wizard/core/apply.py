"""Plan a change to config.toml and .env, show it, then commit both in one transaction.

Planning reads both files and computes the new texts without touching anything. Committing hands both to
`transaction.commit` (all or nothing, under the folder lock, refusing files changed since they were read,
owner and mode kept), `.env` first because a new secret alone is harmless; each new content is re-read
before anything is replaced and checked to say to the server exactly what was planned.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from tomlkit.toml_document import TOMLDocument

from wizard.core import dotenv
from wizard.core.atomic import Snapshot
from wizard.core.config_file import (
    Layout,
    merge_smtp,
    parse_bytes,
    read_config,
    read_smtp,
    read_smtp_config,
    render_table,
    with_skip_verification,
)
from wizard.core.endpoint import SmtpTable, smtp_table_for
from wizard.core.env_file import ENV_MODE, EnvFile, SecretOrigin, env_path_for, read_env
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.existing import ExistingSetup, load_existing
from wizard.core.folder_lock import FolderLock, folders_of
from wizard.core.notes import Note
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Settings
from wizard.core.transaction import FileChange, commit

CONFIG_NEW_FILE_MODE = 0o644

__all__ = ["ApplyPlan", "ApplyResult", "Note", "commit_apply", "lock_for", "plan_apply", "plan_skip"]


def lock_for(config_path: Path) -> FolderLock:
    """The lock a run holds from reading config.toml and its `.env` to the last replacement."""
    return FolderLock(folders_of([config_path, env_path_for(config_path)]))


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
    config_bom: bool = False
    config_held_secret: bool = False  # a literal secret stood in config.toml: its backup must be 0600

    @property
    def config_bytes(self) -> bytes:
        return (("\ufeff" if self.config_bom else "") + self.config_after).encode("utf-8")

    @property
    def config_changed(self) -> bool:
        return self.config_bytes != self.config_snapshot.data

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
    backups: list[Path] = field(default_factory=list)


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
        config_bom=config.bom,
        config_held_secret=_held_secret(config.doc, config_path),
    )
    if plan.env_changed and not plan.config_changed:
        notes.append(Note("apply.note.restart", {}))
    return plan


def _held_secret(doc: TOMLDocument, config_path: Path) -> bool:
    sections = (read_smtp(doc, config_path), read_smtp_config(doc, config_path))
    return any(section is not None and section.literal_secret for section in sections)


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
    return ApplyPlan(
        config_path,
        env_path_for(config_path),
        None,
        config.text,
        after,
        notes,
        config.snapshot,
        config_bom=config.bom,
        config_held_secret=_held_secret(config.doc, config_path),
    )


def _tighten_note(snapshot: Snapshot) -> Note | None:
    if snapshot.mode is not None and snapshot.mode & 0o077:
        return Note("apply.note.env_tightened", {"env": str(snapshot.path), "mode": oct(snapshot.mode)[2:]})
    return None


def file_changes(plan: ApplyPlan) -> list[FileChange]:
    """The plan as transaction changes: the `.env` (if its content changes) first, then config.toml."""
    changes: list[FileChange] = []
    if plan.env_changed and plan.env_snapshot is not None and plan.env_after is not None:
        changes.append(
            FileChange(
                plan.env_snapshot,
                plan.env_after.encode("utf-8"),
                check=lambda data: _check_env(plan, data),
                new_file_mode=ENV_MODE,
                mode=ENV_MODE,
                secret=True,
            )
        )
    changes.append(
        FileChange(
            plan.config_snapshot,
            plan.config_bytes,
            check=lambda data: _check_config(plan, data),
            new_file_mode=CONFIG_NEW_FILE_MODE,
            secret=plan.config_held_secret,
        )
    )
    return changes


def commit_apply(plan: ApplyPlan) -> ApplyResult:
    """Write what `plan` computed, all or nothing (see `transaction.commit`): refuses if a file changed
    since planning (FileChangedError), raises FileProblem or Cancelled with every file as it was."""
    notes = list(plan.notes)
    with lock_for(plan.config_path):
        result = commit(file_changes(plan))
    if plan.env_changed and plan.env_snapshot is not None:
        tighten = _tighten_note(plan.env_snapshot)
        if tighten:
            notes.append(tighten)
    notes.extend(result.notes)
    restart = plan.env_changed and not plan.config_changed
    return ApplyResult(result.written, notes, restart, result.backups)


def _check_config(plan: ApplyPlan, data: bytes) -> None:
    """The new config.toml parses and its [smtp] says exactly what was planned."""
    doc = parse_bytes(plan.config_path, data)
    if plan.table is None:
        return
    section = read_smtp(doc, plan.config_path)
    planned = (plan.table.user, plan.table.endpoint, plan.table.secret, plan.table.starttls)
    if section is None or (section.user, section.endpoint, section.secret, section.starttls) != planned:
        raise FileProblem(plan.config_path, "transaction.check_failed", reason="[smtp]")


def _check_env(plan: ApplyPlan, data: bytes) -> None:
    """The new `.env` parses as dotenvy reads it and gives the planned secret."""
    if plan.secret_var is None or plan.expected_secret is None:
        return
    try:
        dotenv.verify_round_trip(data.decode("utf-8"), plan.secret_var, plan.expected_secret.reveal())
    except dotenv.DotenvError as exc:
        raise exc.at(plan.env_path) from None
