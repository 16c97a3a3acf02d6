"""Reading the history: the queries behind the history view, the resume offer and exports.

Every query the history view runs reads through an index and returns aggregates or one page
of rows, so the view costs the same with ten years of sessions as with one month.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from enum import Enum
from typing import Any

from hiptimer.core.history import claims, weeks
from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.coach_reads import CoachReads
from hiptimer.core.history.errors import as_history_error
from hiptimer.core.history.measurement_edits import kept_name
from hiptimer.core.history.measurements import TESTS
from hiptimer.core.history.rows import (
    IncompleteSession,
    MeasurementRow,
    MeasurementSeries,
    SessionRow,
    StepRow,
    Totals,
    WeekCount,
)
from hiptimer.core.history.trends import (
    MOST_MONTHS,
    MeasurementTrend,
    MeasurementTrends,
    period_means,
    trend_of,
)
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus

_WEEKS_PER_QUERY = 300  # 3 parameters each, under the oldest SQLite limit of 999
_STREAK_WEEKS_PER_QUERY = 53  # the streak reads back a year at a time


def _sql_text(member: Enum) -> str:
    """An enum's stored value as an SQL string literal (values are plain words, no quotes)."""
    return f"'{member.value}'"


#: Sessions that count for the weekly goal and the streak (the rule: :mod:`adherence`).
_WORKOUT = f"kind = {_sql_text(SessionKind.WORKOUT)}"


def _listed(alias: str = "sessions") -> str:
    """Sessions the history lists: not discarded, and with at least one step saved (one left
    before its first step ended is not a session, only something to resume or discard)."""
    return f"{alias}.status != {_sql_text(SessionStatus.DISCARDED)} AND {alias}.steps_saved > 0"


_SESSION_SELECT = (
    "SELECT s.id, s.routine_id, s.routine_name, s.routine_hash, s.side_choice, s.started_at,"
    " s.ended_at, s.active_seconds, s.status, s.pain, s.note,"
    " (SELECT count(*) FROM steps WHERE session_id = s.id"
    f"  AND status = {_sql_text(StepStatus.DONE)}),"
    " (SELECT count(*) FROM steps WHERE session_id = s.id"
    f"  AND status = {_sql_text(StepStatus.SKIPPED)}),"
    " s.planned_steps, s.session_key, s.kind"
    " FROM sessions s"
)

_STEP_SELECT = (
    "SELECT id, session_id, step_index, exercise_id, exercise_name, kind, side, status,"
    " planned_seconds, actual_seconds, planned_reps, actual_reps, measurement, ended_at,"
    " coalesce(set_number, 1), coalesce(set_count, 1), progression_level"
    " FROM steps"
)


class HistoryReader(CoachReads):
    """The read-only queries of a history file; :class:`HistoryStore` adds the writes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @as_history_error
    def incomplete_sessions(self) -> list[IncompleteSession]:
        """Sessions never finished (a crash, the window closed, or playing now), newest first."""
        rows = self._conn.execute(
            "SELECT s.id, s.routine_id, s.routine_name, s.routine_hash, s.side_choice,"
            " s.started_at, s.active_seconds,"
            " (SELECT max(step_index) FROM steps WHERE session_id = s.id),"
            " (SELECT count(*) FROM steps WHERE session_id = s.id),"
            " s.session_key, s.claim"
            f" FROM sessions s WHERE s.status = {_sql_text(SessionStatus.INCOMPLETE)}"
            " ORDER BY s.started_utc DESC, s.id DESC"
        ).fetchall()
        return [
            IncompleteSession(
                session_id=row[0],
                routine_id=row[1],
                routine_name=row[2],
                routine_hash=row[3],
                side_choice=SideChoice(row[4]),
                started_at=datetime.fromisoformat(row[5]),
                active_seconds=row[6],
                last_step_index=row[7],
                steps_recorded=row[8],
                session_key=row[9],
                claimed_by=row[10],
            )
            for row in rows
        ]

    def resumable_sessions(self) -> list[IncompleteSession]:
        """The unfinished sessions no running hiptimer has (left, or left by a crash)."""
        return [left for left in self.incomplete_sessions() if not claims.is_live(left.claimed_by)]

    @as_history_error
    def sessions(
        self, limit: int | None = 50, offset: int = 0, *, include_discarded: bool = False
    ) -> list[SessionRow]:
        """Sessions newest first, one page at a time."""
        where = "" if include_discarded else f"WHERE {_listed('s')}"
        rows = self._conn.execute(
            f"{_SESSION_SELECT} {where} ORDER BY s.started_utc DESC, s.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [_session_row(row) for row in rows]

    @as_history_error
    def session(self, session_id: int) -> SessionRow | None:
        row = self._conn.execute(f"{_SESSION_SELECT} WHERE s.id = ?", (session_id,)).fetchone()
        return None if row is None else _session_row(row)

    @as_history_error
    def session_by_key(self, key: str) -> SessionRow | None:
        row = self._conn.execute(f"{_SESSION_SELECT} WHERE s.session_key = ?", (key,)).fetchone()
        return None if row is None else _session_row(row)

    @as_history_error
    def session_count(self, *, include_discarded: bool = False) -> int:
        where = "" if include_discarded else f"WHERE {_listed()}"
        return int(self._conn.execute(f"SELECT count(*) FROM sessions {where}").fetchone()[0])

    @as_history_error
    def session_steps(self, session_id: int) -> list[StepRow]:
        rows = self._conn.execute(
            f"{_STEP_SELECT} WHERE session_id = ? ORDER BY step_index, id", (session_id,)
        ).fetchall()
        return [_step_row(row) for row in rows]

    def all_steps(self) -> Iterator[StepRow]:
        """Every step of every session, by session then step (for exports)."""
        for row in self._conn.execute(f"{_STEP_SELECT} ORDER BY session_id, step_index, id"):
            yield _step_row(row)

    @as_history_error
    def week_counts(self, start_week: date, end_week: date, tz: tzinfo) -> list[WeekCount]:
        """Workouts per ISO week in ``tz``, for every week from start to end."""
        mondays = weeks.weeks_in_range(start_week, end_week)
        if not mondays:
            return []
        counts: list[int] = []
        for chunk_start in range(0, len(mondays), _WEEKS_PER_QUERY):
            chunk = mondays[chunk_start : chunk_start + _WEEKS_PER_QUERY]
            params = [
                value
                for i, monday in enumerate(chunk)
                for value in (i, *weeks.week_bounds_epoch(monday, tz))
            ]
            week_rows = ", ".join(["(?, ?, ?)"] * len(chunk))
            rows = self._conn.execute(
                f"WITH w (i, lo, hi) AS (VALUES {week_rows})"
                " SELECT (SELECT count(*) FROM sessions"
                f"         WHERE {_WORKOUT} AND started_utc >= w.lo"
                "         AND started_utc < w.hi)"
                " FROM w ORDER BY w.i",
                params,
            ).fetchall()
            counts.extend(row[0] for row in rows)
        return [WeekCount(monday, count) for monday, count in zip(mondays, counts, strict=True)]

    @as_history_error
    def streak(self, goal: int, today: date, tz: tzinfo) -> int:
        """Weeks in a row meeting ``goal`` workouts (see :func:`weeks.current_streak`).

        Reads back a year of weeks at a time and stops at the first week below the goal, so
        the cost follows the streak, not the size of the history: each week is one time-zone
        conversion and one binary search in the year's start times, never a loop over rows.
        """
        if goal < 1:
            raise ValueError(f"a weekly goal must be at least 1 session, got {goal}")
        this_week = weeks.week_start(today)
        monday, hi = this_week, weeks.local_midnight_epoch(this_week + weeks.ONE_WEEK, tz)
        streak = 0
        while True:
            oldest = monday - weeks.ONE_WEEK * (_STREAK_WEEKS_PER_QUERY - 1)
            lo = weeks.local_midnight_epoch(oldest, tz)
            starts = [
                started
                for (started,) in self._conn.execute(
                    f"SELECT started_utc FROM sessions WHERE {_WORKOUT}"
                    " AND started_utc >= ? AND started_utc < ? ORDER BY started_utc",
                    (lo, hi),
                )
            ]
            end = len(starts)
            while monday >= oldest:
                week_lo = lo if monday == oldest else weeks.local_midnight_epoch(monday, tz)
                begin = bisect_left(starts, week_lo, 0, end)
                if end - begin >= goal:
                    streak += 1
                elif monday != this_week:  # an unfinished current week never breaks it
                    return streak
                monday, end = monday - weeks.ONE_WEEK, begin
            hi = lo  # every week of this year met the goal: read the year before it

    @as_history_error
    def totals(self) -> Totals:
        count, workouts, active_seconds = self._conn.execute(
            f"SELECT count(*), coalesce(sum({_WORKOUT}), 0),"
            f" coalesce(sum(active_seconds), 0) FROM sessions WHERE {_listed()}"
        ).fetchone()
        return Totals(
            sessions=count,
            workouts=workouts,
            active_minutes=active_seconds / 60.0,
            first_session_date=self.first_session_date(),
        )

    @as_history_error
    def last_done(self, tz: tzinfo | None = None) -> dict[str, date]:
        """The day each routine was last done (any session the history lists), by routine id."""
        rows = self._conn.execute(
            "SELECT routine_id, started_at, max(started_utc) FROM sessions"
            f" WHERE {_listed()} GROUP BY routine_id"
        )
        return {routine_id: _local_date(started, tz) for routine_id, started, _ in rows}

    @as_history_error
    def day_counts(self, first: date, last: date, tz: tzinfo) -> dict[date, tuple[int, int]]:
        """Sessions listed on each day from ``first`` to ``last`` in ``tz`` that had any:
        (workouts, other sessions) per day, read in one pass over the index by start."""
        lo = weeks.local_midnight_epoch(first, tz)
        hi = weeks.local_midnight_epoch(last + weeks.ONE_DAY, tz)
        found: dict[date, tuple[int, int]] = {}
        for started, workout in self._conn.execute(
            f"SELECT started_utc, {_WORKOUT} FROM sessions"
            f" WHERE {_listed()} AND started_utc >= ? AND started_utc < ?",
            (lo, hi),
        ):
            day = datetime.fromtimestamp(started, tz).date()
            done, other = found.get(day, (0, 0))
            found[day] = (done + 1, other) if workout else (done, other + 1)
        return found

    @as_history_error
    def first_session_date(self, tz: tzinfo | None = None) -> date | None:
        """The date of the first session kept, local to where it was recorded (or in ``tz``)."""
        row = self._conn.execute(
            f"SELECT started_at FROM sessions WHERE {_listed()} ORDER BY started_utc, id LIMIT 1"
        ).fetchone()
        return None if row is None else _local_date(row[0], tz)

    @as_history_error
    def measurement_series(self, tz: tzinfo | None = None) -> MeasurementSeries:
        """Degrees over time for every (test, side), oldest first; all four keys always there."""
        series: MeasurementSeries = {(test, side): [] for test in TESTS for side in Side}
        rows = self._conn.execute(
            "SELECT test, side, taken_at, degrees FROM measurements"
            " ORDER BY test, side, taken_utc, id"
        )
        for test, side, taken_at, degrees in rows:
            # the first ten characters of a stored ISO time are its local date: no parsing
            day = date.fromisoformat(taken_at[:10]) if tz is None else _local_date(taken_at, tz)
            series[(test, Side(side))].append((day, degrees))
        return series

    @as_history_error
    def measurement_trends(
        self, most_points: int, most_months: int = MOST_MONTHS
    ) -> MeasurementTrends:
        """For the progress chart: each (test, side) as its measurements, or, when there are
        more than ``most_points``, as means by month or quarter (see :func:`trend_of`) made
        from the ``measurement_months`` summary, so a long record never reaches Python row
        by row.  Dates are the local dates stored with each measurement (as
        :meth:`measurement_series` without ``tz``).
        """
        trends: MeasurementTrends = {}
        for test in TESTS:
            for side in Side:
                key = (test, side.value)
                count = self._conn.execute(
                    "SELECT count(*) FROM measurements WHERE test = ? AND side = ?", key
                ).fetchone()[0]
                newest = self._conn.execute(
                    "SELECT taken_at, degrees FROM measurements WHERE test = ? AND side = ?"
                    " ORDER BY taken_utc DESC, id DESC LIMIT ?",
                    (*key, 1 if count > most_points else most_points),
                ).fetchall()
                values = [(date.fromisoformat(at[:10]), deg) for at, deg in reversed(newest)]
                if count <= most_points:
                    trends[(test, side)] = trend_of(values, most_points)
                    continue
                months = [
                    (int(month[:4]), int(month[5:7]), total, n)
                    for month, total, n in self._conn.execute(
                        "SELECT month, total, n FROM measurement_months"
                        " WHERE test = ? AND side = ? ORDER BY month",
                        key,
                    )
                ]
                points, period = period_means(months, most_months)
                trends[(test, side)] = MeasurementTrend(points, period, count, values[-1])
        return trends

    @as_history_error
    def data_stamp(self) -> tuple[int, int]:
        """Changes whenever the file may have changed, by this connection or another one.

        ``PRAGMA data_version`` only moves for other connections' commits, so writes made
        through this store are counted too.  Equal stamps mean the queries would answer the
        same; the history view uses this to skip a refresh.
        """
        version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        return version, self._conn.total_changes

    @as_history_error
    def routine_texts(self) -> dict[str, str]:
        """The routine played, as a file standing on its own, by ``routine_hash`` (sessions
        recorded before hiptimer kept them have none)."""
        rows = self._conn.execute("SELECT routine_hash, text FROM routine_texts ORDER BY 1")
        return dict(rows.fetchall())

    @as_history_error
    def measurements(self) -> list[MeasurementRow]:
        rows = self._conn.execute(
            f"SELECT {_MEASUREMENT_COLUMNS} FROM measurements ORDER BY taken_utc, id"
        ).fetchall()
        return [_measurement_row(row) for row in rows]

    @as_history_error
    def recent_measurements(self, count: int) -> list[MeasurementRow]:
        """The ``count`` newest measurements of each (test, side), oldest first: what the
        verdict compares, read through the index however many there are."""
        rows = []
        for test in TESTS:
            for side in Side:
                rows += self._conn.execute(
                    f"SELECT {_MEASUREMENT_COLUMNS}, taken_utc FROM measurements"
                    " WHERE test = ? AND side = ? ORDER BY taken_utc DESC, id DESC LIMIT ?",
                    (test, side.value, count),
                ).fetchall()
        rows.sort(key=lambda row: (row[-1], row[0]))
        return [_measurement_row(row) for row in rows]


_MEASUREMENT_COLUMNS = "id, session_id, test, side, degrees, taken_at, note, from_photo, photo"


def _measurement_row(row: Any) -> MeasurementRow:
    return MeasurementRow(
        id=row[0],
        session_id=row[1],
        test=row[2],
        side=Side(row[3]),
        degrees=row[4],
        taken_at=datetime.fromisoformat(row[5]),
        note=row[6],
        from_photo=bool(row[7]),
        photo=kept_name(row[8]),
    )


def _session_row(row: Any) -> SessionRow:
    return SessionRow(
        id=row[0],
        routine_id=row[1],
        routine_name=row[2],
        routine_hash=row[3],
        side_choice=SideChoice(row[4]),
        started_at=datetime.fromisoformat(row[5]),
        ended_at=None if row[6] is None else datetime.fromisoformat(row[6]),
        active_seconds=row[7],
        status=SessionStatus(row[8]),
        pain=row[9],
        note=row[10],
        steps_done=row[11],
        steps_skipped=row[12],
        planned_steps=row[13],
        key=row[14],
        kind=row[15],
    )


def _step_row(row: Any) -> StepRow:
    return StepRow(
        id=row[0],
        session_id=row[1],
        step_index=row[2],
        exercise_id=row[3],
        exercise_name=row[4],
        kind=Kind(row[5]),
        side=None if row[6] is None else Side(row[6]),
        status=StepStatus(row[7]),
        planned_seconds=row[8],
        actual_seconds=row[9],
        planned_reps=row[10],
        actual_reps=row[11],
        measurement=row[12],
        ended_at=datetime.fromisoformat(row[13]),
        set_number=row[14],
        set_count=row[15],
        progression_level=row[16],
    )


def _local_date(iso: str, tz: tzinfo | None) -> date:
    moment = datetime.fromisoformat(iso)
    return moment.date() if tz is None else moment.astimezone(tz).date()
