"""The lazy seams (issue 26): a heavy library is loaded in one place, on first use, so the modules above it
can be imported at the top of every file. Each test imports modules in a fresh interpreter and names what
must not have been loaded with them; the seams themselves are stated in `wizard.core`, `wizard.flow` and
`wizard.demo`'s docstrings."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def loaded_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    return set(result.stdout.split())


def test_the_settings_model_and_its_warnings_load_neither_idna_nor_email_validator() -> None:
    modules = loaded_after("import wizard.core.settings, wizard.core.warnings")
    assert {"idna", "email_validator"} & modules == set()


def test_checking_an_address_loads_email_validator_and_idna_on_first_use() -> None:
    modules = loaded_after(
        """
        from wizard.core.settings import validate_address
        assert validate_address("jörg@bücher.example") == "jörg@bücher.example"
        """
    )
    assert {"idna", "email_validator"} <= modules


def test_the_compose_readers_load_no_toml_library_no_yaml_and_no_hashlib() -> None:
    modules = loaded_after("import wizard.core.deployment, wizard.core.ehlo_name, wizard.core.deployment.network")
    assert {"tomllib", "tomlkit", "ruamel.yaml", "hashlib", "email_validator"} & modules == set()


def test_the_keyring_store_loads_no_keyring() -> None:
    assert not any(name.split(".")[0] == "keyring" for name in loaded_after("import wizard.core.keyring_store"))


def test_the_flow_loads_neither_of_its_seams_nor_what_they_hold() -> None:
    modules = loaded_after("import wizard.flow.flow")
    held = {"wizard.flow.services", "wizard.flow.files", "wizard.core.deployment", "wizard.core.config_file"}
    assert (held | {"tomlkit", "tomllib", "aiosmtplib", "dns"}) & modules == set()


def test_the_demo_server_loads_aiosmtpd_and_cryptography_only_when_it_starts() -> None:
    modules = loaded_after("import wizard.demo.environment")
    assert {"aiosmtpd", "cryptography", "wizard.demo.serving", "wizard.demo.certificate"} & modules == set()
