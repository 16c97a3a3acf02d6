"""Build ``history_v1.sqlite3``: a history file as hiptimer's schema version 1 wrote it.

The v1 schema is copied here on purpose, frozen: the migration test must keep reading the
file an old release wrote, whatever later versions of ``history_schema`` look like.  Run it
again only to rebuild the same content:

    /work/venv/bin/python tests/core/data/make_history_v1.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

TARGET = Path(__file__).with_name("history_v1.sqlite3")

V1_SCHEMA = """
PRAGMA application_id = 1212764244;
CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY,
    routine_id     TEXT NOT NULL,
    routine_name   TEXT NOT NULL,
    routine_hash   TEXT NOT NULL,
    side_choice    TEXT NOT NULL CHECK (side_choice IN ('left', 'right', 'both')),
    started_at     TEXT NOT NULL,
    started_utc    REAL NOT NULL,
    ended_at       TEXT,
    ended_utc      REAL,
    active_seconds REAL NOT NULL DEFAULT 0,
    status         TEXT NOT NULL DEFAULT 'incomplete' CHECK (
        status IN ('incomplete', 'completed', 'ended_early', 'discarded'))
);
CREATE INDEX sessions_by_start ON sessions (started_utc);
CREATE INDEX sessions_by_status ON sessions (status, started_utc, active_seconds);
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
);
CREATE INDEX steps_by_session ON steps (session_id, step_index);
CREATE TABLE measurements (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER REFERENCES sessions (id),
    test        TEXT NOT NULL CHECK (test IN ('prone', 'seated')),
    side        TEXT NOT NULL CHECK (side IN ('left', 'right')),
    degrees     INTEGER NOT NULL CHECK (degrees BETWEEN 0 AND 90),
    taken_at    TEXT NOT NULL,
    taken_utc   REAL NOT NULL
);
CREATE INDEX measurements_by_test ON measurements (test, side, taken_utc);
PRAGMA user_version = 1;
"""

# Two sessions in Berlin (UTC+1 in winter): one completed, one interrupted.
SESSIONS = [
    (1, "full-program", "Full program", "sha256:aa11", "left",
     "2025-12-28T18:00:00+01:00", 1766941200.0,
     "2025-12-28T18:40:00+01:00", 1766943600.0, 2280.0, "completed"),
    (2, "quick-releases", "Quick releases", "sha256:bb22", "both",
     "2025-12-30T07:15:00+01:00", 1767075300.0, None, None, 0.0, "incomplete"),
]  # fmt: skip
STEPS = [
    (1, 1, 0, "prone-ir-test", "Prone internal rotation test", "test", "left", "done",
     0.0, 42.0, None, None, "2025-12-28T18:00:42+01:00", 1766941242.0),
    (2, 1, 1, "deep-glutes-release", "Deep glutes release", "release", "left", "done",
     60.0, 95.0, None, None, "2025-12-28T18:02:17+01:00", 1766941337.0),
    (3, 1, 2, "swivel-chair", "Swivel chair", "reps", "left", "skipped",
     60.0, 3.0, 20, 0, "2025-12-28T18:02:20+01:00", 1766941340.0),
    (4, 2, 0, "piriformis-release", "Piriformis release", "release", "left", "done",
     60.0, 60.0, None, None, "2025-12-30T07:16:00+01:00", 1767075360.0),
]  # fmt: skip
MEASUREMENTS = [
    (1, 1, "prone", "left", 28, "2025-12-28T18:00:42+01:00", 1766941242.0),
    (2, None, "seated", "right", 40, "2025-12-29T09:00:00+01:00", 1766995200.0),
]


def build(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(V1_SCHEMA)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO sessions VALUES ({', '.join('?' * 11)})", SESSIONS)
        conn.executemany(f"INSERT INTO steps VALUES ({', '.join('?' * 14)})", STEPS)
        conn.executemany(f"INSERT INTO measurements VALUES ({', '.join('?' * 7)})", MEASUREMENTS)
        conn.execute("COMMIT")
    finally:
        conn.close()  # the last connection checkpoints and removes the -wal file
    return target


if __name__ == "__main__":
    print(build())
