"""Someone else's history, opened read-only: a client file in a store held only in memory.

:func:`open_client_history` checks the file (:mod:`client_file`) and copies it into a fresh
in-memory SQLite database with the current schema, so the History view and the report read it
exactly as they read one's own history, and nothing can reach a file on disk: the viewer's
own history is never opened for it.  What a session counts as is decided again by the one rule
(:mod:`adherence`) unless the file says it.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from hiptimer.core.history.client_file import ClientHistory, read_client_file
from hiptimer.core.history.coach_writes import refresh_kind
from hiptimer.core.history.schema import migrate
from hiptimer.core.history.store import HistoryStore


def open_client_history(path: Path) -> tuple[HistoryStore, ClientHistory]:
    """The file's history in a read-only-by-construction store; ClientFileError when bad."""
    client = read_client_file(Path(path))
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN")
    migrate(conn, 0)
    _fill(conn, client)
    conn.execute("COMMIT")
    conn.execute("PRAGMA query_only = ON")  # a slip in a view can never write, even here
    return HistoryStore(conn, Path(path)), client


def _fill(conn: sqlite3.Connection, client: ClientHistory) -> None:
    conn.executemany(
        "INSERT INTO sessions (id, session_key, routine_id, routine_name, routine_hash,"
        " side_choice, started_at, started_utc, ended_at, ended_utc, active_seconds, status,"
        " pain, note, planned_steps, kind, steps_saved)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                s.id,
                f"client-{s.id}",
                s.routine_id,
                s.routine_name,
                s.routine_hash,
                s.side_choice.value,
                s.started_at.isoformat(),
                s.started_at.timestamp(),
                None if s.ended_at is None else s.ended_at.isoformat(),
                None if s.ended_at is None else s.ended_at.timestamp(),
                s.active_seconds,
                s.status.value,
                s.pain,
                s.note,
                s.planned_steps,
                "short" if s.counts_as is None else s.counts_as.value,
                len(s.steps),
            )
            for s in client.sessions
        ),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO steps (session_id, step_index, exercise_id, exercise_name, kind,"
        " side, status, planned_seconds, actual_seconds, planned_reps, actual_reps, measurement,"
        " ended_at, ended_utc, set_number, set_count)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                s.id,
                t.step_index,
                t.exercise_id,
                t.exercise_name,
                t.kind.value,
                None if t.side is None else t.side.value,
                t.status.value,
                t.planned_seconds,
                t.actual_seconds,
                t.planned_reps,
                t.actual_reps,
                t.measurement,
                t.ended_at.isoformat(),
                t.ended_at.timestamp(),
                t.set_number,
                t.set_count,
            )
            for s in client.sessions
            for t in s.steps
        ),
    )
    for session in client.sessions:
        if session.counts_as is None:
            refresh_kind(conn, session.id)
    conn.execute(  # a step index given twice keeps its last row, as the store does
        "UPDATE sessions SET steps_saved ="
        " (SELECT count(*) FROM steps WHERE steps.session_id = sessions.id)"
    )
    conn.executemany(
        "INSERT INTO measurements (id, measurement_key, session_id, test, side, degrees,"
        " taken_at, taken_utc, note, from_photo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                m.id,
                f"client-{m.id}",
                m.session_id,
                m.test,
                m.side.value,
                m.degrees,
                m.taken_at.isoformat(),
                m.taken_at.timestamp(),
                m.note,
                int(m.from_photo),
            )
            for m in client.measurements
        ),
    )
    conn.executemany(
        "INSERT INTO routine_texts (routine_hash, text) VALUES (?, ?)", client.routines.items()
    )


def prescribed_goal(store: HistoryStore) -> int | None:
    """Sessions a week the newest session's routine was prescribed (or planned) for, if its
    text was kept with it: the goal a read-only view measures the weeks against."""
    from hiptimer.core.history.report.routines import read_kept  # the report's reading

    newest = store.sessions(limit=1)
    if not newest:
        return None
    text = store.routine_texts().get(newest[0].routine_hash)
    read = None if text is None else read_kept(text)
    return None if read is None else read.routine.per_week


def last_record_day(store: HistoryStore) -> date | None:
    """The day of the newest session or measurement, where it was recorded: what a read-only
    view of someone's file counts its weeks up to (the file says nothing after it)."""
    newest = store.sessions(limit=1)
    days = [newest[0].started_at.date()] if newest else []
    days += [m.taken_at.date() for m in store.recent_measurements(1)]
    return max(days, default=None)
