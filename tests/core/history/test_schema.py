"""The file's CHECK constraints allow exactly what the code writes.

Shipped migrations are never edited, so their SQL keeps its literal word lists and ranges;
these tests make the enums, the test keys and the limits the source: a new status, test or
limit fails here until a migration brings the file along.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from hiptimer.core.history.measurements import TESTS
from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.limits import DEGREE_LIMITS
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
    ],
)
def test_ranges_match_the_code(store: HistoryStore, table, column, limits) -> None:
    assert _range(_table_sql(store, table), column) == tuple(limits)
