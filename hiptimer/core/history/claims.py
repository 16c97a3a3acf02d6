"""Which running hiptimer has a session: the claim written into ``sessions.claim``.

A session begins claimed by the process that plays it and is released when that window lets
it go (finished, or left to be resumed).  A claim whose process no longer runs (a crash, a
kill) is stale: its session may be offered again, and the window resuming it takes the claim
over with one conditional UPDATE (see :meth:`HistoryStore.claim_session`), so of two windows
trying at once exactly one wins.

A claim names a process as ``host:boot:pid:start``: on Linux ``boot`` and ``start`` (the boot
id and the process start time from ``/proc``) tell a live process from a later one that got
the same pid; elsewhere ``start`` is empty and the pid alone is checked.  A claim made on
another computer (a synced folder) is treated as stale: one SQLite file is never written by
two computers at once.
"""

from __future__ import annotations

import os
import socket
import sys
from functools import cache
from pathlib import Path

_SEPARATOR = ":"


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


def _start_time(pid: int) -> str:
    """The process start time (clock ticks after boot) from ``/proc``, or "" where there is none."""
    stat = _read(f"/proc/{pid}/stat")
    # "pid (name) state ppid ...": the name may hold spaces and ")", so split after the last one
    fields = stat.rpartition(")")[2].split()
    return fields[19] if len(fields) > 19 else ""


def _boot_id() -> str:
    return _read("/proc/sys/kernel/random/boot_id")[:8]


def _host() -> str:
    return socket.gethostname().replace(_SEPARATOR, "-")


def this_process() -> str:
    """The claim this process writes (the same for all its windows and writers)."""
    return _claim_of(os.getpid())


@cache
def _claim_of(pid: int) -> str:
    return _SEPARATOR.join((_host(), _boot_id(), str(pid), _start_time(pid)))


def is_live(claim: str | None) -> bool:
    """True when ``claim`` names a process that is still running on this computer."""
    if not claim:
        return False
    if claim == this_process():
        return True
    parts = claim.split(_SEPARATOR)
    if len(parts) != 4 or not parts[2].isdigit():
        return False  # not a claim this version wrote: nobody can be holding it
    host, boot, pid_text, start = parts
    if host != _host() or boot != _boot_id():
        return False
    pid = int(pid_text)
    if start:
        return _start_time(pid) == start
    return _pid_runs(pid)


def _pid_runs(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own pid, but not our claim: an earlier process that had it
    if sys.platform == "win32":
        return _windows_pid_runs(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except OSError:
        return False
    return True


def _windows_pid_runs(pid: int) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.GetLastError() == 5  # access denied: it runs, under another user
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
