"""Every failed command's `--json` object has the same shape (SPEC §5 rev 2): `"ok": false`, an `"error"`
with its `"kind"`, the `"deployment"` key (null when unknown), and the steps that really ran."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Run
from tests.deployment.layouts import COMPOSE_PASSED, make_project
from tests.support.files import folder_bytes, read_only_folder
from tests.support.servers import SmtpServer

CLI = Callable[..., Run]
Server = Callable[..., SmtpServer]


def test_input_error_json_has_the_deployment_key_null_before_it_is_known(cli: CLI, tmp_path: Path) -> None:
    run = cli("show", "--config", str(tmp_path / "config.toml"), "--deployment", "compose", "--json")
    payload = json.loads(run.out)
    assert run.code == 2 and payload["ok"] is False and payload["error"]["kind"] == "input"
    assert "deployment" in payload and payload["deployment"] is None


def test_file_error_json_names_the_detected_deployment(cli: CLI, tmp_path: Path) -> None:
    project = make_project(tmp_path, COMPOSE_PASSED)
    project.config.write_text("[smtp\n")
    run = cli("show", "--config", str(project.config), "--json")
    payload = json.loads(run.out)
    assert run.code == 3 and payload["error"]["kind"] == "file"
    assert payload["deployment"]["layout"] == "compose" and payload["deployment"]["service"] == "bomnipotent_server"


def test_usage_error_json_has_the_deployment_key(cli: CLI) -> None:
    run = cli("apply", "--json")
    payload = json.loads(run.out)
    assert run.code == 2 and payload["error"]["kind"] == "usage" and payload["deployment"] is None


def test_detect_json_refusal_has_ok_and_kind_like_every_other_error(cli: CLI) -> None:
    run = cli("detect", "--json", "")
    payload = json.loads(run.out)
    assert run.code == 2 and payload["ok"] is False and payload["candidates"] == []
    assert payload["error"]["kind"] == "input" and payload["error"]["field"] and payload["error"]["message"]
    assert {"path", "line", "col"} <= payload["error"].keys()


def test_write_refused_after_a_passing_probe_keeps_the_steps_in_json(
    cli: CLI, smtp_server: Server, tmp_path: Path
) -> None:
    server = smtp_server("plain", auth=False)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "config.toml").write_text('domain = "https://bom.example.org"\n')
    config = tmp_path / "config.toml"
    config.symlink_to(locked / "config.toml")
    before = folder_bytes(tmp_path)
    with read_only_folder(locked):
        run = cli(
            "apply", "--config", str(config), "--user", "bom@example.org", "--host", "127.0.0.1",
            "--port", str(server.port), "--security", "none", "--no-secret", "--timeout", "5", "--json",
        )  # fmt: skip
    payload = json.loads(run.out)
    assert run.code == 3 and payload["ok"] is False and payload["error"]["kind"] == "file", run.out + run.err
    assert [step["name"] for step in payload["steps"]] and all(s["status"] != "failed" for s in payload["steps"])
    assert payload["deployment"]["layout"] == "standalone" and payload["written"] == []
    assert folder_bytes(tmp_path) == before


def test_cancelled_and_defect_json_carry_the_deployment_key() -> None:
    from wizard.cli.output import report_cancelled, report_defect

    for report, code in ((lambda: report_cancelled(True), 1), (lambda: report_defect(RuntimeError("x"), True), 70)):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert report() == code
        payload = json.loads(out.getvalue())
        assert payload["ok"] is False and "deployment" in payload and payload["deployment"] is None
