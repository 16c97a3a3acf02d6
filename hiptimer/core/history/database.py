"""The history file itself: open it safely, check it, migrate it, set a bad one aside.

Nothing here deletes anything but its own unfinished copies.  A file from a newer hiptimer
is refused before SQLite even opens it (its header is read as plain bytes, without blocking on
a pipe or a device), so it is never written.  An older file is copied to ``<name>.v<N>.bak``
before its migration runs; the copy is made under a temporary name and takes its real name
only when complete, so a kill mid-copy never leaves a partial backup that looks whole.

"Cannot open" is told apart from "damaged": a file that cannot be opened or written now (a
permission, a read-only folder, a ``-wal`` that cannot be opened, not a regular file) raises
:class:`HistoryUnavailableError` and is left alone; only a file that opens and fails its
checks raises :class:`HistoryCorruptError`, and :func:`move_aside` renames it (and its side
files) to ``<name>.corrupt-<time>``, numbered so no earlier copy is ever replaced.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from hiptimer.core import atomic_file
from hiptimer.core.bounded_read import ReadProblem, read_head
from hiptimer.core.history.errors import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    HistoryUnavailableError,
    HistoryVersionError,
)
from hiptimer.core.history.schema import APPLICATION_ID, CURRENT_VERSION, migrate, user_version

BUSY_TIMEOUT_SECONDS = 5.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDECARS = ("-wal", "-shm", "-journal")


_PARTIAL = ".partial"


def _check_header(path: Path) -> None:
    """Read the file header as plain bytes before SQLite opens the file.

    A newer file is refused here, so SQLite never writes it; a file that is not an SQLite
    database at all is damaged before SQLite touches it (closing a connection to it would
    delete its side files).  What cannot be opened or read is refused as unavailable, untouched:
    no permission to read it, a pipe, a device, a folder.
    """
    try:
        header = read_head(path, 100)
    except ReadProblem as problem:
        if not problem.opened and not os.path.lexists(path):
            return  # a new history
        raise HistoryUnavailableError(
            f"the history file {problem}; it was left as it is"
        ) from problem
    if header and not (len(header) == 100 and header.startswith(_SQLITE_MAGIC)):
        raise HistoryCorruptError("it is not a database (it does not start as one)")
    if header:
        version = int.from_bytes(header[60:64], "big", signed=True)
        if version > CURRENT_VERSION:
            raise HistoryVersionError(_newer_message(path, version))


def _newer_message(path: Path, version: int) -> str:
    return (
        f"The history file {path} was written by a newer version of hiptimer "
        f"(history format {version}; this version reads up to {CURRENT_VERSION}). "
        "It was left untouched. Update hiptimer to keep recording sessions into it; "
        "until then sessions are not saved."
    )


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    version = user_version(conn)
    if version > CURRENT_VERSION:
        raise HistoryVersionError(_newer_message(path, version))
    if version == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise HistoryCorruptError("it is a database, but not a hiptimer history")
        return
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise HistoryCorruptError("it is a database, but not a hiptimer history")


def _check_integrity(conn: sqlite3.Connection) -> None:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    if rows != ["ok"]:
        lines = [line for row in rows for line in str(row).splitlines()]
        problems = [line for line in lines if not line.startswith("***")] or lines
        raise HistoryCorruptError(f"the integrity check failed: {problems[0]}")


def _upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file to the current schema, copying an older one aside first.

    The version is read again under the write lock, so two copies starting at once migrate
    the file only once.
    """
    if user_version(conn) == CURRENT_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = user_version(conn)
        if version > CURRENT_VERSION:
            raise HistoryVersionError(_newer_message(path, version))
        if version < CURRENT_VERSION:
            if version > 0:
                remove_partial_backups(path)
                backup_copy(path, version)
            migrate(conn, version)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def free_names(wanted: Path) -> Iterator[Path]:
    """``wanted``, then ``wanted`` with ``-2``, ``-3``… before its ``.bak`` suffix, leaving out
    names taken by a file or by a file's side files."""
    stem, suffix = (wanted.name[:-4], ".bak") if wanted.name.endswith(".bak") else (wanted.name, "")
    for counter in itertools.count(1):
        candidate = wanted if counter == 1 else wanted.with_name(f"{stem}-{counter}{suffix}")
        if not (candidate.exists() or _sidecars_exist(candidate)):
            yield candidate


def _sidecars_exist(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in _SIDECARS)


def backup_copy(path: Path, version: int) -> Path:
    """Copy the file to ``<name>.v<version>.bak`` (never overwriting one) and return it.

    Uses SQLite's backup so changes still in the write-ahead log are in the copy.  The copy is
    written under a temporary name and takes the backup's name only once it is complete.  The
    caller holds the write lock, so nothing changes while the copy is made.
    """
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.v{version}.bak.", suffix=_PARTIAL, dir=path.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        copy = sqlite3.connect(temp)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return _claim_name(temp, path.with_name(f"{path.name}.v{version}.bak"))
    finally:
        temp.unlink(missing_ok=True)


def _claim_name(made: Path, wanted: Path) -> Path:
    """Give the finished file ``made`` the first free name from ``wanted``; never replaces."""
    target = atomic_file.link_to_free_name(made, free_names(wanted))
    atomic_file.fsync_dir(target.parent)
    return target


def remove_partial_backups(path: Path) -> list[Path]:
    """Delete backup copies a killed upgrade left unfinished; return them.

    Called under the write lock, so no other copy of hiptimer is making one at the time.
    """
    removed = []
    for partial in path.parent.glob(f".{path.name}.v*.bak.*{_PARTIAL}"):
        partial.unlink(missing_ok=True)
        removed.append(partial)
    return removed


def _classify(error: sqlite3.Error, path: Path, busy_timeout: float) -> HistoryError:
    if isinstance(error, HistoryError):
        return error
    name = getattr(error, "sqlite_errorname", "") or _errorname_from_text(str(error))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return HistoryBusyError(
            f"the history file {path} stayed locked by another program for "
            f"{busy_timeout:g} s ({error})"
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return HistoryCorruptError(str(error))
    if name.startswith(_CANNOT_OPEN):
        return HistoryUnavailableError(
            f"the history file {path} cannot be opened or written ({error}); it was left as it is"
        )
    return HistoryError(f"the history file {path} cannot be used: {error}")


#: What a healthy file can meet: no permission, a read-only folder or disk, a side file that
#: cannot be opened, a full disk.  Never a reason to set the file aside.
_CANNOT_OPEN = (
    "SQLITE_CANTOPEN",
    "SQLITE_READONLY",
    "SQLITE_PERM",
    "SQLITE_AUTH",
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_NOLFS",
)


def _errorname_from_text(text: str) -> str:
    """Python 3.10 has no ``sqlite_errorname``: recognise the few messages that matter."""
    for fragment, name in (
        ("locked", "SQLITE_BUSY"),
        ("not a database", "SQLITE_NOTADB"),
        ("malformed", "SQLITE_CORRUPT"),
        ("unable to open", "SQLITE_CANTOPEN"),
        ("readonly", "SQLITE_READONLY"),
        ("disk I/O error", "SQLITE_IOERR"),
        ("database or disk is full", "SQLITE_FULL"),
    ):
        if fragment in text:
            return name
    return ""


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file and its side files to ``<name>.corrupt-<time>``, never overwriting
    an earlier copy (a second one that second becomes ``….2``, and so on)."""
    target = atomic_file.move_aside(path, f".corrupt-{now:%Y%m%d-%H%M%S}")
    for suffix in _SIDECARS:
        side_file = Path(f"{path}{suffix}")
        try:
            _claim_name(side_file, Path(f"{target}{suffix}"))
        except FileNotFoundError:
            continue  # none, or another connection closing just removed it: nothing to keep
        side_file.unlink(missing_ok=True)
    return target


def connect(
    path: Path, *, verify: bool = True, busy_timeout: float | None = None
) -> sqlite3.Connection:
    """Open (creating or migrating) the file; raise a :class:`HistoryError` if it is unusable.

    The connection is in autocommit mode (every statement commits unless a transaction was
    begun), WAL mode, full sync, with foreign keys on and a busy timeout of ``busy_timeout``
    seconds (default :data:`BUSY_TIMEOUT_SECONDS`).  ``verify`` runs ``PRAGMA
    integrity_check``, whose cost grows with the size of the file; a file that needs an
    upgrade is checked whatever ``verify`` says, before the upgrade writes to it.
    """
    if busy_timeout is None:
        busy_timeout = BUSY_TIMEOUT_SECONDS
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        in_the_way = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        reason = (
            f"{in_the_way} is a file, not a folder"
            if in_the_way is not None
            else (error.strerror or str(error)).lower()
        )
        raise HistoryUnavailableError(
            f"the folder for the history file {path} cannot be made ({reason})"
        ) from error
    _check_header(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
    except sqlite3.Error as error:
        raise _classify(error, path, busy_timeout) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        _check_identity(conn, path)
        if verify or 0 < user_version(conn) < CURRENT_VERSION:
            _check_integrity(conn)  # an upgrade writes: never into a damaged file
        _upgrade(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # a committed step survives a power cut
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        conn.close()
        raise _classify(error, path, busy_timeout) from error
    except OSError as error:  # the backup copy before a migration could not be written
        conn.close()
        raise HistoryError(f"the history file {path} cannot be upgraded: {error}") from error
    except BaseException:
        conn.close()
        raise
    return conn
