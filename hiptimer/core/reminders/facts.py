"""What a reminder run reads from the history, without ever changing the file.

The file is opened read-only (no migration, no moving aside: that is the app's job); when it is
missing, newer or damaged, the run knows nothing of today and reminds as planned.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.errors import HistoryError
from hiptimer.core.history.reads import HistoryReader
from hiptimer.core.reminders.rules import Facts
from hiptimer.core.session.status import SessionStatus

#: The routine a reminder starts when the history has none to go by.
DEFAULT_ROUTINE = "full-program"
ASSESSMENT_ROUTINE = "assessment"
_RECENT = 50


def read_history(history_file: Path, now: datetime, tz: tzinfo) -> tuple[Facts, list[str]]:
    """The facts for :func:`~hiptimer.core.reminders.rules.decide`, and the routine ids of
    recent completed sessions, newest first."""
    if not history_file.is_file():
        return Facts(), []
    try:
        conn = sqlite3.connect(f"{history_file.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return Facts(), []
    try:
        reader = HistoryReader(conn)
        rows = reader.sessions(limit=_RECENT)
        since = now - timedelta(days=1)
        # a workout done, or a session under way; measuring alone is a check-in, not the
        # day's session (the rule: core/history/adherence)
        today = [
            (row.started_at, row.status)
            for row in rows
            if row.started_at >= since
            and (row.kind == SessionKind.WORKOUT.value or row.status is SessionStatus.INCOMPLETE)
        ]
        dates = [day for points in reader.measurement_series(tz).values() for day, _ in points]
        facts = Facts(
            sessions_today=tuple(today),
            last_assessment=max(dates, default=None),
            first_session=reader.first_session_date(tz),
        )
        recent = [row.routine_id for row in rows if row.kind == SessionKind.WORKOUT.value]
        return facts, recent
    except (sqlite3.Error, HistoryError, ValueError):
        return Facts(), []
    finally:
        conn.close()


def main_routine(recent: Iterable[str], known: Iterable[str]) -> str:
    """The routine a reminder starts: the one last completed (not the assessment) that still
    exists, else the full program."""
    known = set(known)
    for routine_id in recent:
        if routine_id != ASSESSMENT_ROUTINE and routine_id in known:
            return routine_id
    return DEFAULT_ROUTINE
