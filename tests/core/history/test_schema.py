"""The file's CHECK constraints allow exactly what the code writes, and the v3 → v4 migration.

Shipped migrations are never edited, so their SQL keeps its literal word lists and ranges;
these tests make the enums, the test keys and the limits the source: a new status, test or
limit fails here until a migration brings the file along.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from hiptimer.core.history.measurements import TESTS
from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.schema import CURRENT_VERSION, MIGRATIONS
from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.limits import DEGREE_LIMITS, SETS_LIMITS
from hiptimer.core.routines.model import Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus


def _table_sql(store: HistoryStore, table: str) -> str:
    conn: sqlite3.Connection = store._conn
    return conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def _words(sql: str, column: str) -> set[str]:
    match = re.search(rf"CHECK \(\s*{column} IN \(([^)]*)\)", sql)
    assert match, (column, sql)
    return {word.strip().strip("'") for word in match.group(1).split(",")}


def _range(sql: str, column: str) -> tuple[int, int]:
    match = re.search(rf"CHECK \({column} BETWEEN (\d+) AND (\d+)\)", sql)
    assert match, (column, sql)
    return int(match.group(1)), int(match.group(2))


@pytest.mark.parametrize(
    ("table", "column", "allowed"),
    [
        ("sessions", "status", {s.value for s in SessionStatus}),
        ("sessions", "side_choice", {c.value for c in SideChoice}),
        ("steps", "status", {s.value for s in StepStatus}),
        ("steps", "side", {s.value for s in Side}),
        ("measurements", "test", set(TESTS)),
        ("measurements", "side", {s.value for s in Side}),
    ],
)
def test_word_lists_match_the_code(store: HistoryStore, table, column, allowed) -> None:
    assert _words(_table_sql(store, table), column) == allowed


@pytest.mark.parametrize(
    ("table", "column", "limits"),
    [
        ("measurements", "degrees", DEGREE_LIMITS),
        ("steps", "measurement", DEGREE_LIMITS),
        ("sessions", "pain", PAIN_LIMITS),
        ("steps", "set_number", SETS_LIMITS),
        ("steps", "set_count", SETS_LIMITS),
    ],
)
def test_ranges_match_the_code(store: HistoryStore, table, column, limits) -> None:
    assert _range(_table_sql(store, table), column) == tuple(limits)


# -- v3 → v4: keys, claims, planned steps, one row per step --------------------------------------

V3_FILE = Path(__file__).parent / "data" / "history_v3.sqlite3"


def _schema_of(conn: sqlite3.Connection) -> dict[str, object]:
    """Every table's columns and every index's columns and uniqueness."""
    shape: dict[str, object] = {}
    for kind, name, table in conn.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ):
        if kind == "table":
            shape[name] = [row[1:] for row in conn.execute(f"PRAGMA table_info({name})")]
        elif kind == "index":
            unique = [
                row[2] for row in conn.execute(f"PRAGMA index_list({table})") if row[1] == name
            ]
            shape[name] = (unique, [row[2] for row in conn.execute(f"PRAGMA index_info({name})")])
        else:
            shape[name] = kind
    return shape


def test_the_saved_v3_file_has_the_schema_migrations_1_to_3_make(tmp_path: Path) -> None:
    made = sqlite3.connect(tmp_path / "made.sqlite3", isolation_level=None)
    for version, migration in enumerate(MIGRATIONS[:3], start=1):
        migration(made)
        made.execute(f"PRAGMA user_version = {version}")
    saved = sqlite3.connect(f"{V3_FILE.as_uri()}?mode=ro", uri=True)  # never writes beside it
    try:
        assert saved.execute("PRAGMA user_version").fetchone()[0] == 3
        assert _schema_of(saved) == _schema_of(made)
    finally:
        saved.close()
        made.close()


@pytest.fixture
def migrated(app_paths: AppPaths) -> Iterator[HistoryStore]:
    app_paths.data_dir.mkdir(parents=True)
    shutil.copyfile(V3_FILE, app_paths.history_file)
    store, message = open_history(app_paths.history_file)
    assert message is None
    yield store
    store.close()


def test_v3_migrates_after_a_backup_of_everything(migrated: HistoryStore) -> None:
    assert migrated.schema_version == CURRENT_VERSION == 8
    backup = migrated.path.with_name("history.sqlite3.v3.bak")
    old = sqlite3.connect(backup)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3
        assert old.execute("SELECT count(*) FROM steps").fetchone()[0] == 15  # duplicates too
    finally:
        old.close()
    assert [s.routine_id for s in migrated.sessions()] == ["daily"] * 3 + ["full-program"]
    assert [(m.test, m.degrees, m.note) for m in migrated.measurements()] == [
        ("prone", 28, ""),
        ("seated", 40, "with a helper"),
    ]
    assert not list(migrated.path.parent.glob(".*partial"))


def test_v3_sessions_get_unique_keys_and_no_planned_count(migrated: HistoryStore) -> None:
    sessions = migrated.sessions(limit=None)
    keys = [s.key for s in sessions]
    assert len(set(keys)) == 4 and all(re.fullmatch("[0-9a-f]{32}", key) for key in keys)
    assert all(s.planned_steps is None for s in sessions)
    first = migrated.session(1)
    assert (first.steps_done, first.steps_of, first.pain, first.note) == (2, 3, 2, "easier today")
    with pytest.raises(sqlite3.IntegrityError):
        migrated._conn.execute("UPDATE sessions SET session_key = ? WHERE id = 2", (keys[0],))


def test_v3_steps_recorded_twice_keep_their_last_row(migrated: HistoryStore) -> None:
    steps = migrated.session_steps(3)
    assert [(s.step_index, s.status, s.actual_seconds) for s in steps] == [
        (0, "done", 60.0),
        (1, "done", 60.0),
        (2, "done", 60.0),
        (3, "done", 58.0),
        (4, "skipped", 2.0),
    ]
    row = migrated.session(3)
    assert (row.steps_done, row.steps_skipped, row.steps_of) == (4, 1, 5)
    with pytest.raises(sqlite3.IntegrityError):
        migrated._conn.execute(
            "INSERT INTO steps (session_id, step_index, exercise_id, exercise_name, kind, status,"
            " planned_seconds, actual_seconds, ended_at, ended_utc)"
            " VALUES (3, 4, 'x', 'x', 'hold', 'done', 1, 1, '2026-02-04T07:30:00+01:00', 0)"
        )


def test_v3_crashed_sessions_get_the_time_of_their_saved_steps(migrated: HistoryStore) -> None:
    crashed, left, finished = migrated.session(2), migrated.session(4), migrated.session(1)
    assert crashed.active_seconds == pytest.approx(60 + 61 + 62.5)
    assert left.active_seconds == 120.0  # closed mid-session: its time was already kept
    assert finished.active_seconds == 2280.0
    totals = migrated.totals()
    assert totals.active_minutes == pytest.approx((2280 + 183.5 + 420 + 120) / 60)


def test_v3_unfinished_sessions_are_resumable_and_claimable(migrated: HistoryStore) -> None:
    offers = migrated.resumable_sessions()
    assert [(o.session_id, o.claimed_by, o.steps_recorded) for o in offers] == [
        (4, None, 2),
        (2, None, 3),
    ]
    assert migrated.claim_session(2, "me", replacing=None) is True
    assert migrated.claim_session(2, "you", replacing=None) is False
