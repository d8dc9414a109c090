"""Runs a command on a new pseudo-terminal of a given size, as a user's SSH session would, and prints what it
drew with the escape sequences taken out (so a test can look for its texts); exits with the command's code.

    python packaging/pty_run.py COLUMNS ROWS TIMEOUT_S COMMAND...

Used by packaging/smoke to start the terminal wizard of a built binary (pty(7), termios(3) TIOCSWINSZ).
Exit: the command's exit code; 124 when it ran longer than TIMEOUT_S seconds (it is killed).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

# CSI and OSC sequences, and the single-character escapes (RFC-less: ECMA-48 sections 5.4 and 8.3.89).
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_=>()][0-9A-Za-z]?")


def main(argv: list[str]) -> int:
    columns, rows, timeout = int(argv[0]), int(argv[1]), float(argv[2])
    command = argv[3:]
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the terminal
        os.environ["TERM"] = "xterm-256color"  # what a typical SSH client announces
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    drawn = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            drawn += chunk
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.stdout.write(ESCAPES.sub("", drawn.decode("utf-8", "replace")))
        return 124
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(ESCAPES.sub("", drawn.decode("utf-8", "replace")))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
