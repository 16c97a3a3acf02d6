"""Build ``history_v3.sqlite3``: a history file as hiptimer's schema version 3 wrote it.

The v3 schema is frozen here on purpose (the v1 tables, the v2 columns, the v3 summary table,
its triggers and the steps index, as those migrations made them), so the v3 → v4 migration
test keeps reading what a v3 release wrote, whatever later versions of the schema look like.
The content holds what v3 got wrong and v4 mends: a crashed session with 0 active seconds, a
session resumed twice at once (step indexes 3 and 4 recorded twice), no planned step counts.
Run it again only to rebuild the same content:

    .venv/bin/python tests/core/history/data/make_history_v3.py
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

TARGET = Path(__file__).with_name("history_v3.sqlite3")

V3_SCHEMA = """
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
ALTER TABLE sessions ADD COLUMN pain INTEGER CHECK (pain BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE measurements ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE steps ADD COLUMN measurement INTEGER CHECK (measurement BETWEEN 0 AND 90);
CREATE INDEX steps_by_session_status ON steps (session_id, status);
CREATE TABLE measurement_months (
    test   TEXT NOT NULL,
    side   TEXT NOT NULL,
    month  TEXT NOT NULL,
    total  INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (test, side, month)
) WITHOUT ROWID;
CREATE TRIGGER measurement_months_add AFTER INSERT ON measurements BEGIN
    INSERT INTO measurement_months (test, side, month, total, n)
    VALUES (new.test, new.side, substr(new.taken_at, 1, 7), new.degrees, 1)
    ON CONFLICT (test, side, month) DO UPDATE SET total = total + excluded.total, n = n + 1;
END;
CREATE TRIGGER measurement_months_remove AFTER DELETE ON measurements BEGIN
    UPDATE measurement_months SET total = total - old.degrees, n = n - 1
    WHERE test = old.test AND side = old.side AND month = substr(old.taken_at, 1, 7);
    DELETE FROM measurement_months WHERE n <= 0
    AND test = old.test AND side = old.side AND month = substr(old.taken_at, 1, 7);
END;
CREATE TRIGGER measurement_months_change
AFTER UPDATE OF test, side, degrees, taken_at ON measurements BEGIN
    UPDATE measurement_months SET total = total - old.degrees, n = n - 1
    WHERE test = old.test AND side = old.side AND month = substr(old.taken_at, 1, 7);
    DELETE FROM measurement_months WHERE n <= 0
    AND test = old.test AND side = old.side AND month = substr(old.taken_at, 1, 7);
    INSERT INTO measurement_months (test, side, month, total, n)
    VALUES (new.test, new.side, substr(new.taken_at, 1, 7), new.degrees, 1)
    ON CONFLICT (test, side, month) DO UPDATE SET total = total + excluded.total, n = n + 1;
END;
PRAGMA user_version = 3;
"""

# Four sessions in Berlin (UTC+1 in winter).
SESSIONS = [
    # finished, with feedback
    (1, "full-program", "Full program", "sha256:aa11", "left",
     "2026-02-02T18:00:00+01:00", 1770051600.0,
     "2026-02-02T18:40:00+01:00", 1770054000.0, 2280.0, "completed", 2, "easier today"),
    # crashed after 3 of its 8 steps: never finished, 0 active seconds
    (2, "daily", "Daily hip routine", "sha256:bb22", "right",
     "2026-02-03T07:15:00+01:00", 1770099300.0, None, None, 0.0, "incomplete", None, ""),
    # resumed in two windows at once: steps 3 and 4 recorded twice
    (3, "daily", "Daily hip routine", "sha256:bb22", "left",
     "2026-02-04T07:15:00+01:00", 1770185700.0,
     "2026-02-04T07:30:00+01:00", 1770186600.0, 420.0, "completed", None, ""),
    # the window was closed mid-session: finished as incomplete, with its time
    (4, "daily", "Daily hip routine", "sha256:bb22", "both",
     "2026-02-05T07:15:00+01:00", 1770272100.0,
     "2026-02-05T07:20:00+01:00", 1770272400.0, 120.0, "incomplete", None, ""),
]  # fmt: skip


def _step(step_id: int, session: int, index: int, seconds: float, status: str = "done"):
    """A release step of ``session`` ending a minute per step (and a second per row) in."""
    started = datetime.fromisoformat(SESSIONS[session - 1][5])
    ended = started + timedelta(minutes=index + 1, seconds=step_id)
    return (step_id, session, index, "deep-glutes-release", "Deep glutes release", "release",
            "left", status, 60.0, seconds, None, None, ended.isoformat(), ended.timestamp(),
            None)  # fmt: skip


STEPS = [
    (1, 1, 0, "prone-ir-test", "Prone internal rotation test", "test", "left", "done",
     0.0, 42.0, None, None, "2026-02-02T18:00:42+01:00", 1770051642.0, 28),
    _step(2, 1, 1, 95.0),
    _step(3, 1, 2, 3.0, "skipped"),
    _step(4, 2, 0, 60.0),
    _step(5, 2, 1, 61.0),
    _step(6, 2, 2, 62.5),
    _step(7, 3, 0, 60.0),
    _step(8, 3, 1, 60.0),
    _step(9, 3, 2, 60.0),
    _step(10, 3, 3, 60.0),
    _step(11, 3, 3, 58.0),  # the second window's run of step 3: the last one counts
    _step(12, 3, 4, 60.0),
    _step(13, 3, 4, 2.0, "skipped"),
    _step(14, 4, 0, 60.0),
    _step(15, 4, 1, 60.0),
]  # fmt: skip

MEASUREMENTS = [
    (1, 1, "prone", "left", 28, "2026-02-02T18:00:42+01:00", 1770051642.0, ""),
    (2, None, "seated", "right", 40, "2026-02-03T09:00:00+01:00", 1770105600.0, "with a helper"),
]


def build(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(V3_SCHEMA)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO sessions VALUES ({', '.join('?' * 13)})", SESSIONS)
        conn.executemany(f"INSERT INTO steps VALUES ({', '.join('?' * 15)})", STEPS)
        conn.executemany(f"INSERT INTO measurements VALUES ({', '.join('?' * 8)})", MEASUREMENTS)
        conn.execute("COMMIT")
    finally:
        conn.close()  # the last connection checkpoints and removes the -wal file
    return target


if __name__ == "__main__":
    print(build())
