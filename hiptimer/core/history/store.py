"""The session history: one SQLite file, written as a session happens.

Every write is its own committed transaction, so a finished step is on disk before the next
one begins, and a crash loses at most the step in progress.  WAL mode and a 5 s busy timeout
let two running copies of the app write to the same file without losing anything.

Open the file with :func:`open_history`: it migrates older files (after copying them aside),
moves unreadable ones aside and starts afresh, and refuses files from a newer version without
touching them.  Nothing is ever deleted; a discarded session only changes its status.

Times go in as timezone-aware datetimes and are stored twice: ISO 8601 with the local offset
(what the person saw) and seconds since the epoch (for sorting and week arithmetic).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from hiptimer.core.history.database import connect, move_aside
from hiptimer.core.history.errors import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    HistoryVersionError,
    UnknownSessionError,
    as_history_error,
)
from hiptimer.core.history.measurements import TEST_BY_EXERCISE, check_degrees, stored_test
from hiptimer.core.history.reads import HistoryReader
from hiptimer.core.history.rows import PAIN_LIMITS, StepOutcomeLike
from hiptimer.core.history.schema import user_version
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus

#: How a session may finish (discarding is :meth:`HistoryStore.discard_session`).
FINISH_STATUSES = (SessionStatus.COMPLETED, SessionStatus.INCOMPLETE, SessionStatus.ENDED_EARLY)


class HistoryStore(HistoryReader):
    """Reads (see :class:`HistoryReader`) and writes one history file.

    Build it with :func:`open_history`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn)
        self.path = path

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, verify: bool = True) -> HistoryStore:
        """Open (creating or migrating) the file; raise a :class:`HistoryError` if unusable.

        ``verify`` runs ``PRAGMA integrity_check``, whose cost grows with the file size.
        """
        path = Path(path)
        return cls(connect(path, verify=verify), path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return user_version(self._conn)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one transaction (imports, benchmarks); nests harmlessly."""
        if self._conn.in_transaction:
            yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:  # a failed COMMIT must not leave it open
                self._conn.execute("ROLLBACK")
            raise

    # -- writing while a session runs ---------------------------------------------------

    @as_history_error
    def begin_session(
        self,
        routine_id: str,
        routine_name: str,
        content_hash: str,
        side_choice: SideChoice | str,
        started_at: datetime,
    ) -> int:
        """Create the session row (status incomplete) and return its id."""
        choice = SideChoice(_value(side_choice)).value
        _require_aware(started_at, "started_at")
        with self.batch():
            cursor = self._conn.execute(
                "INSERT INTO sessions (routine_id, routine_name, routine_hash, side_choice,"
                " started_at, started_utc) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    routine_id,
                    routine_name,
                    content_hash,
                    choice,
                    started_at.isoformat(),
                    started_at.timestamp(),
                ),
            )
        return int(cursor.lastrowid or 0)

    @as_history_error
    def record_step(self, session_id: int, outcome: StepOutcomeLike, ended_at: datetime) -> int:
        """Commit one finished step; a test step's degrees also become a measurement row."""
        _require_aware(ended_at, "ended_at")
        kind = Kind(_value(outcome.kind)).value
        side = None if outcome.side is None else Side(_value(outcome.side)).value
        status = _member(outcome.status, tuple(StepStatus), "step status must be")
        test = None
        if outcome.measurement is not None:
            check_degrees(outcome.measurement)
            test = TEST_BY_EXERCISE.get(outcome.exercise_id)
            if test is not None and side is None:
                raise ValueError(f"the measurement of {outcome.exercise_id!r} needs a side")
        with self.batch():
            self._require_session(session_id)
            cursor = self._conn.execute(
                "INSERT INTO steps (session_id, step_index, exercise_id, exercise_name, kind,"
                " side, status, planned_seconds, actual_seconds, planned_reps, actual_reps,"
                " measurement, ended_at, ended_utc)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    outcome.step_index,
                    outcome.exercise_id,
                    outcome.exercise_name,
                    kind,
                    side,
                    status.value,
                    float(outcome.planned_seconds),
                    float(outcome.actual_seconds),
                    outcome.planned_reps,
                    outcome.actual_reps,
                    outcome.measurement,
                    ended_at.isoformat(),
                    ended_at.timestamp(),
                ),
            )
            if test is not None and side is not None and outcome.measurement is not None:
                self._insert_measurement(test, side, outcome.measurement, ended_at, "", session_id)
        return int(cursor.lastrowid or 0)

    @as_history_error
    def finish_session(
        self,
        session_id: int,
        ended_at: datetime,
        status: SessionStatus | str,
        active_seconds: float,
    ) -> None:
        _require_aware(ended_at, "ended_at")
        finished = _member(status, FINISH_STATUSES, "a session finishes as")
        if active_seconds < 0:
            raise ValueError(f"active seconds cannot be negative, got {active_seconds}")
        self._update_session(
            session_id,
            "ended_at = ?, ended_utc = ?, status = ?, active_seconds = ?",
            (ended_at.isoformat(), ended_at.timestamp(), finished.value, float(active_seconds)),
        )

    @as_history_error
    def discard_session(self, session_id: int) -> None:
        """Mark an unfinished session as discarded; its rows stay in the file."""
        self._update_session(session_id, "status = ?", (SessionStatus.DISCARDED.value,))

    @as_history_error
    def set_feedback(self, session_id: int, pain: int | None, note: str = "") -> None:
        """How it felt afterwards: pain within ``PAIN_LIMITS`` (None: not given) and a note."""
        if pain is not None and pain not in PAIN_LIMITS:
            low, high = PAIN_LIMITS
            raise ValueError(f"pain must be a whole number from {low} to {high}, got {pain!r}")
        self._update_session(session_id, "pain = ?, note = ?", (pain, note))

    @as_history_error
    def add_measurement(
        self,
        test: str,
        side: Side | str,
        degrees: int,
        taken_at: datetime,
        note: str = "",
        session_id: int | None = None,
    ) -> int:
        """Record a range-of-motion measurement; ``test`` is 'prone'/'seated' or its exercise id."""
        test_name = stored_test(test)
        side_value = Side(_value(side)).value
        check_degrees(degrees)
        _require_aware(taken_at, "taken_at")
        with self.batch():
            if session_id is not None:
                self._require_session(session_id)
            return self._insert_measurement(
                test_name, side_value, degrees, taken_at, note, session_id
            )

    # -- helpers ------------------------------------------------------------------------

    def _require_session(self, session_id: int) -> None:
        found = self._conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,))
        if found.fetchone() is None:
            raise UnknownSessionError(f"no session with id {session_id}")

    def _update_session(
        self, session_id: int, assignments: str, params: tuple[object, ...]
    ) -> None:
        with self.batch():
            cursor = self._conn.execute(
                f"UPDATE sessions SET {assignments} WHERE id = ?", (*params, session_id)
            )
            if cursor.rowcount == 0:
                raise UnknownSessionError(f"no session with id {session_id}")

    def _insert_measurement(
        self,
        test: str,
        side: str,
        degrees: int,
        taken_at: datetime,
        note: str,
        session_id: int | None,
    ) -> int:
        cursor = self._conn.execute(
            "INSERT INTO measurements (session_id, test, side, degrees, taken_at, taken_utc, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, test, side, degrees, taken_at.isoformat(), taken_at.timestamp(), note),
        )
        return int(cursor.lastrowid or 0)


def _value(member: Enum | str) -> str:
    return member.value if isinstance(member, Enum) else member


E = TypeVar("E", bound=Enum)


def _member(given: Enum | str, allowed: tuple[E, ...], what: str) -> E:
    """``given`` (a member or its stored value) as the one of ``allowed`` it names."""
    value = _value(given)
    for member in allowed:
        if member.value == value:
            return member
    choices = ", ".join(member.value for member in allowed)
    raise ValueError(f"{what} one of {choices}, got {given!r}")


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")


def open_history(
    path: Path, now: datetime | None = None, *, verify: bool = True
) -> tuple[HistoryStore, str | None]:
    """Open the history, setting a damaged file aside; return the store and a message or None.

    Raises :class:`HistoryVersionError` for a file from a newer hiptimer (left in place,
    untouched) and :class:`HistoryError` when the file is locked or cannot be moved; the app
    then runs without saving history.
    """
    path = Path(path)
    try:
        return HistoryStore.open(path, verify=verify), None
    except (HistoryVersionError, HistoryBusyError):
        raise
    except HistoryCorruptError as error:
        reason = str(error)
    when = now if now is not None else datetime.now()
    try:
        moved = move_aside(path, when)
    except OSError as error:
        raise HistoryError(
            f"The history file {path} cannot be used ({reason}) and could not be moved "
            f"aside ({error}). Sessions are not saved until it is moved or repaired."
        ) from error
    store = HistoryStore.open(path, verify=verify)
    message = (
        f"The history file could not be used ({reason}). It was kept as {moved} "
        f"and a new, empty history was started at {path}."
    )
    return store, message
