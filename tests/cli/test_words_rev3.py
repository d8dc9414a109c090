"""Issue #23's words on the command line: `--lang` in any case with its choices in the help; `show` on a
missing file says "Error:" like every other error and names the login as the wizard's pages do; the real
file name, not "config.toml", where the file is called otherwise; skip-verification says how to find the
server version when the file does not tell."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from wizard.core import i18n


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


def test_lang_takes_any_case(cli: Callable[..., Run], tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "bom@example.com"\nendpoint = "smtp://localhost:2500"\n')
    run = cli("--lang", "DE", "show", "--config", str(config))
    assert run.code == 0, run.err
    assert i18n.tr("flow.account.user", "de") in run.out


@pytest.mark.parametrize("where", [(), ("show",)])
def test_help_lists_the_languages(cli: Callable[..., Run], where: tuple[str, ...]) -> None:
    run = cli(*where, "--help")
    assert "--lang {en,de}" in run.out


def test_an_unknown_language_is_refused_with_the_choices(cli: Callable[..., Run]) -> None:
    run = cli("--lang", "fr", "show", "--config", "x.toml")
    assert run.code == 2
    assert "en, de" in run.err


@pytest.mark.parametrize(("lang", "prefix"), [("en", "Error:"), ("de", "Fehler:")])
def test_show_on_a_missing_file_starts_with_error_like_the_others(
    cli: Callable[..., Run], tmp_path: Path, lang: str, prefix: str
) -> None:
    missing = tmp_path / "nothing.toml"
    show = cli("--lang", lang, "show", "--config", str(missing))
    check = cli("--lang", lang, "check", "--config", str(missing))
    assert show.code == check.code == 3
    assert show.err.startswith(prefix) and check.err.startswith(prefix), (show.err, check.err)
    assert show.err.strip() == check.err.strip()


@pytest.mark.parametrize(
    ("user", "label_id"), [("bom@example.com", "flow.account.user"), ("apikey", "flow.account.login")]
)
def test_show_names_the_login_as_the_wizard_does(
    cli: Callable[..., Run], tmp_path: Path, user: str, label_id: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[smtp]\nuser = "{user}"\nendpoint = "smtp://localhost:2500"\n')
    run = cli("show", "--config", str(config))
    assert run.code == 0, run.err
    row = next(line for line in run.out.splitlines() if user in line)
    assert row.startswith(i18n.tr(label_id) + ":"), row


@pytest.mark.parametrize("lang", ["en", "de"])
def test_messages_name_the_config_file_as_it_is_called(cli: Callable[..., Run], tmp_path: Path, lang: str) -> None:
    config = tmp_path / "bomnipotent.toml"
    config.write_text('[smtp]\nuser = "bom@example.com"\nendpoint = "smtp://localhost:2500"\n')
    run = cli("--lang", lang, "show", "--config", str(config))
    assert run.code == 0, run.err
    deployment = run.out.splitlines()[0]
    assert "bomnipotent.toml" in deployment and "config.toml" not in deployment, deployment


def test_skip_verification_says_how_to_find_the_server_version(cli: Callable[..., Run], tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('domain = "https://bom.example.org"\n')  # nothing tells the server's version
    run = cli("skip-verification", "--config", str(config))
    assert run.code == 0, run.err
    assert "docker compose images" in run.out
    help_text = cli("skip-verification", "--help").out
    assert "docker compose images" in " ".join(help_text.split())
