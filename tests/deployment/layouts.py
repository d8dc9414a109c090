"""The documentation's deployment layouts, written as fixtures in our own words: a project folder with a
compose file, the compose `.env`, and `bomnipotent_config/config.toml` mounted into the server's container;
and the standalone layout with `.env` next to config.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_TOML = """\
# the server's settings
db_url = "postgres://bom:${BOMNIPOTENT_DB_PW}@database:5432/bom"
domain = "https://bom.example.org"
"""

# The recommended layout: database and server; the server mounts the config folder read-only (short syntax).
COMPOSE_PASSED = """\
# BOMnipotent behind nothing: the server publishes its own port
name: bom_stack

services:
  database:
    image: postgres:17-alpine
    environment:
      # the database password comes from the compose .env
      POSTGRES_PASSWORD: ${BOMNIPOTENT_DB_PW}
    volumes:
      - dbdata:/var/lib/postgresql/data

  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    depends_on:
      - database
    environment:
      # hand the secrets to the server
      BOMNIPOTENT_DB_PW: ${BOMNIPOTENT_DB_PW}
      SMTP_SECRET: ${SMTP_SECRET}
    ports:
      - "443:8443"
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro   # read-only on purpose

volumes:
  dbdata: {}
"""

# The same without SMTP_SECRET in the server's environment (the wizard has to add it).
COMPOSE_MISSING = COMPOSE_PASSED.replace("      SMTP_SECRET: ${SMTP_SECRET}\n", "")

# The same two with the server on the host's network stack (`network_mode: host`): its 127.0.0.1 is this
# machine's, so a mail server on this machine's loopback is really reachable and may be tested from here.
COMPOSE_PASSED_HOST_NET = COMPOSE_PASSED.replace('    ports:\n      - "443:8443"\n', "    network_mode: host\n")
COMPOSE_MISSING_HOST_NET = COMPOSE_MISSING.replace('    ports:\n      - "443:8443"\n', "    network_mode: host\n")
assert "network_mode: host" in COMPOSE_PASSED_HOST_NET and "network_mode: host" in COMPOSE_MISSING_HOST_NET

# List form of environment:, long volume syntax, a reverse proxy in front, and a relay service.
COMPOSE_PROXY_LIST = """\
services:
  proxy:
    image: nginx:stable
    ports:
      - 443:443
    volumes:
      - ./proxy:/etc/nginx/conf.d:ro

  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    environment:
      - BOMNIPOTENT_DB_PW=${BOMNIPOTENT_DB_PW}   # same as the database's
      - LOG_LEVEL=info
    volumes:
      - type: bind
        source: ./bomnipotent_config
        target: /etc/bomnipotent_server/configs/
        read_only: true

  smtp_relay:
    image: example/msmtpd
    environment:
      SMTP_FROM: bom@example.org
"""

COMPOSE_RELAY_PUBLISHED = (
    COMPOSE_PROXY_LIST
    + """\
    ports:
      - "127.0.0.1:2525:25"
"""
)

# The server's environment comes from an env_file that defines the secret.
COMPOSE_ENV_FILE = """\
services:
  bomnipotent_server:
    image: wwhsoft/bomnipotent_server:latest
    env_file:
      - server.env
    volumes:
      - ./bomnipotent_config:/etc/bomnipotent_server/configs:ro
"""

PROJECT_ENV = "# secrets of the stack\nBOMNIPOTENT_DB_PW=db-pass\n"


@dataclass(frozen=True)
class Project:
    folder: Path
    config: Path

    @property
    def compose(self) -> Path:
        return self.folder / "compose.yaml"

    @property
    def env(self) -> Path:
        return self.folder / ".env"

    @property
    def config_env(self) -> Path:
        return self.config.parent / ".env"


def make_project(
    root: Path, compose_text: str, *, env: str | None = PROJECT_ENV, name: str = "compose.yaml"
) -> Project:
    folder = root / "stack"
    config_dir = folder / "bomnipotent_config"
    config_dir.mkdir(parents=True)
    config = config_dir / "config.toml"
    config.write_text(CONFIG_TOML)
    (folder / name).write_text(compose_text)
    if env is not None:
        (folder / ".env").write_text(env)
    return Project(folder, config)


def make_standalone(root: Path) -> Project:
    folder = root / "server"
    folder.mkdir()
    config = folder / "config.toml"
    config.write_text(CONFIG_TOML)
    return Project(folder, config)
