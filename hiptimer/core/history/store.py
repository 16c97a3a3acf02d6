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

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar

from hiptimer.core.history import weeks
from hiptimer.core.history.database import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    HistoryVersionError,
    connect,
    move_aside,
)
from hiptimer.core.history.schema import user_version
from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus

T = TypeVar("T")

_WEEKS_PER_QUERY = 300  # 3 parameters each, under the oldest SQLite limit of 999

#: Measurement test by the exercise that takes it.
TEST_BY_EXERCISE: dict[str, str] = {"prone-ir-test": "prone", "seated-ir-test": "seated"}
TESTS: tuple[str, ...] = ("prone", "seated")
MIN_DEGREES, MAX_DEGREES = DEGREE_LIMITS

FINISH_STATUSES = (SessionStatus.COMPLETED, SessionStatus.INCOMPLETE, SessionStatus.ENDED_EARLY)


class UnknownSessionError(HistoryError, LookupError):
    """No session has this id."""


class StepOutcomeLike(Protocol):
    """What the session engine hands over for each finished step."""

    @property
    def step_index(self) -> int: ...
    @property
    def exercise_id(self) -> str: ...
    @property
    def exercise_name(self) -> str: ...
    @property
    def kind(self) -> Kind | str: ...
    @property
    def side(self) -> Side | str | None: ...
    @property
    def status(self) -> StepStatus | str: ...
    @property
    def planned_seconds(self) -> float: ...
    @property
    def actual_seconds(self) -> float: ...
    @property
    def planned_reps(self) -> int | None: ...
    @property
    def actual_reps(self) -> int | None: ...
    @property
    def measurement(self) -> int | None: ...


@dataclass(frozen=True)
class SessionRow:
    id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    side_choice: SideChoice
    started_at: datetime
    ended_at: datetime | None
    active_seconds: float
    status: SessionStatus
    pain: int | None
    note: str
    steps_done: int
    steps_skipped: int


@dataclass(frozen=True)
class StepRow:
    id: int
    session_id: int
    step_index: int
    exercise_id: str
    exercise_name: str
    kind: Kind
    side: Side | None
    status: StepStatus
    planned_seconds: float
    actual_seconds: float
    planned_reps: int | None
    actual_reps: int | None
    measurement: int | None
    ended_at: datetime


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    session_id: int | None
    test: str
    side: Side
    degrees: int
    taken_at: datetime
    note: str


@dataclass(frozen=True)
class IncompleteSession:
    """An unfinished session, for the "resume or discard?" offer."""

    session_id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    side_choice: SideChoice
    started_at: datetime
    last_step_index: int | None  # resume at the step after this; None: no step recorded
    steps_recorded: int
    active_seconds: float


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday
    count: int

    @property
    def label(self) -> str:
        return weeks.iso_week_label(self.week)


@dataclass(frozen=True)
class Totals:
    sessions: int  # every session not discarded
    completed: int
    active_minutes: float
    first_session_date: date | None


#: Measurement series keyed by (test, side), each a list of (date, degrees), oldest first.
MeasurementSeries = dict[tuple[str, Side], list[tuple[date, int]]]


#: A record with means for more months than this is drawn as quarterly means instead: ten
#: years of monthly points (~120 a side) triple what the progress chart costs to draw.
MOST_MONTHS = 48


@dataclass(frozen=True)
class MeasurementTrend:
    """What a progress chart draws for one (test, side): few points however long the record."""

    points: list[tuple[date, float]]  # every measurement, or the mean of each period
    averaged_by: str | None  # None (each measurement), "month" or "quarter"
    count: int  # how many measurements there are
    latest: tuple[date, int] | None  # the newest measurement itself, never an average


#: Trends keyed by (test, side); all four keys always there.
MeasurementTrends = dict[tuple[str, Side], MeasurementTrend]

#: (year, month, sum of the degrees, number of measurements) for one month.
MonthTotal = tuple[int, int, int, int]


def month_totals(values: list[tuple[date, int]]) -> list[MonthTotal]:
    """Sum and count of the degrees of each calendar month of ``values`` (oldest first)."""
    months: dict[tuple[int, int], list[int]] = {}
    for day, degrees in values:
        month = months.setdefault((day.year, day.month), [0, 0])
        month[0] += degrees
        month[1] += 1
    return [(y, m, total, n) for (y, m), (total, n) in months.items()]


def period_means(
    months: list[MonthTotal], most_months: int = MOST_MONTHS
) -> tuple[list[tuple[date, float]], str]:
    """Means per month (on the 15th), or, beyond ``most_months`` months, per quarter (on the
    15th of its middle month); returns the points and "month" or "quarter"."""
    if len(months) <= most_months:
        return [(date(y, m, 15), round(total / n, 1)) for y, m, total, n in months], "month"
    quarters: dict[tuple[int, int], list[int]] = {}
    for y, m, total, n in months:
        quarter = quarters.setdefault((y, (m - 1) // 3), [0, 0])
        quarter[0] += total
        quarter[1] += n
    points = [
        (date(y, 3 * q + 2, 15), round(total / n, 1)) for (y, q), (total, n) in quarters.items()
    ]
    return points, "quarter"


def monthly_means(values: list[tuple[date, int]]) -> list[tuple[date, float]]:
    """One point per calendar month (on the 15th): the mean of that month's measurements."""
    return period_means(month_totals(values), most_months=len(values))[0]


def trend_of(
    values: list[tuple[date, int]], most_points: int, most_months: int = MOST_MONTHS
) -> MeasurementTrend:
    """The trend of one series of (date, degrees), oldest first, already in memory: the
    points themselves up to ``most_points`` of them, else means by month or by quarter."""
    latest = values[-1] if values else None
    if len(values) <= most_points:
        return MeasurementTrend([(d, float(deg)) for d, deg in values], None, len(values), latest)
    points, period = period_means(month_totals(values), most_months)
    return MeasurementTrend(points, period, len(values), latest)


def trends_of(
    series: MeasurementSeries, most_points: int, most_months: int = MOST_MONTHS
) -> MeasurementTrends:
    """:func:`trend_of` for every (test, side) of ``series`` (missing keys are empty)."""
    return {
        (test, side): trend_of(series.get((test, side), []), most_points, most_months)
        for test in TESTS
        for side in Side
    }


def _as_history_error(method: Callable[..., T]) -> Callable[..., T]:
    """Database failures (a locked file, a full disk) reach callers as :class:`HistoryError`,
    the one error the app handles, with the original attached."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            error = HistoryBusyError if busy else HistoryError
            raise error(f"the history file could not be used: {exc}") from exc

    return wrapper


class HistoryStore:
    """Reads and writes one history file.  Build it with :func:`open_history`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
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

    @_as_history_error
    def begin_session(
        self,
        routine_id: str,
        routine_name: str,
        content_hash: str,
        side_choice: SideChoice | str,
        started_at: datetime,
    ) -> int:
        """Create the session row (status 'incomplete') and return its id."""
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

    @_as_history_error
    def record_step(self, session_id: int, outcome: StepOutcomeLike, ended_at: datetime) -> int:
        """Commit one finished step; a test step's degrees also become a measurement row."""
        _require_aware(ended_at, "ended_at")
        kind = Kind(_value(outcome.kind)).value
        side = None if outcome.side is None else Side(_value(outcome.side)).value
        status = _value(outcome.status)
        if status not in {s.value for s in StepStatus}:
            raise ValueError(
                f"step status must be one of {', '.join(s.value for s in StepStatus)},"
                f" got {outcome.status!r}"
            )
        test = None
        if outcome.measurement is not None:
            _check_degrees(outcome.measurement)
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
                    status,
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

    @_as_history_error
    def finish_session(
        self,
        session_id: int,
        ended_at: datetime,
        status: SessionStatus | str,
        active_seconds: float,
    ) -> None:
        _require_aware(ended_at, "ended_at")
        status = _value(status)
        if status not in {s.value for s in FINISH_STATUSES}:
            raise ValueError(
                f"a session finishes as one of {', '.join(s.value for s in FINISH_STATUSES)},"
                f" got {status!r}"
            )
        if active_seconds < 0:
            raise ValueError(f"active seconds cannot be negative, got {active_seconds}")
        self._update_session(
            session_id,
            "ended_at = ?, ended_utc = ?, status = ?, active_seconds = ?",
            (ended_at.isoformat(), ended_at.timestamp(), status, float(active_seconds)),
        )

    @_as_history_error
    def discard_session(self, session_id: int) -> None:
        """Mark an unfinished session as discarded; its rows stay in the file."""
        self._update_session(session_id, "status = 'discarded'", ())

    @_as_history_error
    def set_feedback(self, session_id: int, pain: int | None, note: str = "") -> None:
        """How it felt afterwards: pain 0–10 (None: not given) and a free note."""
        if pain is not None and (
            isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10
        ):
            raise ValueError(f"pain must be a whole number from 0 to 10, got {pain!r}")
        self._update_session(session_id, "pain = ?, note = ?", (pain, note))

    @_as_history_error
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
        test_name = TEST_BY_EXERCISE.get(test, test)
        if test_name not in TESTS:
            known = ", ".join([*TESTS, *TEST_BY_EXERCISE])
            raise ValueError(f"unknown range-of-motion test {test!r} (known: {known})")
        side_value = Side(_value(side)).value
        _check_degrees(degrees)
        _require_aware(taken_at, "taken_at")
        with self.batch():
            if session_id is not None:
                self._require_session(session_id)
            return self._insert_measurement(
                test_name, side_value, degrees, taken_at, note, session_id
            )

    # -- reading, for the history view, the resume offer and exports --------------------

    @_as_history_error
    def incomplete_sessions(self) -> list[IncompleteSession]:
        """Sessions never finished (a crash, the window closed), newest first."""
        rows = self._conn.execute(
            "SELECT s.id, s.routine_id, s.routine_name, s.routine_hash, s.side_choice,"
            " s.started_at, s.active_seconds,"
            " (SELECT max(step_index) FROM steps WHERE session_id = s.id),"
            " (SELECT count(*) FROM steps WHERE session_id = s.id)"
            " FROM sessions s WHERE s.status = 'incomplete'"
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
            )
            for row in rows
        ]

    @_as_history_error
    def sessions(
        self, limit: int | None = 50, offset: int = 0, *, include_discarded: bool = False
    ) -> list[SessionRow]:
        """Sessions newest first, one page at a time."""
        where = "" if include_discarded else "WHERE s.status != 'discarded'"
        rows = self._conn.execute(
            f"{_SESSION_SELECT} {where} ORDER BY s.started_utc DESC, s.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
        return [_session_row(row) for row in rows]

    @_as_history_error
    def session(self, session_id: int) -> SessionRow | None:
        row = self._conn.execute(f"{_SESSION_SELECT} WHERE s.id = ?", (session_id,)).fetchone()
        return None if row is None else _session_row(row)

    @_as_history_error
    def session_count(self, *, include_discarded: bool = False) -> int:
        where = "" if include_discarded else "WHERE status != 'discarded'"
        return int(self._conn.execute(f"SELECT count(*) FROM sessions {where}").fetchone()[0])

    @_as_history_error
    def session_steps(self, session_id: int) -> list[StepRow]:
        rows = self._conn.execute(
            f"{_STEP_SELECT} WHERE session_id = ? ORDER BY step_index, id", (session_id,)
        ).fetchall()
        return [_step_row(row) for row in rows]

    def all_steps(self) -> Iterator[StepRow]:
        """Every step of every session, by session then step (for exports)."""
        for row in self._conn.execute(f"{_STEP_SELECT} ORDER BY session_id, step_index, id"):
            yield _step_row(row)

    @_as_history_error
    def week_counts(self, start_week: date, end_week: date, tz: tzinfo) -> list[WeekCount]:
        """Completed sessions per ISO week in ``tz``, for every week from start to end."""
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
                "         WHERE status = 'completed' AND started_utc >= w.lo"
                "         AND started_utc < w.hi)"
                " FROM w ORDER BY w.i",
                params,
            ).fetchall()
            counts.extend(row[0] for row in rows)
        return [WeekCount(monday, count) for monday, count in zip(mondays, counts, strict=True)]

    @_as_history_error
    def streak(self, goal: int, today: date, tz: tzinfo) -> int:
        """Weeks in a row meeting ``goal`` completed sessions (see :func:`weeks.current_streak`).

        Reads completed sessions newest first and stops at the first week below the goal, so
        the cost follows the streak, not the size of the history: no week list, no per-week
        query, one time-zone conversion per week walked.
        """
        if goal < 1:
            raise ValueError(f"a weekly goal must be at least 1 session, got {goal}")
        this_week = weeks.week_start(today)
        week_lo, week_hi = weeks.week_bounds_epoch(this_week, tz)
        rows = self._conn.execute(
            "SELECT started_utc FROM sessions WHERE status = 'completed' AND started_utc < ?"
            " ORDER BY started_utc DESC",
            (week_hi,),
        )
        monday, count, streak = this_week, 0, 0
        for (started_utc,) in rows:
            while started_utc < week_lo:  # the week starting ``monday`` is all counted
                if count >= goal:
                    streak += 1
                elif monday != this_week:  # an unfinished current week never breaks it
                    return streak
                monday -= weeks.ONE_WEEK
                week_lo, count = weeks.local_midnight_epoch(monday, tz), 0
            count += 1
        return streak + (count >= goal)

    @_as_history_error
    def totals(self) -> Totals:
        count, completed, active_seconds = self._conn.execute(
            "SELECT count(*), coalesce(sum(status = 'completed'), 0),"
            " coalesce(sum(active_seconds), 0) FROM sessions WHERE status != 'discarded'"
        ).fetchone()
        return Totals(
            sessions=count,
            completed=completed,
            active_minutes=active_seconds / 60.0,
            first_session_date=self.first_session_date(),
        )

    @_as_history_error
    def first_session_date(self, tz: tzinfo | None = None) -> date | None:
        """The date of the first session kept, local to where it was recorded (or in ``tz``)."""
        row = self._conn.execute(
            "SELECT started_at FROM sessions WHERE status != 'discarded'"
            " ORDER BY started_utc, id LIMIT 1"
        ).fetchone()
        return None if row is None else _local_date(row[0], tz)

    @_as_history_error
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

    @_as_history_error
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

    @_as_history_error
    def data_stamp(self) -> tuple[int, int]:
        """Changes whenever the file may have changed, by this connection or another one.

        ``PRAGMA data_version`` only moves for other connections' commits, so writes made
        through this store are counted too.  Equal stamps mean the queries would answer the
        same; the history view uses this to skip a refresh.
        """
        version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        return version, self._conn.total_changes

    @_as_history_error
    def measurements(self) -> list[MeasurementRow]:
        rows = self._conn.execute(
            "SELECT id, session_id, test, side, degrees, taken_at, note FROM measurements"
            " ORDER BY taken_utc, id"
        ).fetchall()
        return [
            MeasurementRow(
                id=row[0],
                session_id=row[1],
                test=row[2],
                side=Side(row[3]),
                degrees=row[4],
                taken_at=datetime.fromisoformat(row[5]),
                note=row[6],
            )
            for row in rows
        ]

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


_SESSION_SELECT = (
    "SELECT s.id, s.routine_id, s.routine_name, s.routine_hash, s.side_choice, s.started_at,"
    " s.ended_at, s.active_seconds, s.status, s.pain, s.note,"
    " (SELECT count(*) FROM steps WHERE session_id = s.id AND status = 'done'),"
    " (SELECT count(*) FROM steps WHERE session_id = s.id AND status = 'skipped')"
    " FROM sessions s"
)

_STEP_SELECT = (
    "SELECT id, session_id, step_index, exercise_id, exercise_name, kind, side, status,"
    " planned_seconds, actual_seconds, planned_reps, actual_reps, measurement, ended_at"
    " FROM steps"
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
    )


def _value(member: Enum | str) -> str:
    return member.value if isinstance(member, Enum) else member


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")


def _check_degrees(degrees: object) -> None:
    if (
        isinstance(degrees, bool)
        or not isinstance(degrees, int)
        or not MIN_DEGREES <= degrees <= MAX_DEGREES
    ):
        raise ValueError(
            f"a range-of-motion measurement must be a whole number of degrees from "
            f"{MIN_DEGREES} to {MAX_DEGREES}, got {degrees!r}"
        )


def _local_date(iso: str, tz: tzinfo | None) -> date:
    moment = datetime.fromisoformat(iso)
    return moment.date() if tz is None else moment.astimezone(tz).date()


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
