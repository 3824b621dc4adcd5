"""A program under a pseudo-terminal, driven and read from outside, as a terminal (or ssh) sees it.

:func:`spawn` starts it at a given size and colour depth, :func:`read_until` reads until a marker
shows (or the program exits), :func:`read_quiet` reads until the program has written nothing for a
while (what one key press costs on the wire), :func:`stop` ends it and its process group.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time

DEVICE_ATTRIBUTE_QUERIES = (b"\x1b[c", b"\x1b[>c")


def spawn(argv: list[str], size: tuple[int, int], *, truecolor: bool = True) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` in a new pty of ``size`` (columns, rows) with TERM=xterm-256color; without
    ``truecolor`` COLORTERM is unset, so the app writes 256 colours (as over most SSH links)."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL": ""}
    env.pop("COLORTERM", None)
    if truecolor:
        env["COLORTERM"] = "truecolor"
    process = subprocess.Popen(argv, stdin=follower, stdout=follower, stderr=follower, env=env,
                               start_new_session=True, close_fds=True)
    os.close(follower)
    return process, leader


def _read_chunk(leader: int, wait: float) -> bytes | None:
    """What the program wrote within ``wait`` seconds (b"" at end of file, None for nothing yet)."""
    ready, _, _ = select.select([leader], [], [], wait)
    if not ready:
        return None
    try:
        chunk = os.read(leader, 65536)
    except OSError:
        return b""
    if any(query in chunk for query in DEVICE_ATTRIBUTE_QUERIES):
        os.write(leader, b"\x1b[?62;22c")  # answer device-attribute queries like a terminal
    return chunk


def read_until(leader: int, process: subprocess.Popen[bytes], marker: bytes | None, timeout: float = 30.0) -> bytes:
    """Read the terminal until ``marker`` shows (or, for None, the process exits)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chunk = _read_chunk(leader, 0.05)
        if chunk:
            seen += chunk
            if marker is not None and marker in seen:
                return seen
        if process.poll() is not None and marker is None:
            return seen
    raise TimeoutError(f"no {marker!r} within {timeout}s; saw {seen[-400:]!r}")


def read_quiet(leader: int, quiet: float = 0.15, timeout: float = 10.0) -> bytes:
    """Read until the program has written nothing for ``quiet`` seconds (or ``timeout`` passes)."""
    seen = b""
    deadline = time.monotonic() + timeout
    last = time.monotonic()
    while time.monotonic() < deadline:
        chunk = _read_chunk(leader, min(quiet, 0.02))
        if chunk:
            seen += chunk
            last = time.monotonic()
        elif chunk == b"" or time.monotonic() - last >= quiet:
            return seen
    return seen


def stop(process: subprocess.Popen[bytes], leader: int) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    os.close(leader)
