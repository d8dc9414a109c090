"""Does the display the environment names really answer? Asked before Qt loads a platform plugin, because Qt
aborts the whole process (exit 134, "could not connect to display") when it does not — what a stale
`DISPLAY` left by `ssh -X`, or a display number nobody serves, leads to.

X11: the X protocol's connection set-up (X Window System Protocol, X11R7, chapter 8 "Connection Setup",
https://www.x.org/releases/X11R7.7/doc/xproto/x11protocol.html) is sent over the socket `DISPLAY` names,
with the MIT-MAGIC-COOKIE-1 cookie from the Xauthority file when there is one (ssh's forwarding checks it);
the first byte of the reply says Success (1), Failed (0) or Authenticate (2). Wayland: the compositor's socket
(`WAYLAND_DISPLAY`, relative to `XDG_RUNTIME_DIR`) accepts a connection. Standard library only, and the
sockets are `_socket`'s, the C module under `socket`: importing `socket` itself (its enums, `selectors`) cost
~6 ms of the GUI's start on X11, for one connection.
"""

from __future__ import annotations

import _socket
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wizard.cli.qt_platform import needs_display_server, platform_named
from wizard.core.i18n import tr
from wizard.core.os_reason import os_reason

TIMEOUT = 3.0  # seconds for connecting and for the server's first reply
X11_TCP_BASE = 6000  # display N listens on TCP port 6000 + N
X11_UNIX = "/tmp/.X11-unix/X{number}"
COOKIE = b"MIT-MAGIC-COOKIE-1"
FAMILY_WILD = 0xFFFF


def unanswered_display(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """None when the display named in `environ` answers (or Qt is told to use a platform without one, e.g.
    QT_QPA_PLATFORM=offscreen); else (the display's name, why it does not answer) in words for the user.
    Only called when DISPLAY or WAYLAND_DISPLAY or QT_QPA_PLATFORM is set."""
    if not needs_display_server(environ):
        return None  # offscreen, vnc, eglfs, ...: Qt needs no display server to answer
    platform = platform_named(environ)
    wayland = environ.get("WAYLAND_DISPLAY", "").strip()
    x11 = environ.get("DISPLAY", "").strip()
    failures: list[tuple[str, str]] = []
    if wayland and platform != "xcb":
        problem = wayland_problem(wayland, environ)
        if problem is None:
            return None
        failures.append((wayland, problem))
    if x11 and not platform.startswith("wayland"):
        problem = x11_problem(x11, environ)
        if problem is None:
            return None
        failures.append((x11, problem))
    if not failures:
        return (platform, tr("faces.display.reason.no_name"))
    return failures[0]


def wayland_problem(name: str, environ: Mapping[str, str]) -> str | None:
    """Why the Wayland compositor's socket does not accept a connection; None when it does."""
    path = Path(name) if name.startswith("/") else Path(environ.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.settimeout(TIMEOUT)
        sock.connect(str(path))
    except OSError as exc:
        return connection_reason(exc)
    finally:
        sock.close()
    return None


def connection_reason(exc: OSError) -> str:
    """Why a connection failed, for the user: the catalogue's words for a timeout (a socket timeout carries
    no errno and no system text), else the core's words for an OS error (`wizard.core.os_reason`: the usual
    causes in the user's language, any other in the system's words, "AF_UNIX path too long")."""
    if isinstance(exc, TimeoutError) and exc.errno is None:
        return tr("faces.display.reason.timeout", seconds=f"{TIMEOUT:g}")
    return os_reason(exc)


def parse_display(name: str) -> tuple[str, int] | None:
    """`[host]:number[.screen]` → (host, number); None when malformed. "unix" and "" mean this machine's
    Unix socket."""
    host, colon, rest = name.rpartition(":")
    if not colon:
        return None
    number = rest.split(".")[0]
    if not (number.isascii() and number.isdigit()):  # "²" is a digit to str.isdigit, not to int() or Xlib
        return None
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, int(number)


def x11_problem(name: str, environ: Mapping[str, str]) -> str | None:
    """Why the X server `name` does not answer the connection set-up; None when it accepts it."""
    parsed = parse_display(name)
    if parsed is None:
        return tr("faces.display.reason.malformed")
    host, number = parsed
    try:
        sock = _x11_socket(host, number)
    except OSError as exc:
        return connection_reason(exc)
    except UnicodeError:  # a host no name can be (an empty or over-long label): IDNA refuses it before a lookup
        return tr("faces.display.reason.malformed")
    try:
        sock.sendall(_setup_request(_cookie(environ, host, number)))
        reply = _read(sock, 8)
        if not reply:
            return tr("faces.display.reason.closed")
        if reply[0] == 1:
            return None
        if reply[0] == 0 and len(reply) >= 2:  # Failed: a reason of reply[1] bytes follows the 8-byte header
            reason = _read(sock, reply[1] + (-reply[1] % 4))[: reply[1]]
            return reason.decode("latin-1", "replace").strip() or tr("faces.display.reason.refused")
        return tr("faces.display.reason.authenticate")
    except OSError as exc:  # also while the reason of a refusal is read: a server may stall or reset there
        return connection_reason(exc)
    finally:
        sock.close()


def _x11_socket(host: str, number: int) -> _socket.socket:
    """A connected socket to display `number` of `host`: this machine's Unix socket for "" and "unix" (or
    its abstract twin), else TCP port 6000 + number at each address the name resolves to, in order. Raises
    OSError (the last address's) when none accepts within TIMEOUT seconds."""
    if host in ("", "unix"):
        path = X11_UNIX.format(number=number)
        return _connected(_socket.AF_UNIX, path, "\0" + path)  # Linux X servers also listen on the abstract one
    last: OSError = OSError("no address")
    for family, kind, proto, _name, address in _socket.getaddrinfo(host, X11_TCP_BASE + number, 0, _socket.SOCK_STREAM):
        try:
            return _connected(family, address, kind=kind, proto=proto)
        except OSError as exc:
            last = exc
    raise last


def _connected(
    family: int, *addresses: str | tuple[Any, ...], kind: int = _socket.SOCK_STREAM, proto: int = 0
) -> _socket.socket:
    """A socket of `family` connected to the first of `addresses` that accepts; OSError of the last one."""
    sock = _socket.socket(family, kind, proto)
    sock.settimeout(TIMEOUT)
    for index, address in enumerate(addresses):
        try:
            sock.connect(address)
            return sock
        except OSError:
            if index == len(addresses) - 1:
                sock.close()
                raise
    raise AssertionError("no address given")


def _setup_request(cookie: bytes | None) -> bytes:
    """The connection set-up in little-endian byte order ("l"), protocol 11.0, with the cookie if any."""
    name, data = (COOKIE, cookie) if cookie else (b"", b"")
    head = struct.pack("<cxHHHHxx", b"l", 11, 0, len(name), len(data))
    return head + name + b"\0" * (-len(name) % 4) + data + b"\0" * (-len(data) % 4)


def _read(sock: _socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _cookie(environ: Mapping[str, str], host: str, number: int) -> bytes | None:
    """The MIT-MAGIC-COOKIE-1 for display `number` from the Xauthority file (XAUTHORITY, else
    ~/.Xauthority): entries of family (2 bytes) then address, number, name and data, each a 2-byte
    big-endian length and its bytes (Xau's file format)."""
    path = environ.get("XAUTHORITY") or str(Path(environ.get("HOME", "~")).expanduser() / ".Xauthority")
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    wanted = str(number).encode()
    fallback = None
    offset = 0
    while offset + 2 <= len(raw):
        (family,) = struct.unpack_from(">H", raw, offset)
        offset += 2
        fields = []
        for _ in range(4):
            if offset + 2 > len(raw):
                return fallback
            (length,) = struct.unpack_from(">H", raw, offset)
            fields.append(raw[offset + 2 : offset + 2 + length])
            offset += 2 + length
        _address, display, name, data = fields
        if name == COOKIE and display in (wanted, b""):
            if family != FAMILY_WILD:
                return data
            fallback = data
    return fallback
