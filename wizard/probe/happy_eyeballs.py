"""Connecting to the first address that answers, Happy Eyeballs style (RFC 8305 §4 and §5).

A host with an IPv6 address that does not answer (dual-stack networks with broken IPv6 are common) would
otherwise cost a whole step timeout before IPv4 is tried. Here the addresses are interleaved by family, the
next attempt starts 250 ms after the previous one (or at once when it fails), and the first connection wins;
every other socket is closed.

asyncio has this built into `loop.create_connection(happy_eyeballs_delay=...)`, but that resolves the name
itself and returns a transport, while the probe resolves in its own step and hands a connected socket to
aiosmtplib; `asyncio.staggered` is private and in Python 3.11 can crash when two attempts win at once.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Sequence

AddrInfo = tuple[int, int, int, str, tuple[str, int] | tuple[str, int, int, int]]

CONNECTION_ATTEMPT_DELAY = 0.25  # RFC 8305 §5: the recommended "Connection Attempt Delay" (seconds)


class AllAttemptsFailed(OSError):
    """No address accepted a connection. `failures` pairs each address with its error, in attempt order."""

    def __init__(self, failures: list[tuple[AddrInfo, OSError]]) -> None:
        refused = [exc for _, exc in failures if isinstance(exc, ConnectionRefusedError)]
        first = refused[0] if refused else failures[0][1] if failures else OSError("no address")
        # The system's words for the error: asyncio's own strerror holds a tuple repr ("Connect call failed (...)").
        super().__init__(first.errno, os.strerror(first.errno) if first.errno else first.strerror or str(first))
        self.failures = failures


def interleave(infos: Sequence[AddrInfo]) -> list[AddrInfo]:
    """RFC 8305 §4: keep the resolver's order within each family, alternating families, first family first."""
    by_family: dict[int, list[AddrInfo]] = {}
    for info in infos:
        by_family.setdefault(info[0], []).append(info)
    queues = list(by_family.values())
    out: list[AddrInfo] = []
    while any(queues):
        for queue in queues:
            if queue:
                out.append(queue.pop(0))
    return out


async def connect_first(
    infos: Sequence[AddrInfo], delay: float = CONNECTION_ATTEMPT_DELAY
) -> tuple[socket.socket, AddrInfo, list[tuple[AddrInfo, OSError]]]:
    """The first connected (non-blocking) socket, its address, and the attempts that failed before it won.

    Raises `AllAttemptsFailed` when every address refused or failed; attempts still running when the caller is
    cancelled (e.g. by its step timeout) are cancelled and their sockets closed.
    """
    loop = asyncio.get_running_loop()
    queue = interleave(infos)
    attempts: dict[asyncio.Future[None], tuple[socket.socket, AddrInfo]] = {}
    failures: list[tuple[AddrInfo, OSError]] = []
    try:
        while queue or attempts:
            if queue:
                info = queue.pop(0)
                sock = socket.socket(info[0], info[1], info[2])
                sock.setblocking(False)
                attempts[asyncio.ensure_future(loop.sock_connect(sock, info[4]))] = (sock, info)
            done, _ = await asyncio.wait(
                attempts, timeout=delay if queue else None, return_when=asyncio.FIRST_COMPLETED
            )
            for attempt in done:
                sock, info = attempts.pop(attempt)
                error = attempt.exception()
                if error is None:
                    return sock, info, failures
                sock.close()
                failures.append((info, error if isinstance(error, OSError) else OSError(str(error))))
        raise AllAttemptsFailed(failures)
    finally:
        for attempt, (sock, _) in attempts.items():
            attempt.cancel()
            sock.close()
