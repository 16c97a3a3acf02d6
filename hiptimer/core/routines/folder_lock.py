"""One writer at a time in the user's routines folder, across windows and processes.

Two copies of hiptimer importing or saving at the same moment must not pick the same file
name or the same routine id.  :func:`folder_lock` holds an exclusive advisory lock
(``fcntl.flock`` on the folder itself, so no lock file is left behind) while a writer reads
the folder again, picks its names and ids and creates its file; the other waits (briefly:
writes take milliseconds).  Where advisory
locks do not exist the lock is a no-op, and :func:`~hiptimer.core.atomic_file.create_new` still
guarantees that no file is ever replaced.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX
    fcntl = None  # type: ignore[assignment]


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
