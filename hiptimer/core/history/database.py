"""The history file itself: open it safely, check it, migrate it, set a bad one aside.

Nothing here deletes anything.  A file from a newer hiptimer is refused before SQLite even
opens it (its header is read as plain bytes), so it is never written.  An older file is
copied to ``<name>.v<N>.bak`` before its migration runs.  A damaged file is renamed to
``<name>.corrupt-<time>`` by :func:`move_aside`.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from hiptimer.core.history.errors import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    HistoryVersionError,
)
from hiptimer.core.history.schema import APPLICATION_ID, CURRENT_VERSION, migrate, user_version

BUSY_TIMEOUT_SECONDS = 5.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDECARS = ("-wal", "-shm", "-journal")


def _refuse_newer_header(path: Path) -> None:
    """Read the version from the file header without SQLite, so a newer file is never opened."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: SQLite will report it and it is handled as damaged
    if len(header) == 100 and header.startswith(_SQLITE_MAGIC):
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
                backup_copy(path, version)
            migrate(conn, version)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def unused_path(wanted: Path) -> Path:
    """``wanted``, or ``wanted`` with ``-2``, ``-3``… before its ``.bak`` suffix, if taken."""
    stem, suffix = (wanted.name[:-4], ".bak") if wanted.name.endswith(".bak") else (wanted.name, "")
    candidate, counter = wanted, 1
    while candidate.exists() or _sidecars_exist(candidate):
        counter += 1
        candidate = wanted.with_name(f"{stem}-{counter}{suffix}")
    return candidate


def _sidecars_exist(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in _SIDECARS)


def backup_copy(path: Path, version: int) -> Path:
    """Copy the file to ``<name>.v<version>.bak`` (never overwriting one) and return it.

    Uses SQLite's backup so changes still in the write-ahead log are in the copy.  The caller
    holds the write lock, so nothing changes while the copy is made.
    """
    target = unused_path(path.with_name(f"{path.name}.v{version}.bak"))
    with target.open("xb"):
        pass
    source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def _classify(error: sqlite3.Error, path: Path) -> HistoryError:
    if isinstance(error, HistoryError):
        return error
    name = getattr(error, "sqlite_errorname", "") or _errorname_from_text(str(error))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return HistoryBusyError(
            f"the history file {path} stayed locked by another program for "
            f"{BUSY_TIMEOUT_SECONDS:g} s ({error})"
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CANTOPEN")):
        return HistoryCorruptError(str(error))
    return HistoryError(f"the history file {path} cannot be used: {error}")


def _errorname_from_text(text: str) -> str:
    """Python 3.10 has no ``sqlite_errorname``: recognise the few messages that matter."""
    for fragment, name in (
        ("locked", "SQLITE_BUSY"),
        ("not a database", "SQLITE_NOTADB"),
        ("malformed", "SQLITE_CORRUPT"),
        ("unable to open", "SQLITE_CANTOPEN"),
    ):
        if fragment in text:
            return name
    return ""


def move_aside(path: Path, now: datetime) -> Path:
    """Rename a bad file and its side files to ``<name>.corrupt-<time>``, never overwriting."""
    target = unused_path(path.with_name(f"{path.name}.corrupt-{now:%Y%m%d-%H%M%S}"))
    os.rename(path, target)
    for suffix in _SIDECARS:
        side_file = Path(f"{path}{suffix}")
        if side_file.exists():
            os.rename(side_file, Path(f"{target}{suffix}"))
    return target


def connect(path: Path, *, verify: bool = True) -> sqlite3.Connection:
    """Open (creating or migrating) the file; raise a :class:`HistoryError` if it is unusable.

    The connection is in autocommit mode (every statement commits unless a transaction was
    begun), WAL mode, full sync, with foreign keys on and a 5 s busy timeout.  ``verify`` runs
    ``PRAGMA integrity_check``, whose cost grows with the size of the file.
    """
    _refuse_newer_header(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HistoryError(f"cannot create the folder for {path}: {error}") from error
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise _classify(error, path) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        _check_identity(conn, path)
        if verify:
            _check_integrity(conn)
        _upgrade(conn, path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # a committed step survives a power cut
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        conn.close()
        raise _classify(error, path) from error
    except OSError as error:  # the backup copy before a migration could not be written
        conn.close()
        raise HistoryError(f"the history file {path} cannot be upgraded: {error}") from error
    except BaseException:
        conn.close()
        raise
    return conn
