"""Plan a change to config.toml and .env (and, in the compose layout, the compose file), show it, then commit
every file in one transaction.

Planning reads both files and computes the new texts without touching anything. Committing hands both to
`transaction.commit` (all or nothing, under the folder lock, refusing files changed since they were read,
owner and mode kept), `.env` first because a new secret alone is harmless; each new content is re-read
before anything is replaced and checked to say to the server exactly what was planned.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from dataclasses import replace as replaced
from pathlib import Path
from typing import Any

from wizard.core import dotenv
from wizard.core.atomic import Snapshot
from wizard.core.config_file import (
    Layout,
    merge_smtp,
    parse_bytes,
    read_back_or_error,
    read_config,
    read_smtp,
    read_smtp_config,
    render_table,
    with_skip_verification,
)
from wizard.core.deployment import compose_dotenv
from wizard.core.deployment.compose_edit import add_environment_entry
from wizard.core.deployment.compose_engine import DEFAULT_FILE_NAMES
from wizard.core.deployment.compose_file import parse_compose
from wizard.core.deployment.compose_hostname import set_service_hostname
from wizard.core.deployment.container_env import container_environment, secret_placement
from wizard.core.deployment.host_gateway import add_host_gateway, is_docker_host_name, maps_docker_host
from wizard.core.deployment.layout import Deployment, LayoutKind, detect_deployment
from wizard.core.deployment.secret_file import SecretFile, read_secret_file, with_secret
from wizard.core.deployment.verify import ExpectedSecret, verify_container
from wizard.core.endpoint import SmtpTable, smtp_table_for
from wizard.core.env_file import ENV_MODE, SecretOrigin, env_path_for
from wizard.core.errors import FileProblem, ValidationError
from wizard.core.existing import ExistingSetup, load_existing
from wizard.core.folder_lock import DEFAULT_TIMEOUT as LOCK_WAIT
from wizard.core.folder_lock import FolderLock, folders_of
from wizard.core.i18n import tr
from wizard.core.journal import JOURNAL_NAME
from wizard.core.notes import Note
from wizard.core.secret import Secret
from wizard.core.settings import SecretSource, Settings
from wizard.core.transaction import FileChange, commit
from wizard.core.warnings import SetupWarning, settings_warnings

CONFIG_NEW_FILE_MODE = 0o644

__all__ = [
    "ApplyPlan",
    "ApplyResult",
    "Note",
    "commit_apply",
    "lock_before_reading",
    "lock_for",
    "lock_for_reading",
    "plan_apply",
    "plan_move_smtp_config",
    "plan_skip",
]


def lock_for(config_path: Path, deployment: Deployment | None = None) -> FolderLock:
    """The lock a run holds from reading config.toml and its `.env` (and the compose project's files) to the
    last replacement."""
    paths = [config_path, env_path_for(config_path)]
    if deployment is not None and deployment.compose is not None:
        paths.append(deployment.compose.path)
    return FolderLock(folders_of(paths))


def lock_before_reading(
    config_path: Path, compose_file: Path | None = None, timeout: float = LOCK_WAIT
) -> AbstractContextManager[object]:
    """The lock a run takes before it reads or detects anything (SPEC §12 rev 3: recover, lock, then read):
    the config's folder, those of its two parents that hold a compose project or a journal, and the folder of
    a named compose file. Taking it undoes a killed run's half-done change there first, so detection never
    sees a half-written file; a second run waits for the first (`timeout` seconds, then FileProblem
    "transaction.locked", exit 3). No lock where the config's folder does not exist."""
    folder = Path(os.path.abspath(config_path)).parent
    if not folder.is_dir():
        return contextlib.nullcontext()
    marks = (*DEFAULT_FILE_NAMES, ".env", JOURNAL_NAME)
    folders = [folder] + [p for p in list(folder.parents)[:2] if any((p / name).exists() for name in marks)]
    if compose_file is not None and Path(os.path.abspath(compose_file)).parent.is_dir():
        folders.append(Path(os.path.abspath(compose_file)).parent)
    return FolderLock(folders, timeout)


def lock_for_reading(config_path: Path, deployment: Deployment | None = None) -> AbstractContextManager[object]:
    """The lock for a command that only reads (show, check): it waits for a wizard that is writing and lets
    a run that was killed mid-change be undone first. No lock where there is no folder to lock."""
    if not config_path.parent.is_dir():
        return contextlib.nullcontext()
    return lock_for(config_path, deployment)


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
    deployment: Deployment | None = None
    env_compose_grammar: bool = False  # the secret file is read by Docker Compose (SPEC §3a)
    env_variable: str | None = None  # the variable written into the secret file (compose may map names)
    compose_snapshot: Snapshot | None = field(default=None, repr=False)
    compose_after: str | None = None  # the compose file with the variable passed to the service
    # What the server will do that the user must know (wizard.core.warnings): shown before writing.
    warnings: list[SetupWarning] = field(default_factory=list)

    @property
    def compose_changed(self) -> bool:
        return self.compose_after is not None

    def compose_diff(self, *, localized: bool = False) -> str:
        """The change to the compose file as a unified diff ("" when it stays as it is); `localized`: the file
        headers in the user's language (the GUI puts its own)."""
        if self.compose_snapshot is None or self.compose_after is None:
            return ""
        before = (self.compose_snapshot.data or b"").decode("utf-8")
        name = self.compose_snapshot.path.name
        if localized:
            headers = (tr("deployment.diff.before", name=name), tr("deployment.diff.after", name=name))
        else:
            headers = (f"{name} (before)", f"{name} (after)")
        return "".join(
            difflib.unified_diff(
                before.splitlines(keepends=True),
                self.compose_after.splitlines(keepends=True),
                fromfile=headers[0],
                tofile=headers[1],
            )
        )

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


def plan_apply(
    settings: Settings,
    config_path: Path,
    existing: ExistingSetup | None = None,
    deployment: Deployment | None = None,
    hostname: str | None = None,
) -> ApplyPlan:
    """Validate `settings` and compute the new config.toml, secret file and (compose layout) compose file
    without writing anything. `deployment` None: detected from `config_path` (SPEC §3a). `hostname`: set the
    server service's `hostname:` too (compose layout; the fix for an EHLO name without a dot, SPEC §12)."""
    settings = settings.validated()
    table = smtp_table_for(settings)
    deployment = deployment or detect_deployment(config_path)
    existing = existing or load_existing(config_path, deployment=deployment)
    config = read_config(config_path)  # refuses to plan on a file it cannot parse
    config_before = config.text
    merged = merge_smtp(config_path, config_before, table, drop_smtp_config=True)
    notes: list[Note] = []
    if merged.removed_skip_flag:
        notes.append(Note("apply.note.skip_removed"))
    if merged.removed_smtp_config:
        notes.append(Note("smtp_config.removed"))
    if merged.removed_unknown_keys:
        notes.append(Note("apply.note.unknown_removed", {"keys": ", ".join(merged.removed_unknown_keys)}))
    var = settings.secret_var
    compose_snapshot = None
    compose_after = None
    if deployment.layout is LayoutKind.COMPOSE and settings.secret_source is not SecretSource.NONE:
        placement = secret_placement(deployment, var)
        env = read_secret_file(placement.path, compose_grammar=True)
        file_var = placement.variable
        if placement.edit is not None:  # engine layout: the place that decides, in whichever merged file
            compose_after, compose_snapshot = placement.edit.after, placement.edit.snapshot
            notes.append(
                Note(
                    "compose_engine.note.edited",
                    {"name": var, "compose": str(compose_snapshot.path), "line": placement.edit.line},
                )
            )
        elif placement.add_entry:
            compose_after, compose_snapshot = _compose_with_entry(deployment, var)
        interpolated = deployment.compose is not None and placement.path == deployment.compose.project_env_path
        if interpolated and file_var in os.environ:  # Compose interpolates from the shell before the `.env`
            notes.append(Note("compose_adversarial.shell_shadows", {"name": file_var, "env": str(placement.path)}))
    else:
        env = read_secret_file(env_path_for(config_path), compose_grammar=False)
        file_var = var
    env_after: str | None = None
    expected: Secret | None = None
    if settings.secret_source is SecretSource.NEW:
        assert settings.secret is not None  # guaranteed by validated()
        expected = settings.secret
        env_after = _with_secret(env, file_var, expected, notes)
    elif settings.secret_source is SecretSource.KEEP:
        expected = _kept_secret(env, existing, file_var)
        container_differs = deployment.layout is LayoutKind.COMPOSE and (
            env.value(file_var) != expected.reveal() or compose_after is not None
        )
        if (
            existing.secret_origin is SecretOrigin.CONFIG
            or (existing.secret_origin is SecretOrigin.ENV_FILE and existing.secret_var != var)
            or container_differs
        ):
            # The literal secret leaves config.toml for .env; a renamed variable takes the value along; in
            # the compose layout the value moves to where the container really gets it from.
            env_after = _with_secret(env, file_var, expected, notes)
            if existing.secret_origin is SecretOrigin.CONFIG:
                notes.append(Note("apply.note.secret_moved", {"env": str(env.path), "config": config_path.name}))
        elif existing.secret_origin is SecretOrigin.ENVIRONMENT and env.value(var) is None:
            notes.append(Note("apply.note.secret_from_environment", {"name": var}))
    if env.bom_removed:  # dotenvy refuses the whole file for it: removed in the same transaction
        env_after = env.text if env_after is None else env_after
        notes.append(Note("file_layer.env_bom_removed", {"env": str(env.path)}))
    if compose_after is not None and compose_snapshot is not None and deployment.engine is None:
        notes.append(Note("deployment.note.entry_added", {"name": var, "compose": str(compose_snapshot.path)}))
    if deployment.layout is LayoutKind.COMPOSE and _needs_host_gateway(deployment, settings.host):
        compose_after, compose_snapshot = _compose_with_host_gateway(deployment, compose_after, compose_snapshot)
        notes.append(Note("host_gateway.note.added", {"service": str(deployment.service)}))
    if hostname is not None and deployment.layout is LayoutKind.COMPOSE:
        compose_after, compose_snapshot = _compose_with_hostname(deployment, compose_after, compose_snapshot, hostname)
        notes.append(Note("ehlo.note.hostname_set", {"name": hostname, "service": str(deployment.service)}))
    plan = ApplyPlan(
        config_path=config_path,
        env_path=env.path,
        table=table,
        config_before=config_before,
        config_after=merged.text,
        notes=notes,
        config_snapshot=config.snapshot,
        env_snapshot=env.snapshot,
        env_after=env_after,
        secret_var=var if settings.secret_source is not SecretSource.NONE else None,
        expected_secret=expected,
        deployment=deployment,
        env_compose_grammar=env.compose_grammar,
        env_variable=file_var,
        compose_snapshot=compose_snapshot,
        compose_after=compose_after,
        config_bom=config.bom,
        config_held_secret=_held_secret(config.values, config_path),
        warnings=settings_warnings(settings),
    )
    if (plan.env_changed or plan.compose_changed) and not plan.config_changed:
        if deployment.layout is LayoutKind.COMPOSE:  # `docker compose restart` would keep the old environment
            notes.append(Note("deployment.note.recreate", {"folder": str(deployment.project_dir)}))
        else:
            notes.append(Note("apply.note.restart", {}))
    if deployment.layout is LayoutKind.COMPOSE and deployment.engine is None:
        _expect_container(plan)  # with an engine, Compose itself checks the written files (commit_apply)
    return plan


def _compose_with_entry(deployment: Deployment, var: str) -> tuple[str, Snapshot]:
    assert deployment.compose is not None and deployment.service is not None
    compose = deployment.compose
    return add_environment_entry(compose.path, compose.text, deployment.service, var), compose.snapshot


def _needs_host_gateway(deployment: Deployment, host: str) -> bool:
    return is_docker_host_name(host) and not maps_docker_host(deployment.server_service())


def _planned_compose(
    deployment: Deployment, planned: str | None, snapshot: Snapshot | None
) -> tuple[Path, str, Snapshot]:
    """The compose file a further service edit goes into, its text so far and its snapshot: the file an
    earlier edit of this plan changes (with an engine, the secret's place may be an override file; a plan
    changes one compose file, and the service is in that one), else the project's first file."""
    assert deployment.compose is not None
    compose = deployment.compose
    if planned is not None and snapshot is not None:
        return snapshot.path, planned, snapshot
    return compose.path, compose.text, compose.snapshot


def _compose_with_host_gateway(
    deployment: Deployment, planned: str | None, snapshot: Snapshot | None
) -> tuple[str, Snapshot]:
    """The server's service gets `extra_hosts: host.docker.internal:host-gateway` (Linux needs it)."""
    assert deployment.service is not None
    path, text, snapshot = _planned_compose(deployment, planned, snapshot)
    return add_host_gateway(path, text, deployment.service), snapshot


def _compose_with_hostname(
    deployment: Deployment, planned: str | None, snapshot: Snapshot | None, hostname: str
) -> tuple[str, Snapshot]:
    assert deployment.service is not None
    path, text, snapshot = _planned_compose(deployment, planned, snapshot)
    return set_service_hostname(path, text, deployment.service, hostname), snapshot


def plan_move_smtp_config(config_path: Path) -> ApplyPlan | None:
    """Move the keys of `[smtp_config]` (which the server ignores) into `[smtp]` as they are, or — when
    `[smtp]` exists already, which the server does use — remove `[smtp_config]`. None when the file has no
    `[smtp_config]`: nothing to do (a re-run is no failure). FileProblem when the file cannot be read."""
    config = read_config(config_path)
    legacy = read_smtp_config(config.values, config_path)
    if legacy is None:
        return None
    current = read_smtp(config.values, config_path)
    if current is not None and not current.missing:
        table = SmtpTable(current.user, current.endpoint, current.secret, current.starttls)
        note = Note("smtp_config.removed")
    else:
        read_back_or_error(legacy, config_path)  # only a table that means something to the server moves
        table = SmtpTable(legacy.user, legacy.endpoint, legacy.secret, legacy.starttls)
        note = Note("smtp_config.moved")
    merged = merge_smtp(config_path, config.text, table, drop_smtp_config=True)
    notes = [note]
    if merged.removed_skip_flag:
        notes.append(Note("apply.note.skip_removed"))
    if merged.removed_unknown_keys:
        notes.append(Note("apply.note.unknown_removed", {"keys": ", ".join(merged.removed_unknown_keys)}))
    return ApplyPlan(
        config_path,
        env_path_for(config_path),
        table,
        config.text,
        merged.text,
        notes,
        config.snapshot,
        config_bom=config.bom,
        config_held_secret=_held_secret(config.values, config_path),
    )


def _held_secret(doc: Mapping[str, Any], config_path: Path) -> bool:
    sections = (read_smtp(doc, config_path), read_smtp_config(doc, config_path))
    return any(section is not None and section.literal_secret for section in sections)


def _kept_secret(env: SecretFile, existing: ExistingSetup, var: str) -> Secret:
    kept = existing.kept_secret  # the same rule the wizard's faces offer "keep" by
    if kept is not None:
        return kept
    # the server gets an empty value (nothing to keep), or nothing: then only a value the file already holds
    value = env.value(var) if existing.secret is None else None
    if not value:
        raise ValidationError("secret", "files.keep_without_secret", name=var, env=str(env.path))
    return Secret(value)


def _with_secret(env: SecretFile, var: str, secret: Secret, notes: list[Note]) -> str:
    result = with_secret(env, var, secret.reveal())
    if var in os.environ:
        notes.append(Note("apply.note.environment_overrides", {"name": var, "env": str(env.path)}))
    if result.ignored_lines:
        lines = ", ".join(str(n) for n in result.ignored_lines)
        notes.append(Note("apply.note.env_duplicates", {"name": var, "env": str(env.path), "lines": lines}))
    return result.text


def plan_skip(config_path: Path, layout: Layout) -> ApplyPlan:
    config = read_config(config_path)
    after = with_skip_verification(config_path, config.text, layout)
    notes = [Note("apply.note.skip_warning")]
    if after != config.text:  # "written as …" only when it is written now, not when the file already says it
        notes.append(Note(f"apply.note.layout_{layout.value}"))
    return ApplyPlan(
        config_path,
        env_path_for(config_path),
        None,
        config.text,
        after,
        notes,
        config.snapshot,
        config_bom=config.bom,
        config_held_secret=_held_secret(config.values, config_path),
    )


def _tighten_note(snapshot: Snapshot, compose_grammar: bool) -> Note | None:
    if snapshot.mode is None:
        return None
    if compose_grammar:  # only the bits for others go: a deploy group keeps running `docker compose up`
        if snapshot.mode & 0o007:
            narrowed = snapshot.mode & ~0o007
            return Note(
                "compose_engine.note.env_narrowed",
                {"env": str(snapshot.path), "mode": f"{snapshot.mode:o}", "new": f"{narrowed:o}"},
            )
        return None
    if snapshot.mode & 0o077:
        return Note("apply.note.env_tightened", {"env": str(snapshot.path), "mode": oct(snapshot.mode)[2:]})
    return None


def secret_file_mode(snapshot: Snapshot, compose_grammar: bool) -> int:
    """The mode a replaced secret file gets: 0600 for the server's own `.env` (and any new file); a compose
    `.env` or `env_file:` keeps its mode less the bits for others (640 root:docker stays 640)."""
    if compose_grammar and snapshot.data is not None and snapshot.mode is not None:
        return snapshot.mode & ~0o007
    return ENV_MODE


def file_changes(plan: ApplyPlan) -> list[FileChange]:
    """The plan as transaction changes: the secret file (if its content changes) first, then the compose file
    (when the service gets the variable), then config.toml."""
    changes: list[FileChange] = []
    if plan.env_changed and plan.env_snapshot is not None and plan.env_after is not None:
        changes.append(
            FileChange(
                plan.env_snapshot,
                plan.env_after.encode("utf-8"),
                check=lambda data: _check_env(plan, data),
                new_file_mode=ENV_MODE,
                mode=secret_file_mode(plan.env_snapshot, plan.env_compose_grammar),
                secret=True,
            )
        )
    if plan.compose_snapshot is not None and plan.compose_after is not None:
        changes.append(
            FileChange(
                plan.compose_snapshot,
                plan.compose_after.encode("utf-8"),
                check=lambda data: _check_compose(plan, data),
                new_file_mode=CONFIG_NEW_FILE_MODE,
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
    verify = None
    if (
        plan.deployment is not None
        and plan.deployment.engine is not None
        and plan.secret_var is not None
        and plan.expected_secret is not None
    ):
        deployment = plan.deployment
        expected = ExpectedSecret(plan.secret_var, plan.expected_secret, plan.env_path, plan.env_variable)

        def verify() -> None:
            verify_container(deployment, plan.config_path, expected)

    with lock_for(plan.config_path, plan.deployment):
        result = commit(file_changes(plan), verify=verify)
    if plan.env_changed and plan.env_snapshot is not None:
        tighten = _tighten_note(plan.env_snapshot, plan.env_compose_grammar)
        if tighten:
            notes.append(tighten)
    notes.extend(result.notes)
    restart = (plan.env_changed or plan.compose_changed) and not plan.config_changed
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
    """The new secret file parses as its reader (dotenvy, or Docker Compose) reads it and gives the planned
    secret."""
    try:
        if plan.secret_var is None or plan.expected_secret is None:  # only the byte order mark removed
            if not plan.env_compose_grammar:
                dotenv.parse(data.decode("utf-8"))
            return
        variable = plan.env_variable or plan.secret_var
        if plan.env_compose_grammar:
            compose_dotenv.verify_round_trip(data.decode("utf-8"), variable, plan.expected_secret.reveal())
        else:
            dotenv.verify_round_trip(data.decode("utf-8"), variable, plan.expected_secret.reveal())
    except dotenv.DotenvError as exc:
        raise exc.at(plan.env_path) from None


def _check_compose(plan: ApplyPlan, data: bytes) -> None:
    """The new compose file is exactly the planned one (its edit was verified against the parsed YAML)."""
    if plan.compose_snapshot is not None and data.decode("utf-8") != plan.compose_after:
        raise FileProblem(plan.compose_snapshot.path, "transaction.check_failed", reason="compose")


def _expect_container(plan: ApplyPlan) -> None:
    """Compose layout, before anything is written: the container's environment, computed as compose does
    from the planned files, holds the exact secret (a variable of the wizard's own shell is left out: it is
    not the shell `docker compose` will run in). FileProblem otherwise."""
    deployment = plan.deployment
    if deployment is None or deployment.compose is None or plan.expected_secret is None or plan.secret_var is None:
        return
    planned_deployment = deployment
    if plan.compose_snapshot is not None and plan.compose_after is not None:
        edited = parse_compose(plan.compose_snapshot, plan.compose_after)
        if deployment.compose.path == edited.path:  # an included file keeps its project folders
            edited.folder, edited.root = deployment.compose.folder, deployment.compose.root
            edited.included_from = deployment.compose.included_from
        planned_deployment = replaced(deployment, compose=edited)
    planned = {plan.env_path: plan.env_after} if plan.env_after is not None else {}
    shell = {k: v for k, v in os.environ.items() if k != (plan.env_variable or plan.secret_var)}
    got = container_environment(planned_deployment, shell, planned).get(plan.secret_var)
    if got is None or got.value != plan.expected_secret.reveal():
        raise FileProblem(
            plan.env_path, "deployment.verify_container", name=plan.secret_var, service=str(deployment.service)
        )
