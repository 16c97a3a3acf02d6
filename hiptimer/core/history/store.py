"""The session history: one SQLite file, written as a session happens.

Every write is its own committed transaction, so a crash loses at most the write in
progress, and every write is idempotent: a session is named by the key the app made when it
began (``session_key``), a step by its session and index, so a write replayed after a crash or
tried again after a busy file never adds a second row.  WAL mode and a busy timeout let two
running copies of the app write to the same file without losing anything; while a session
plays, its writes go through :class:`~hiptimer.core.history.writer.HistoryWriter`, off the
window's thread.

Open the file with :func:`open_history`: it migrates older files (after copying them aside),
moves damaged ones aside and starts afresh (one only out of reach is left alone), and refuses
files from a newer version without touching them.  Nothing is deleted but what the person
deletes (:mod:`measurement_edits`); a discarded session only changes its status.

Times go in as timezone-aware datetimes and are stored twice: ISO 8601 with the local offset
(what the person saw) and seconds since the epoch (for sorting and week arithmetic).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType

from hiptimer.core.history.checks import (
    check_active_seconds,
    check_pain,
    check_planned_steps,
    checked_outcome,
    checked_set,
    finish_status,
    new_key,
    require_aware,
    value_of,
)
from hiptimer.core.history.coach_writes import (
    check_progression_level,
    refresh_kind,
    set_exercise_feedback,
)
from hiptimer.core.history.database import connect, move_aside
from hiptimer.core.history.errors import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    HistoryVersionError,
    UnknownSessionError,
    as_history_error,
)
from hiptimer.core.history.measurement_edits import MeasurementEdits
from hiptimer.core.history.measurements import check_degrees, stored_test
from hiptimer.core.history.photos import remove_photo
from hiptimer.core.history.reads import HistoryReader
from hiptimer.core.history.routine_texts import keep_routine_text
from hiptimer.core.history.rows import StepOutcomeLike
from hiptimer.core.history.schema import user_version
from hiptimer.core.history.what_helps import Rating
from hiptimer.core.routines.model import Side, SideChoice
from hiptimer.core.session.status import SessionStatus


class HistoryStore(MeasurementEdits, HistoryReader):
    """Reads (see :class:`HistoryReader`) and writes one history file.

    Build it with :func:`open_history`.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn)
        self.path = path

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, *, verify: bool = True, busy_timeout: float | None = None
    ) -> HistoryStore:
        """Open (creating or migrating) the file; raise a :class:`HistoryError` if unusable.

        ``verify`` runs ``PRAGMA integrity_check``, whose cost grows with the file size;
        ``busy_timeout`` is how long a statement waits for another program's lock (default
        :data:`~hiptimer.core.history.database.BUSY_TIMEOUT_SECONDS`).
        """
        path = Path(path)
        return cls(connect(path, verify=verify, busy_timeout=busy_timeout), path)

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
        *,
        key: str | None = None,
        planned_steps: int | None = None,
        claim: str | None = None,
        planned_work_seconds: float | None = None,
        routine_text: str | None = None,
    ) -> int:
        """Create the session row (status incomplete) and return its id.

        ``key`` names the session in every later write (a new one when not given); beginning
        again with a key already in the file changes nothing.  ``planned_steps`` is the
        plan's length; ``claim`` the process playing it (see :mod:`claims`);
        ``planned_work_seconds`` its exercise time, which decides whether it counts as a
        workout (:mod:`adherence`); ``routine_text`` the routine played (:mod:`routine_texts`).
        """
        choice = SideChoice(value_of(side_choice)).value
        require_aware(started_at, "started_at")
        check_planned_steps(planned_steps)
        if planned_work_seconds is not None:
            check_active_seconds(planned_work_seconds)
        key = key or new_key()
        with self.batch():
            keep_routine_text(self._conn, content_hash, routine_text)
            self._conn.execute(
                "INSERT INTO sessions (session_key, routine_id, routine_name, routine_hash,"
                " side_choice, started_at, started_utc, planned_steps, claim,"
                " planned_work_seconds)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_key) DO NOTHING",
                (
                    key,
                    routine_id,
                    routine_name,
                    content_hash,
                    choice,
                    started_at.isoformat(),
                    started_at.timestamp(),
                    planned_steps,
                    claim,
                    planned_work_seconds,
                ),
            )
            return self.session_id_for(key)

    @as_history_error
    def session_id_for(self, key: str) -> int:
        """The row id of the session begun with ``key``."""
        row = self._conn.execute("SELECT id FROM sessions WHERE session_key = ?", (key,))
        found = row.fetchone()
        if found is None:
            raise UnknownSessionError(f"no session with key {key!r}")
        return int(found[0])

    @as_history_error
    def record_step(
        self,
        session_id: int,
        outcome: StepOutcomeLike,
        ended_at: datetime,
        *,
        active_seconds: float | None = None,
        from_photo: bool = False,
        photo: str | None = None,
    ) -> int:
        """Commit one finished step and return its row id.

        A step recorded again (played twice, or the same write replayed) keeps its last
        outcome: one row per step index.  A test step's degrees also become a measurement
        row, one per step.  ``active_seconds``, when given, is the session's active time so
        far, so a session that never finishes (a crash) still shows the time of its steps.
        ``from_photo`` and ``photo`` mark its measurement as in :meth:`add_measurement`.
        """
        require_aware(ended_at, "ended_at")
        kind, side, status, test = checked_outcome(outcome)
        level = check_progression_level(getattr(outcome, "progression_level", 0))
        set_number, set_count = checked_set(outcome)
        if active_seconds is not None:
            check_active_seconds(active_seconds)
        with self.batch():
            self._require_session(session_id)
            self._conn.execute(
                "INSERT INTO steps (session_id, step_index, exercise_id, exercise_name, kind,"
                " side, status, planned_seconds, actual_seconds, planned_reps, actual_reps,"
                " measurement, ended_at, ended_utc, progression_level, set_number, set_count)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session_id, step_index) DO UPDATE SET"
                f" {_STEP_UPDATES}",
                (
                    session_id,
                    outcome.step_index,
                    outcome.exercise_id,
                    outcome.exercise_name,
                    kind,
                    side,
                    status,
                    float(outcome.planned_seconds),
                    float(outcome.actual_seconds),
                    outcome.planned_reps,
                    outcome.actual_reps,
                    outcome.measurement,
                    ended_at.isoformat(),
                    ended_at.timestamp(),
                    level,
                    set_number,
                    set_count,
                ),
            )
            if test is not None and side is not None and outcome.measurement is not None:
                self._insert_measurement(
                    test,
                    side,
                    outcome.measurement,
                    ended_at,
                    "",
                    session_id,
                    key=f"session-{session_id}-step-{outcome.step_index}",
                    replace=True,
                    from_photo=from_photo,
                    photo=photo,
                )
            if active_seconds is not None:
                self._conn.execute(
                    "UPDATE sessions SET active_seconds = ? WHERE id = ?",
                    (float(active_seconds), session_id),
                )
            refresh_kind(self._conn, session_id)
            found = self._conn.execute(
                "SELECT id FROM steps WHERE session_id = ? AND step_index = ?",
                (session_id, outcome.step_index),
            ).fetchone()
        return int(found[0])

    @as_history_error
    def finish_session(
        self,
        session_id: int,
        ended_at: datetime,
        status: SessionStatus | str,
        active_seconds: float,
    ) -> None:
        """End the session as ``status``; the window playing it lets go of its claim."""
        require_aware(ended_at, "ended_at")
        finished = finish_status(status)
        check_active_seconds(active_seconds)
        with self.batch():
            self._update_session(
                session_id,
                "ended_at = ?, ended_utc = ?, status = ?, active_seconds = ?, claim = NULL",
                (ended_at.isoformat(), ended_at.timestamp(), finished.value, float(active_seconds)),
            )
            refresh_kind(self._conn, session_id)

    @as_history_error
    def claim_session(self, session_id: int, claim: str, replacing: str | None) -> bool:
        """Take an unfinished session for ``claim`` if its claim is still ``replacing``.

        One conditional UPDATE, so of two processes trying at once exactly one gets the row;
        False when the other one did (or the session is no longer unfinished).
        """
        with self.batch():
            self._require_session(session_id)
            cursor = self._conn.execute(
                "UPDATE sessions SET claim = ? WHERE id = ? AND claim IS ?"
                f" AND status = '{SessionStatus.INCOMPLETE.value}'",
                (claim, session_id, replacing),
            )
        return cursor.rowcount == 1

    @as_history_error
    def discard_session(self, session_id: int) -> None:
        """Mark an unfinished session as discarded; its rows stay in the file."""
        with self.batch():
            self._update_session(
                session_id, "status = ?, claim = NULL", (SessionStatus.DISCARDED.value,)
            )
            refresh_kind(self._conn, session_id)

    @as_history_error
    def set_feedback(self, session_id: int, pain: int | None, note: str = "") -> None:
        """How it felt afterwards: pain within ``PAIN_LIMITS`` (None: not given) and a note."""
        check_pain(pain)
        self._update_session(session_id, "pain = ?, note = ?", (pain, note))

    @as_history_error
    def set_exercise_feedback(
        self, session_id: int, exercise_id: str, rating: Rating | str | None, pain: int | None
    ) -> None:
        """How one exercise of a session went: helped / neutral / not for me, and its pain
        (both optional; neither removes what was said)."""
        with self.batch():
            self._require_session(session_id)
            set_exercise_feedback(self._conn, session_id, exercise_id, rating, pain)

    @as_history_error
    def add_measurement(
        self,
        test: str,
        side: Side | str,
        degrees: int,
        taken_at: datetime,
        note: str = "",
        session_id: int | None = None,
        *,
        key: str | None = None,
        from_photo: bool = False,
        photo: str | None = None,
    ) -> int:
        """Record a range-of-motion measurement and return its id; ``test`` is 'prone' or
        'seated' or its exercise id.  Adding again with a ``key`` already used changes nothing.
        ``from_photo``: measured on a photo; ``photo``: the kept photo (see :meth:`check_photo`).
        """
        test_name = stored_test(test)
        side_value = Side(value_of(side)).value
        check_degrees(degrees)
        require_aware(taken_at, "taken_at")
        with self.batch():
            if session_id is not None:
                self._require_session(session_id)
            return self._insert_measurement(
                test_name,
                side_value,
                degrees,
                taken_at,
                note,
                session_id,
                key=key,
                from_photo=from_photo,
                photo=photo,
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
        *,
        key: str | None = None,
        replace: bool = False,
        from_photo: bool = False,
        photo: str | None = None,
    ) -> int:
        """Insert one measurement; with a ``key`` already in the file, keep the row there
        (or, with ``replace``, give it these values and delete a photo it no longer names)."""
        self.check_photo(from_photo, photo)
        replaced = self._kept_photo_of_key(key) if key is not None and replace else None
        when = (taken_at.isoformat(), taken_at.timestamp())
        on_conflict = (
            "UPDATE SET test = excluded.test, side = excluded.side, degrees = excluded.degrees,"
            " taken_at = excluded.taken_at, taken_utc = excluded.taken_utc,"
            " from_photo = excluded.from_photo, photo = excluded.photo"
            if replace
            else "NOTHING"
        )
        cursor = self._conn.execute(
            "INSERT INTO measurements (measurement_key, session_id, test, side, degrees,"
            " taken_at, taken_utc, note, from_photo, photo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            f" ON CONFLICT (measurement_key) DO {on_conflict}",
            (key, session_id, test, side, degrees, *when, note, int(bool(from_photo)), photo),
        )
        if replaced != photo:
            remove_photo(self.photos_dir, replaced)
        if key is None:
            return int(cursor.lastrowid or 0)
        found = self._conn.execute("SELECT id FROM measurements WHERE measurement_key = ?", (key,))
        return int(found.fetchone()[0])


_STEP_UPDATES = ", ".join(
    f"{column} = excluded.{column}"
    for column in (
        "exercise_id",
        "exercise_name",
        "kind",
        "side",
        "status",
        "planned_seconds",
        "actual_seconds",
        "planned_reps",
        "actual_reps",
        "measurement",
        "ended_at",
        "ended_utc",
        "set_number",
        "set_count",
    )
)


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
