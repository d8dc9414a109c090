"""Both faces read and write in the CLI's order (SPEC §12 rev 3): a killed run's change is recovered, the
lock taken, and only then is the layout detected and the files read — on the Welcome page, for the Summary,
and again right before writing, so the written files are the ones the summary showed. Real files, the real
Docker Compose binary, a real killed process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.deployment.engine import put_engine_on_path
from tests.deployment.oracle import container_env
from tests.deployment.test_engine_runs import SECRET, SERVICE, _args, _consistent, _project, _wizard
from wizard.core.journal import JOURNAL_NAME
from wizard.core.transaction import FAULT_ENV
from wizard.flow import Flow, FlowError, PageId

AFTER_ENV_AND_COMPOSE = 8  # the transaction step after which .env and compose.yaml are new, config.toml old


@pytest.fixture(autouse=True)
def engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("SMTP_SECRET", "COMPOSE_FILE", "COMPOSE_PROFILES", FAULT_ENV):
        monkeypatch.delenv(name, raising=False)
    put_engine_on_path(monkeypatch, tmp_path / "bin")


def _flow_at_summary(folder: Path, secret: str = SECRET) -> Flow:
    flow = Flow(folder / "bomnipotent_config" / "config.toml", quick=False)
    for name, value in (
        ("user", "mailer@example.org"),
        ("host", "smtp.example.org"),
        ("port", "587"),
        ("security", "starttls"),
        ("secret_source", "new"),
        ("secret", secret),
        ("save_untested", True),
    ):
        flow.set(name, value)
    flow.go_to(PageId.SUMMARY)
    return flow


def _killed_after_env_and_compose(folder: Path) -> None:
    killed = _wizard(_args(folder), "first-secret", {**os.environ, FAULT_ENV: f"{AFTER_ENV_AND_COMPOSE}:sigkill"})
    assert killed.returncode == -9, killed.stderr
    assert (folder / JOURNAL_NAME).exists()  # the half-done change is still on disk


def test_the_welcome_page_reads_the_files_a_killed_run_left_only_after_undoing_its_change(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _killed_after_env_and_compose(folder)
    flow = Flow(folder / "bomnipotent_config" / "config.toml", quick=False)
    assert not (folder / JOURNAL_NAME).exists()
    assert flow.existing is not None and flow.existing.smtp is None  # not the half-written secret either
    assert flow.deployment is not None and flow.deployment.service == SERVICE


def test_writing_after_a_killed_run_ends_with_consistent_files_and_the_new_secret(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    _killed_after_env_and_compose(folder)
    flow = _flow_at_summary(folder)
    assert flow.plan is not None and flow.plan_problem is None
    assert flow.advance() is PageId.DONE
    _consistent(folder, SECRET)


def test_a_journal_left_between_summary_and_write_is_undone_before_the_files_are_read_again(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    flow = _flow_at_summary(folder)
    _killed_after_env_and_compose(folder)  # another wizard, killed while the summary was open
    assert flow.advance() is PageId.DONE  # recovered, read again: still exactly the summary's plan
    _consistent(folder, SECRET)


OVERRIDE = """\
services:
  bomnipotent_server:
    environment:
      SMTP_SECRET: oldvalue
"""


def test_an_override_file_appearing_after_the_summary_stops_the_write_and_reading_again_writes_it(
    tmp_path: Path,
) -> None:
    folder = _project(tmp_path)
    flow = _flow_at_summary(folder)
    (folder / "compose.override.yaml").write_text(OVERRIDE)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with pytest.raises(FlowError) as refused:
        flow.advance()
    assert "changed since the summary was read" in str(refused.value)
    assert flow.plan_outdated and flow.page is PageId.SUMMARY
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert (folder / "bomnipotent_config" / "config.toml").read_text() == 'domain = "https://bom.example.org"\n'
    flow.act("reread")
    assert flow.plan is not None and flow.plan.compose_snapshot is not None
    assert flow.plan.compose_snapshot.path == folder / "compose.override.yaml"
    assert flow.advance() is PageId.DONE
    assert container_env(folder, SERVICE)["SMTP_SECRET"] == SECRET


def test_a_summary_whose_files_are_unchanged_is_written_as_shown(tmp_path: Path) -> None:
    folder = _project(tmp_path)
    flow = _flow_at_summary(folder)
    shown = flow.plan
    assert flow.advance() is PageId.DONE
    assert flow.result is not None and shown is not None
    assert [p.name for p in flow.result.written] == [".env", "compose.yaml", "config.toml"]
    _consistent(folder, SECRET)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from wizard.core.folder_lock import FolderLock
with FolderLock([Path(sys.argv[1])]):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_a_face_reads_without_freezing_while_another_wizard_holds_the_lock_and_writes_after_it(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys
    import time

    folder = _project(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder / "bomnipotent_config")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        flow = _flow_at_summary(folder)
        assert time.monotonic() - started < 8  # the write's 10 s wait is not the Welcome page's
        assert flow.deployment is not None and flow.deployment.service == SERVICE and flow.plan is not None
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    assert flow.advance() is PageId.DONE
    _consistent(folder, SECRET)


ONLY_WITH_PROFILE = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    profiles: [prod]
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def test_a_server_only_in_an_inactive_profile_is_said_under_the_layout_choice_and_standalone_can_be_chosen(
    tmp_path: Path,
) -> None:
    folder = _project(tmp_path, ONLY_WITH_PROFILE)
    flow = Flow(folder / "bomnipotent_config" / "config.toml", quick=False)
    assert flow.load_problem is None and flow.deployment is None
    choice = next(q for q in flow.questions(PageId.WELCOME) if q.name == "deployment")
    assert choice.problem is not None and "profile: prod" in choice.problem and "“Standalone”" in choice.problem
    assert not flow.can_advance()
    flow.set("deployment", "standalone")
    assert flow.can_advance() and flow.deployment is not None and flow.deployment.service is None
