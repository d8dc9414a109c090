"""The transaction with real processes: a fault or a signal at every write step, Ctrl-C and SIGTERM during
the probe, and pairs of `apply` runs at the same time on the same folder (SPEC §5, §7 rev 2)."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wizard.core import dotenv
from wizard.core.folder_lock import TEMP_MARK
from wizard.core.transaction import FAULT_ENV

NOBODY = 65534
OLD_CONFIG = (
    b"# production\r\n[domain]\nname = 'bom.example.com'\n\n"
    b'[smtp]\nuser = "old@example.com"\nendpoint = "old.example.com"\nsecret = "${SMTP_SECRET}"\n'
)
OLD_ENV = b'# keep me\nSMTP_SECRET="old-secret"\n'
STEPS = 7  # prepare .env, prepare config, back up both, replace both, read back


def wizard(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wizard", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "LANG": "C", **(env or {})},
    )


def apply_args(config: Path, user: str, *extra: str) -> list[str]:
    return [
        "apply",
        "--config",
        str(config),
        "--user",
        user,
        "--host",
        "smtp.example.com",
        "--security",
        "smtps",
        *extra,
    ]


def owner_and_mode(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if TEMP_MARK in p.name or p.name.endswith(".tmp")]


def state(folder: Path) -> tuple[str, str]:
    """(user in [smtp], effective SMTP_SECRET) — both files must parse completely."""
    config = tomllib.loads((folder / "config.toml").read_text())
    env = dotenv.parse((folder / ".env").read_text()).effective("SMTP_SECRET") or ""
    return config["smtp"]["user"], env


def prepared(folder: Path) -> dict[str, tuple[int, int, int]]:
    (folder / "config.toml").write_bytes(OLD_CONFIG)
    (folder / ".env").write_bytes(OLD_ENV)
    (folder / "config.toml").chmod(0o640)
    (folder / ".env").chmod(0o600)
    if os.geteuid() == 0:  # as root (CI): the files belong to a service user, as on a real server
        for name in ("config.toml", ".env"):
            os.chown(folder / name, NOBODY, NOBODY)
    return {name: owner_and_mode(folder / name) for name in ("config.toml", ".env")}


@pytest.mark.parametrize("action", ["raise", "sigint", "sigterm", "sigkill"])
def test_a_fault_or_signal_after_every_write_step_leaves_the_old_or_the_new_state(tmp_path: Path, action: str) -> None:
    fired = 0
    for step in range(1, STEPS + 3):
        folder = tmp_path / f"step{step}"
        folder.mkdir()
        owners = prepared(folder)
        run = wizard(
            *apply_args(folder / "config.toml", "new@example.com", "--secret-stdin", "--no-probe"),
            stdin="new-secret\n",
            env={FAULT_ENV: f"{step}:{action}"},
        )
        assert "Traceback" not in run.stderr
        if action == "sigkill" and run.returncode == -signal.SIGKILL:
            # killed outright: nothing could clean up; the next run (any command) undoes it from the journal
            shown = wizard("show", "--config", str(folder / "config.toml"))
            assert shown.returncode == 0, shown.stderr
        assert leftovers(folder) == [], (step, leftovers(folder))
        assert {name: owner_and_mode(folder / name) for name in owners} == owners, step
        if run.returncode == 0:  # the fault point lies beyond the last step: the new state, complete
            assert state(folder) == ("new@example.com", "new-secret")
            break
        fired += 1
        expected = {"raise": 3, "sigkill": -signal.SIGKILL}.get(action, 1)
        assert run.returncode == expected, (step, run.stderr)
        assert (folder / "config.toml").read_bytes() == OLD_CONFIG, step
        assert (folder / ".env").read_bytes() == OLD_ENV, step
        if action in ("sigint", "sigterm"):
            assert "Cancelled" in run.stderr
    assert fired == STEPS


class SilentServer:
    """A TCP listener on 127.0.0.1 that accepts and never greets: a probe waits on it until cancelled."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.1)  # so the thread notices `close()`: closing does not wake accept()
        self.port = self.sock.getsockname()[1]
        self.accepted = threading.Event()
        self.stopped = threading.Event()
        self.conns: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.conns.append(conn)
            self.accepted.set()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)
        self.sock.close()
        for conn in self.conns:
            conn.close()


@pytest.fixture
def reaped() -> Iterator[Callable[[subprocess.Popen[str]], subprocess.Popen[str]]]:
    """Registers a child process that is killed at the end of the test if it still runs (a failed assertion
    or a timed-out communicate() must not leave a wizard probing for a minute after the suite)."""
    children: list[subprocess.Popen[str]] = []

    def register(child: subprocess.Popen[str]) -> subprocess.Popen[str]:
        children.append(child)
        return child

    yield register
    for child in children:
        if child.poll() is None:
            child.kill()
            child.communicate()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.close()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
def test_a_signal_during_the_probe_of_apply_is_cancelled_with_nothing_written(
    tmp_path: Path,
    silent_server: SilentServer,
    sig: signal.Signals,
    as_json: bool,
    reaped: Callable[[subprocess.Popen[str]], subprocess.Popen[str]],
) -> None:
    prepared(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    args = [
        "apply", "--config", str(tmp_path / "config.toml"), "--user", "new@example.com", "--host", "127.0.0.1",
        "--port", str(silent_server.port), "--security", "starttls", "--secret-stdin", "--timeout", "60",
    ]  # fmt: skip
    child = reaped(
        subprocess.Popen(
            [sys.executable, "-m", "wizard", *args, *(["--json"] if as_json else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LANG": "C"},
        )
    )
    assert child.stdin is not None
    child.stdin.write("new-secret\n")
    child.stdin.close()
    child.stdin = None  # communicate() must not touch it again
    assert silent_server.accepted.wait(30), "the probe never connected"
    time.sleep(0.2)
    child.send_signal(sig)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 1, err
    assert "Traceback" not in err
    if as_json:
        payload = json.loads(out)
        assert payload["ok"] is False and payload["cancelled"] is True and payload["diagnosis"]["code"] == "cancelled"
        assert payload["written"] == []
    else:
        assert "Cancelled" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_ctrl_c_during_check_says_cancelled_without_a_traceback(
    tmp_path: Path, silent_server: SilentServer, reaped: Callable[[subprocess.Popen[str]], subprocess.Popen[str]]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "a@example.com"\nendpoint = "smtp://127.0.0.1:{silent_server.port}"\n')
    child = reaped(
        subprocess.Popen(
            [sys.executable, "-m", "wizard", "check", "--config", str(config), "--timeout", "60"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LANG": "C"},
        )
    )
    assert silent_server.accepted.wait(30)
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)
    _out, err = child.communicate(timeout=30)
    assert child.returncode == 1 and "Cancelled" in err and "Traceback" not in err


def test_forty_pairs_of_simultaneous_apply_runs_leave_one_runs_user_and_secret(
    tmp_path: Path, reaped: Callable[[subprocess.Popen[str]], subprocess.Popen[str]]
) -> None:
    pairs = 40
    children: list[tuple[Path, list[tuple[str, str, subprocess.Popen[str]]]]] = []
    for pair in range(pairs):
        folder = tmp_path / f"pair{pair}"
        folder.mkdir()
        prepared(folder)
        runs = []
        for side in ("a", "b"):
            user, secret = f"{side}{pair}@example.com", f"secret-{side}{pair}"
            child = reaped(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "wizard",
                        *apply_args(folder / "config.toml", user, "--secret-stdin", "--no-probe"),
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env={**os.environ, "LANG": "C"},
                )
            )
            runs.append((user, secret, child))
        for _user, secret, child in runs:  # both start before either gets its secret: they truly overlap
            assert child.stdin is not None
            child.stdin.write(secret + "\n")
            child.stdin.close()
            child.stdin = None
        children.append((folder, runs))
    for folder, runs in children:
        codes = {}
        for user, secret, child in runs:
            _out, err = child.communicate(timeout=120)
            assert "Traceback" not in err
            assert child.returncode in (0, 3), err
            codes[(user, secret)] = child.returncode
        on_disk = state(folder)
        assert on_disk in codes, f"{folder.name}: {on_disk} mixes two runs"
        assert codes[on_disk] == 0
        for values, code in codes.items():  # a run that reported success either is on disk or was overtaken
            if code == 0 and values != on_disk:
                assert codes[on_disk] == 0
        assert leftovers(folder) == []
