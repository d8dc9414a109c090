"""Bad input: exit 2 (input) or 3 (file), a message that says what and where, and both files untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.support.files import folder_bytes, read_only_folder

CLI = Callable[..., Run]
GOOD_CONFIG = (
    "# production\n[domain]\nname = 'bom.example.com'\n\n"
    '[smtp]\nuser = "old@example.com"\nendpoint = "old.example.com"\nsecret = "${SMTP_SECRET}"\n'
)
GOOD_ENV = '# keep me\nSMTP_SECRET="old-secret"\n'


def base(config: Path, **override: str) -> list[str]:
    options = {"--user": "you@example.com", "--host": "smtp.example.com", "--security": "smtps"}
    options.update(override)
    args = ["apply", "--config", str(config), "--no-probe", "--keep-secret"]
    for key, value in options.items():
        args += [key, value]
    return args


# name, extra options, stdin, config text, env text, expected exit code, words the message must contain
CASES: list[tuple[str, dict[str, str], str | None, str, str, int, list[str]]] = [
    ("scheme in host", {"--host": "smtp://smtp.example.com"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["Mail server", "://"]),
    ("host:port in host", {"--host": "smtp.example.com:587"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["port field"]),
    ("space in host", {"--host": "smtp example.com"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["spaces"]),
    ("port 0", {"--port": "0"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["Port", "65535"]),
    ("port 70000", {"--port": "70000", "--security": "none"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["70000"]),
    ("port not a number", {"--port": "smtp", "--security": "none"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["number"]),
    ("implicit TLS on 2465", {"--port": "2465"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["465", "STARTTLS"]),
    (
        "CR/LF in address",
        {"--user": "you@example.com\r\nBcc: x@evil.example"},
        None,
        GOOD_CONFIG,
        GOOD_ENV,
        2,
        ["Line breaks"],
    ),
    ("--sender is gone", {"--sender": "ops@example.com"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["--sender"]),
    ("--sender-name is gone", {"--sender-name": "Ops"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["--sender-name"]),
    ("invalid address", {"--user": "you@"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["Login name", "you@"]),
    # What the server would read differently (SPEC §2 rev 2, issue 11)
    (
        "IPv6 in smtp:// (none)",
        {"--host": "::1", "--security": "none"},
        None,
        GOOD_CONFIG,
        GOOD_ENV,
        2,
        ["smtp://[::1]:25", "brackets", "localhost"],
    ),
    (
        "IPv6 in smtp:// (STARTTLS, other port)",
        {"--host": "2001:db8::7", "--security": "starttls", "--port": "2525"},
        None,
        GOOD_CONFIG,
        GOOD_ENV,
        2,
        ["smtp://[2001:db8::7]:2525", "465", "587"],
    ),
    ("IPv6 zone id", {"--host": "fe80::1%eth0"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["fe80::1%eth0", "zone id"]),
    (
        "${ in user",
        {"--user": "a${HOME}b@example.com"},
        None,
        GOOD_CONFIG,
        GOOD_ENV,
        2,
        ["a${HOME}b@example.com", "${"],
    ),
    ("${ in a login", {"--user": "${SMTP_USER}"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["Login name", "${"]),
    ("${ in host", {"--host": "smtp.${DOMAIN}"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["Mail server", "${"]),
    ("address without local part", {"--user": "@example.com"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["@example.com"]),
    ("address with a bad domain", {"--user": "ops@-bad-.example"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["-bad-.example"]),
    ("IDN recipient with a bad label", {"--send-to": "ops@xn--.de"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["ops@xn--.de"]),
    ("bad variable name", {"--secret-var": "1-SECRET"}, None, GOOD_CONFIG, GOOD_ENV, 2, ["1-SECRET"]),
    (
        "bad test recipient",
        {"--send-to": "x@y.de\nBcc: z@evil.example"},
        None,
        GOOD_CONFIG,
        GOOD_ENV,
        2,
        ["Line breaks"],
    ),
    ("malformed TOML", {}, None, "[domain]\nname = 'x\n", GOOD_ENV, 3, ["config.toml, line 2, column", "TOML"]),
    ("smtp not a table", {}, None, 'smtp = "relay"\n', GOOD_ENV, 3, ["config.toml", "not a table"]),
    ("config not UTF-8", {}, None, "name = '\udcff'\n", GOOD_ENV, 3, ["UTF-8"]),
    ("malformed .env", {}, None, GOOD_CONFIG, 'SMTP_SECRET="unterminated\n', 3, [".env, line 1, column 13"]),
]


@pytest.mark.parametrize(
    ("name", "extra", "stdin", "config_text", "env_text", "code", "words"), CASES, ids=[case[0] for case in CASES]
)
def test_bad_input_is_refused_and_nothing_changes(
    cli: CLI,
    tmp_path: Path,
    name: str,
    extra: dict[str, str],
    stdin: str | None,
    config_text: str,
    env_text: str,
    code: int,
    words: list[str],
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(config_text.encode("utf-8", "surrogateescape"))
    (tmp_path / ".env").write_text(env_text)
    before = folder_bytes(tmp_path)
    run = cli(*base(config, **extra), stdin=stdin or "")
    assert run.code == code, run.err
    for word in words:
        assert word in run.err
    assert folder_bytes(tmp_path) == before
    assert "old-secret" not in run.err + run.out


def test_secret_with_nul_is_refused(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(GOOD_CONFIG)
    before = folder_bytes(tmp_path)
    args = [a for a in base(config) if a != "--keep-secret"] + ["--secret-stdin"]
    run = cli(*args, stdin="abc\x00def")
    assert run.code == 2 and "NUL" in run.err and "abc" not in run.err
    assert folder_bytes(tmp_path) == before


def test_config_that_is_a_folder_is_refused(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.mkdir()
    run = cli(*base(config))
    assert run.code == 3 and str(config) in run.err


def test_missing_folder_is_refused(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "nowhere" / "config.toml"
    run = cli(*[a for a in base(config) if a != "--keep-secret"] + ["--no-secret"])
    assert run.code == 3 and "does not exist" in run.err
    assert not (tmp_path / "nowhere").exists()


def test_read_only_folder_is_refused(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(GOOD_CONFIG)
    (tmp_path / ".env").write_text(GOOD_ENV)
    before = folder_bytes(tmp_path)
    with read_only_folder(tmp_path):
        run = cli(*base(config, **{"--host": "new.example.com"}))
    assert run.code == 3 and str(config) in run.err and "cannot be written" in run.err
    assert folder_bytes(tmp_path) == before


def test_usage_errors_exit_2(cli: CLI, tmp_path: Path) -> None:
    run = cli("apply", "--config", str(tmp_path / "c.toml"), "--user", "a@b.de", "--host", "h", "--security", "tls")
    assert run.code == 2 and "--security" in run.err


def test_errors_are_localized(cli: CLI, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(GOOD_CONFIG)
    run = cli("--lang", "de", *base(config, **{"--port": "0"}))
    assert run.code == 2 and "Fehler:" in run.err and "Port muss" in run.err
