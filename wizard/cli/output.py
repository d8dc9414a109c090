"""How the CLI speaks: short localized lines for people, one JSON object for scripts."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wizard.core.errors import FileProblem, ValidationError, WizardError
from wizard.core.i18n import tr

if TYPE_CHECKING:
    from wizard.core.warnings import SetupWarning
    from wizard.probe.report import ProbeReport

EXIT_OK = 0
EXIT_PROBE_FAILED = 1
EXIT_USAGE = 2
EXIT_FILE = 3
EXIT_DEFECT = 70  # an unexpected error: a defect in the wizard (BSD sysexits' EX_SOFTWARE); 1 stays "test failed"


def _emit(text: str, stream: TextIO) -> None:
    """One line to `stream`. When the reader has gone (`smtp-wizard … | head -1`), the rest of the output is
    dropped and the command still finishes its work and exits with its own code: a closed pipe is neither a
    defect nor a reason to stop a write halfway (Python's advice: point the descriptor at /dev/null)."""
    try:
        print(text, file=stream, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def say(text: str = "") -> None:
    _emit(text, sys.stdout)


def warn(text: str) -> None:
    _emit(text, sys.stderr)


def error_text(exc: WizardError) -> str:
    if isinstance(exc, FileProblem):
        return f"{exc.location}: {exc.message}"
    if isinstance(exc, ValidationError):
        return tr("cli.invalid_field", field=tr(f"field.{exc.field}"), message=exc.message)
    return exc.message


def error_json(exc: WizardError) -> dict[str, Any]:
    """The `"error"` object of every failed command's JSON: `{"kind": "file"|"input", "message", "field",
    "path", "line", "col"}` (null where it does not apply)."""
    return {
        "kind": "file" if isinstance(exc, FileProblem) else "input",
        "message": exc.message,
        "field": getattr(exc, "field", None),
        "path": str(exc.path) if isinstance(exc, FileProblem) else None,
        "line": getattr(exc, "line", None),
        "col": getattr(exc, "col", None),
    }


def report_error(
    exc: WizardError,
    as_json: bool,
    *,
    deployment: dict[str, Any] | None = None,
    report: ProbeReport | None = None,
) -> int:
    """Print `exc` for its audience and return its exit code (2 input, 3 file). In JSON, `deployment` is the
    detected layout (SPEC §5 rev 2; null when it was not known yet) and `report` the probe that ran before
    the failure (a write refused after a passing test): its steps, server and TLS facts stay in the object."""
    code = exc.exit_code
    if as_json:
        payload: dict[str, Any] = {"ok": False, "error": error_json(exc), **_empty_result()}
        candidates = getattr(exc, "candidates", None)
        if candidates is not None:  # several services mount the config folder: the choices, by name
            payload["error"]["candidates"] = list(candidates)
        payload["deployment"] = deployment
        if report is not None:
            probed = report.to_json()
            payload.update(steps=probed["steps"], server=probed["server"], tls=probed["tls"])
        print_json(payload)
    else:
        warn(tr("cli.error_prefix") + " " + error_text(exc))
    return code


def _empty_result() -> dict[str, Any]:
    """The keys every JSON result has (SPEC §5), empty; `"deployment"` null where the layout is unknown."""
    return {
        "ehlo_name": None,
        "covered": [],
        "diagnosis": None,
        "steps": [],
        "server": {},
        "tls": None,
        "written": [],
        "warnings": [],
        "deployment": None,
    }


def merged_warnings(*groups: list[SetupWarning]) -> list[SetupWarning]:
    """The warnings of several results (plan, probe), each once, in order."""
    seen: list[SetupWarning] = []
    for group in groups:
        seen += [w for w in group if w not in seen]
    return seen


def say_warnings(warnings: list[SetupWarning]) -> None:
    """Each warning as one paragraph, after the result it belongs to."""
    for item in warnings:
        say(f"{tr('warning.heading')} {item.text()}")


def report_cancelled(as_json: bool) -> int:
    """Ctrl-C or SIGTERM: a `cancelled` result (exit 1), nothing written (the transaction put files back)."""
    if as_json:
        payload: dict[str, Any] = {"ok": False, "cancelled": True, **_empty_result()}
        payload["diagnosis"] = {"code": "cancelled", "title": tr("cancel.title"), "advice": tr("cancel.advice")}
        print_json(payload)
    else:
        warn(tr("cancel.human"))
    return EXIT_PROBE_FAILED


def report_defect(exc: BaseException, as_json: bool) -> int:
    """An exception nothing expected (a defect in the wizard): one short localized line (or one JSON object)
    naming its kind and where it happened, exit 70 (EXIT_DEFECT) — never a traceback. The exception's
    message is left out: it could quote a value the user entered, the secret included."""
    import traceback  # lazy: only when a defect is reported

    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    kind = type(exc).__name__
    if as_json:
        payload: dict[str, Any] = {"ok": False, **_empty_result()}
        payload["diagnosis"] = {
            "code": "unexpected",
            "title": tr("defect.title"),
            "advice": tr("defect.advice", kind=kind, where=where),
        }
        print_json(payload)
    else:
        warn(tr("defect.human", kind=kind, where=where))
    return EXIT_DEFECT


def report_usage(message: str, as_json: bool) -> int:
    """A usage error (exit 2) as one JSON object when `--json` was asked for; argparse's usage line else."""
    if as_json:
        payload: dict[str, Any] = {"ok": False, **_empty_result()}
        payload["error"] = {"kind": "usage", "message": message, "field": None, "path": None, "line": None, "col": None}
        print_json(payload)
    else:
        warn(tr("usage.error", message=message))
    return EXIT_USAGE


def print_json(payload: dict[str, Any]) -> None:
    _emit(json.dumps(payload, ensure_ascii=False, indent=2), sys.stdout)
