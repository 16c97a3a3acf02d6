"""The history file's schema and its ordered migrations.

The schema version lives in ``PRAGMA user_version``.  Migration ``n`` (``MIGRATIONS[n - 1]``)
takes a file from version ``n - 1`` to version ``n``; a new file runs all of them, so every
file, old or new, reaches the current schema by the same path.  Never edit a shipped
migration: add a new one at the end.  That is why the CHECK constraints spell their words and
ranges out instead of reading the enums and limits: what a shipped migration creates must
never change.  ``tests/core/history/test_schema.py`` checks that they still match the code, so
a new status, test or limit fails there until a migration brings the file along.

Versions:
  1. sessions, steps and measurements.
  2. post-session feedback (``sessions.pain``, ``sessions.note``), a note per measurement
     (``measurements.note``), and the degrees entered on a test step (``steps.measurement``).
  3. for the history view at scale: ``measurement_months`` (per test, side and local month:
     the sum and number of measurements, kept up to date by triggers, so the progress chart
     of ten years reads ~120 rows instead of ~2,000), and an index on steps by session and
     status, so the session list counts done/skipped steps from the index alone.
  4. one writer, one resume: ``sessions.session_key`` (a unique key the app makes when a
     session begins, so every write names its session without waiting for a row id and a
     write replayed after a crash or a retry never adds a second row),
     ``sessions.planned_steps`` (the plan's length, for "k of n"), ``sessions.claim`` (which
     running hiptimer has the session: it begins claimed by the one that plays it, and a
     window resuming it takes the claim with one conditional UPDATE, so exactly one wins),
     one step row per step index (a step played twice keeps its last outcome; older files
     keep the last row of each index, the ``.v3.bak`` copy keeps them all),
     ``measurements.measurement_key`` (the same for measurements), and the active time of
     sessions that never finished (a crash) from their saved steps.
  5. the coach: what a session counts as (``sessions.kind``: workout, check-in, short), its
     planned work and saved steps, per-exercise feedback, each step's progression level.
  6. sets: which set of its item each step was (``steps.set_number``) of how many on that side
     (``steps.set_count``); steps recorded before sets existed keep NULL (one set of one).
  7. measuring from a photo: ``measurements.from_photo`` (1 when the degrees were measured on a
     photo, 0 when typed in) and ``measurements.photo`` (the file name of the photo kept with
     the measurement in ``photos/`` beside the history file, only when the person asked).
  8. what each session played: ``routine_texts`` keeps the routine file text (the routine with
     every exercise it uses, so it reads on its own) once per ``sessions.routine_hash``.
     Sessions recorded before keep only their hash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from hiptimer.core.history.coach_writes import refresh_kind

#: Marks a SQLite file as a hiptimer history ("HIPT"), in ``PRAGMA application_id``.
APPLICATION_ID = 0x48495054

Migration = Callable[[sqlite3.Connection], None]


def _create_v1(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(
        """
        CREATE TABLE sessions (
            id             INTEGER PRIMARY KEY,
            routine_id     TEXT NOT NULL,
            routine_name   TEXT NOT NULL,
            routine_hash   TEXT NOT NULL,
            side_choice    TEXT NOT NULL CHECK (side_choice IN ('left', 'right', 'both')),
            started_at     TEXT NOT NULL,   -- ISO 8601 with the local offset
            started_utc    REAL NOT NULL,   -- seconds since the epoch, for sorting
            ended_at       TEXT,
            ended_utc      REAL,
            active_seconds REAL NOT NULL DEFAULT 0,
            status         TEXT NOT NULL DEFAULT 'incomplete' CHECK (
                status IN ('incomplete', 'completed', 'ended_early', 'discarded'))
        )
        """
    )
    conn.execute("CREATE INDEX sessions_by_start ON sessions (started_utc)")
    conn.execute(
        "CREATE INDEX sessions_by_status ON sessions (status, started_utc, active_seconds)"
    )
    conn.execute(
        """
        CREATE TABLE steps (
            id              INTEGER PRIMARY KEY,
            session_id      INTEGER NOT NULL REFERENCES sessions (id),
            step_index      INTEGER NOT NULL,
            exercise_id     TEXT NOT NULL,
            exercise_name   TEXT NOT NULL,
            kind            TEXT NOT NULL,
            side            TEXT CHECK (side IN ('left', 'right')),
            status          TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
            planned_seconds REAL NOT NULL,
            actual_seconds  REAL NOT NULL,
            planned_reps    INTEGER,
            actual_reps     INTEGER,
            ended_at        TEXT NOT NULL,
            ended_utc       REAL NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX steps_by_session ON steps (session_id, step_index)")
    conn.execute(
        """
        CREATE TABLE measurements (
            id          INTEGER PRIMARY KEY,
            session_id  INTEGER REFERENCES sessions (id),
            test        TEXT NOT NULL CHECK (test IN ('prone', 'seated')),
            side        TEXT NOT NULL CHECK (side IN ('left', 'right')),
            degrees     INTEGER NOT NULL CHECK (degrees BETWEEN 0 AND 90),
            taken_at    TEXT NOT NULL,
            taken_utc   REAL NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX measurements_by_test ON measurements (test, side, taken_utc)")


def _add_feedback_v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE sessions ADD COLUMN pain INTEGER CHECK (pain BETWEEN 0 AND 10)")
    conn.execute("ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE measurements ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "ALTER TABLE steps ADD COLUMN measurement INTEGER CHECK (measurement BETWEEN 0 AND 90)"
    )


def _add_view_summaries_v3(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX steps_by_session_status ON steps (session_id, status)")
    conn.execute(
        """
        CREATE TABLE measurement_months (
            test   TEXT NOT NULL,
            side   TEXT NOT NULL,
            month  TEXT NOT NULL,      -- 'YYYY-MM' of the stored local time (taken_at)
            total  INTEGER NOT NULL,   -- sum of the degrees
            n      INTEGER NOT NULL,   -- how many measurements
            PRIMARY KEY (test, side, month)
        ) WITHOUT ROWID
        """
    )
    add = (
        "INSERT INTO measurement_months (test, side, month, total, n)"
        " VALUES (new.test, new.side, substr(new.taken_at, 1, 7), new.degrees, 1)"
        " ON CONFLICT (test, side, month) DO UPDATE"
        " SET total = total + excluded.total, n = n + 1;"
    )
    remove = (
        "UPDATE measurement_months SET total = total - old.degrees, n = n - 1"
        " WHERE test = old.test AND side = old.side AND month = substr(old.taken_at, 1, 7);"
        " DELETE FROM measurement_months WHERE n <= 0"
        " AND test = old.test AND side = old.side AND month = substr(old.taken_at, 1, 7);"
    )
    conn.execute(
        f"CREATE TRIGGER measurement_months_add AFTER INSERT ON measurements BEGIN {add} END"
    )
    conn.execute(
        f"CREATE TRIGGER measurement_months_remove AFTER DELETE ON measurements BEGIN {remove} END"
    )
    conn.execute(
        "CREATE TRIGGER measurement_months_change"
        " AFTER UPDATE OF test, side, degrees, taken_at ON measurements"
        f" BEGIN {remove} {add} END"
    )
    conn.execute(
        "INSERT INTO measurement_months (test, side, month, total, n)"
        " SELECT test, side, substr(taken_at, 1, 7), sum(degrees), count(*)"
        " FROM measurements GROUP BY 1, 2, 3"
    )


def _add_keys_and_claims_v4(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE sessions ADD COLUMN session_key TEXT")
    conn.execute("UPDATE sessions SET session_key = lower(hex(randomblob(16)))")
    conn.execute("CREATE UNIQUE INDEX sessions_by_key ON sessions (session_key)")
    conn.execute("ALTER TABLE sessions ADD COLUMN planned_steps INTEGER CHECK (planned_steps >= 0)")
    conn.execute("ALTER TABLE sessions ADD COLUMN claim TEXT")
    conn.execute(
        "DELETE FROM steps WHERE id NOT IN"
        " (SELECT max(id) FROM steps GROUP BY session_id, step_index)"
    )
    conn.execute("DROP INDEX steps_by_session")
    conn.execute("CREATE UNIQUE INDEX steps_by_session ON steps (session_id, step_index)")
    conn.execute("ALTER TABLE measurements ADD COLUMN measurement_key TEXT")
    conn.execute("CREATE UNIQUE INDEX measurements_by_key ON measurements (measurement_key)")
    conn.execute(
        "UPDATE sessions SET active_seconds ="
        " (SELECT coalesce(sum(actual_seconds), 0) FROM steps WHERE session_id = sessions.id)"
        " WHERE ended_at IS NULL AND active_seconds = 0"
    )


def _add_coach_v5(conn: sqlite3.Connection) -> None:
    """What a session counts as (workout, check-in, short) and how many steps it saved (one
    with none is not listed), per-exercise feedback, the progression level of each step."""
    conn.execute(
        "ALTER TABLE sessions ADD COLUMN planned_work_seconds REAL"
        " CHECK (planned_work_seconds >= 0)"
    )
    conn.execute(
        "ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'short'"
        " CHECK (kind IN ('workout', 'check_in', 'short'))"
    )
    conn.execute("CREATE INDEX sessions_by_kind ON sessions (kind, started_utc)")
    conn.execute(
        "ALTER TABLE sessions ADD COLUMN steps_saved INTEGER NOT NULL DEFAULT 0"
        " CHECK (steps_saved >= 0)"
    )
    conn.execute(
        "UPDATE sessions SET steps_saved ="
        " (SELECT count(*) FROM steps WHERE steps.session_id = sessions.id)"
    )
    conn.execute(
        "CREATE INDEX sessions_listed ON sessions (status, steps_saved, kind, active_seconds)"
    )
    conn.execute(
        "ALTER TABLE steps ADD COLUMN progression_level INTEGER NOT NULL DEFAULT 0"
        " CHECK (progression_level BETWEEN 0 AND 9)"
    )
    conn.execute(
        """
        CREATE TABLE exercise_feedback (
            session_id  INTEGER NOT NULL REFERENCES sessions (id),
            exercise_id TEXT NOT NULL,
            rating      TEXT CHECK (rating IN ('helped', 'neutral', 'not_for_me')),
            pain        INTEGER CHECK (pain BETWEEN 0 AND 10),
            PRIMARY KEY (session_id, exercise_id)
        )
        """
    )
    for (session_id,) in conn.execute("SELECT id FROM sessions").fetchall():
        refresh_kind(conn, session_id)


def _add_sets_v6(conn: sqlite3.Connection) -> None:
    for column in ("set_number", "set_count"):
        conn.execute(
            f"ALTER TABLE steps ADD COLUMN {column} INTEGER CHECK ({column} BETWEEN 1 AND 10)"
        )


def _add_photo_measurements_v7(conn: sqlite3.Connection) -> None:
    conn.execute(
        "ALTER TABLE measurements ADD COLUMN"
        " from_photo INTEGER NOT NULL DEFAULT 0 CHECK (from_photo IN (0, 1))"
    )
    conn.execute("ALTER TABLE measurements ADD COLUMN photo TEXT")


def _add_routine_texts_v8(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE routine_texts (
            routine_hash TEXT PRIMARY KEY,  -- sessions.routine_hash
            text         TEXT NOT NULL      -- a format-1 routine file, standing on its own
        ) WITHOUT ROWID
        """
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_v1,
    _add_feedback_v2,
    _add_view_summaries_v3,
    _add_keys_and_claims_v4,
    _add_coach_v5,
    _add_sets_v6,
    _add_photo_measurements_v7,
    _add_routine_texts_v8,
)
CURRENT_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Run every migration after ``from_version``; the caller holds the write transaction."""
    for version in range(from_version + 1, CURRENT_VERSION + 1):
        MIGRATIONS[version - 1](conn)
        conn.execute(f"PRAGMA user_version = {version}")
