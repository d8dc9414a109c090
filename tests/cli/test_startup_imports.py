"""The plain GUI start and single commands import only what they need (the first window must be quick)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

HEAVY = ("aiosmtplib", "dns.asyncresolver", "tomlkit", "email_validator", "wizard.probe.engine", "tomllib")


def loaded_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    return set(result.stdout.split())


def test_parsing_a_gui_start_loads_no_command_machinery() -> None:
    modules = loaded_after(
        """
        from wizard.cli import _chosen_command, build_parser
        argv = ["--config", "x.toml", "--lang", "de"]
        build_parser(_chosen_command(argv), all_commands=False).parse_args(argv)
        """
    )
    assert not modules & set(HEAVY)


def test_parsing_check_does_not_load_discovery() -> None:
    modules = loaded_after(
        """
        from wizard.cli import build_parser
        build_parser("check", all_commands=False).parse_args(["check", "--config", "x.toml"])
        """
    )
    assert "dns.asyncresolver" not in modules
