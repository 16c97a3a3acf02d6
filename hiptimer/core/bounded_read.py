"""Reading a file the app did not write itself, without hanging or running out of memory.

Settings, routine files, imports and histories opened for viewing may be anything: a FIFO
with no writer (a plain ``open`` blocks forever), ``/dev/zero`` (a plain ``read`` never ends),
a folder, or a file far larger than any real one.  :func:`read_bounded` opens without
blocking, accepts only a regular file, and never reads more than its limit, so every such case
becomes one clear :class:`ReadProblem`; :func:`read_head` reads just the start of a file
(the history's header) the same way.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class ReadProblem(Exception):
    """``path`` could not be read; ``reason`` says why in a few words.

    ``opened`` tells "cannot open" (missing, no permission: the file may be fine) apart from a
    file that opened but is not what it should be (not a regular file, too large).
    """

    def __init__(self, path: Path, reason: str, *, opened: bool, size: int | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.opened = opened
        self.size = size  # the bytes found, when the file is too large


def read_bounded(path: Path, limit: int) -> bytes:
    """The whole content of the regular file ``path``, at most ``limit`` bytes."""
    fd, info = _open_regular(path)
    try:
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        data = _read_up_to(fd, limit + 1)
        if len(data) > limit:  # it grew while being read
            raise _too_large(path, len(data), limit)
        return data
    except OSError as exc:
        raise ReadProblem(path, f"cannot be read ({_reason(exc)})", opened=True) from exc
    finally:
        os.close(fd)


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes (or fewer) of the regular file ``path``, however large it is."""
    fd, _ = _open_regular(path)
    try:
        return _read_up_to(fd, size)
    except OSError as exc:
        raise ReadProblem(path, f"cannot be read ({_reason(exc)})", opened=True) from exc
    finally:
        os.close(fd)


def _open_regular(path: Path) -> tuple[int, os.stat_result]:
    """Open ``path`` without blocking; refuse (and close) anything but a regular file."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadProblem(path, f"cannot be opened ({_reason(exc)})", opened=False) from exc
    try:
        info = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise ReadProblem(path, f"cannot be read ({_reason(exc)})", opened=True) from exc
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise ReadProblem(path, f"is not a regular file ({_kind(info.st_mode)})", opened=True)
    return fd, info


def _read_up_to(fd: int, most: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < most:
        chunk = os.read(fd, min(most - size, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _too_large(path: Path, size: int, limit: int) -> ReadProblem:
    reason = f"is too large: {size:,} bytes or more (at most {limit:,})"
    return ReadProblem(path, reason, opened=True, size=size)
