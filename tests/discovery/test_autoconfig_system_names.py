"""The HTTPS autoconfig lookups resolve host names as the system does (getaddrinfo: /etc/hosts and the name
service switch), like browsers and Thunderbird — not with a DNS-only resolver (SPEC §12 rev 3).

A real child process runs in its own user and mount namespace (`unshare -Urm`) where a temporary hosts file
is bind-mounted over /etc/hosts: the system file is not touched, and the name is known to /etc/hosts alone.
The child starts an HTTPS document server on 127.0.0.1 with a certificate for that name and fetches from it
with the fetcher discovery uses online (`https_lookups`), trusting the test CA."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

NAME = "autoconfig.hosts-only.example"

CHILD = """
import asyncio, dataclasses, ssl, sys
import trustme
sys.path[:0] = {paths!r}
from tests.discovery.autoconfig_server import DocumentServer, Reply
from wizard.discovery.discover import https_lookups

async def main():
    ca = trustme.CA()
    server = await DocumentServer(ca, names=({name!r},)).start()
    server.routes["/mail/config-v1.1.xml"] = Reply(b"<clientConfig/>")
    context = ssl.create_default_context()
    ca.configure_trust(context)
    lookups = https_lookups(None)
    fetcher = dataclasses.replace(lookups.fetcher, context=context)  # the online fetcher, trusting the test CA
    body = await fetcher.get(f"https://{name}:{{server.port}}/mail/config-v1.1.xml")
    await server.close()
    print(body.decode(), server.requests)

asyncio.run(main())
"""


def test_an_autoconfig_host_known_only_to_etc_hosts_is_reached(tmp_path: Path) -> None:
    hosts = tmp_path / "hosts"
    hosts.write_text(f"127.0.0.1 localhost\n127.0.0.1 {NAME}\n")
    script = CHILD.format(paths=[p for p in sys.path if p], name=NAME)
    unshare = shutil.which("unshare")
    assert unshare is not None, "util-linux unshare is needed for a private /etc/hosts"
    command = [unshare, "-Urm", "sh", "-c", 'mount --bind "$1" /etc/hosts && exec "$2" -c "$3"', "sh",
               str(hosts), sys.executable, script]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env={**os.environ})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<clientConfig/>" in done.stdout and "/mail/config-v1.1.xml" in done.stdout
