"""Compose projects whose server is not found by one rule alone: two services mounting the config folder,
both BOMnipotent's by target (the user must choose), written in our own words for the face tests."""

from __future__ import annotations

from pathlib import Path

TWO_SERVERS = """\
services:
  server-blue:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
  server-green:
    image: wwhsoft/bomnipotent_server:latest
    network_mode: host
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""


def two_servers_project(root: Path) -> Path:
    """The project folder; its config.toml is `bomnipotent_config/config.toml`."""
    folder = root / "stack"
    (folder / "bomnipotent_config").mkdir(parents=True)
    (folder / "bomnipotent_config" / "config.toml").write_text('domain = "https://bom.example.org"\n')
    (folder / "compose.yaml").write_text(TWO_SERVERS)
    return folder
