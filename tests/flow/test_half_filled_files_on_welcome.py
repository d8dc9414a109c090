"""The faces' first page on a half-filled `[smtp]` and on a `.env` with a byte order mark (issue 22): it says
the table will be completed (not "replaced") and that the server reads nothing from that `.env` yet."""

from __future__ import annotations

from pathlib import Path

from wizard.core.i18n import tr
from wizard.flow.content import describe_existing
from wizard.flow.flow import Flow


def welcome(config: Path) -> list[str]:
    flow = Flow(config)
    flow.load()
    return describe_existing(flow)


def test_a_half_filled_smtp_is_announced_as_completed_not_replaced(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\n# fill in later\nuser = "a@example.com"\n')
    lines = welcome(config)
    assert tr("file_layer.welcome.smtp_half", table="smtp", keys="“endpoint”") in lines
    assert not any("will be replaced" in line for line in lines)


def test_a_env_with_a_byte_order_mark_is_announced_with_its_repair(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nuser = "a@example.com"\nendpoint = "smtp.example.com"\nsecret = "${SMTP_SECRET}"\n')
    (tmp_path / ".env").write_text("\ufeffSMTP_SECRET=s\n")
    assert tr("file_layer.welcome.env_bom", env=str(tmp_path / ".env")) in welcome(config)
