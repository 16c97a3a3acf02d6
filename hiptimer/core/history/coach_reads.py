"""The queries behind "Your exercises" and the pain chart: what was done, said and felt."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, tzinfo

from hiptimer.core.history.errors import as_history_error
from hiptimer.core.history.progressions import DoneAt
from hiptimer.core.history.trends import MeasurementTrend, period_means, trend_of
from hiptimer.core.history.what_helps import ExerciseRecord, Rating
from hiptimer.core.session.status import SessionStatus, StepStatus

_DONE = f"st.status = '{StepStatus.DONE.value}' AND st.kind != 'test'"
_KEPT = f"s.status != '{SessionStatus.DISCARDED.value}'"


def _day(iso: str, tz: tzinfo | None) -> date:
    moment = datetime.fromisoformat(iso)
    return moment.date() if tz is None else moment.astimezone(tz).date()


class CoachReads:
    """Mixed into :class:`~hiptimer.core.history.reads.HistoryReader`."""

    _conn: sqlite3.Connection

    @as_history_error
    def exercise_records(self, tz: tzinfo | None = None) -> list[ExerciseRecord]:
        """Every exercise done (a step done, tests aside): the days and what was said."""
        days: dict[str, list[date]] = {}
        names: dict[str, str] = {}
        rows = self._conn.execute(
            "SELECT st.exercise_id, st.exercise_name, s.started_at FROM steps st"
            f" JOIN sessions s ON s.id = st.session_id WHERE {_DONE} AND {_KEPT}"
            " GROUP BY st.session_id, st.exercise_id ORDER BY s.started_utc"
        )
        for exercise_id, name, started_at in rows:
            names[exercise_id] = name
            days.setdefault(exercise_id, []).append(_day(started_at, tz))
        ratings: dict[str, list[Rating]] = {}
        for exercise_id, rating in self._conn.execute(
            "SELECT f.exercise_id, f.rating FROM exercise_feedback f"
            " JOIN sessions s ON s.id = f.session_id"
            f" WHERE f.rating IS NOT NULL AND {_KEPT} ORDER BY s.started_utc"
        ):
            ratings.setdefault(exercise_id, []).append(Rating(rating))
        return [
            ExerciseRecord(
                exercise_id, names[exercise_id], tuple(done), tuple(ratings.get(exercise_id, ()))
            )
            for exercise_id, done in days.items()
        ]

    @as_history_error
    def progression_history(self, exercise_id: str, tz: tzinfo | None = None) -> list[DoneAt]:
        """Each session ``exercise_id`` was done in, oldest first: its level and the pain
        said for it (the exercise's own, else the session's)."""
        rows = self._conn.execute(
            "SELECT s.started_at, max(st.progression_level), coalesce(f.pain, s.pain)"
            " FROM steps st JOIN sessions s ON s.id = st.session_id"
            " LEFT JOIN exercise_feedback f"
            "   ON f.session_id = s.id AND f.exercise_id = st.exercise_id"
            f" WHERE st.exercise_id = ? AND {_DONE} AND {_KEPT}"
            " GROUP BY st.session_id ORDER BY s.started_utc",
            (exercise_id,),
        )
        return [DoneAt(_day(started, tz), level, pain) for started, level, pain in rows]

    @as_history_error
    def pain_trend(self, most_points: int, tz: tzinfo | None = None) -> MeasurementTrend:
        """What the pain chart draws: every rating, or (beyond ``most_points`` of them) the
        mean of each month or quarter, summed in SQL so ten years cost what a month does."""
        count = self._conn.execute(
            f"SELECT count(*) FROM sessions s WHERE s.pain IS NOT NULL AND {_KEPT}"
        ).fetchone()[0]
        if count <= most_points:
            return trend_of(self.pain_series(tz), most_points)
        months = [
            (int(month[:4]), int(month[5:7]), total, n)
            for month, total, n in self._conn.execute(
                "SELECT substr(s.started_at, 1, 7), sum(s.pain), count(*) FROM sessions s"
                f" WHERE s.pain IS NOT NULL AND {_KEPT} GROUP BY 1 ORDER BY 1"
            )
        ]
        points, period = period_means(months)
        started, pain = self._conn.execute(
            f"SELECT s.started_at, s.pain FROM sessions s WHERE s.pain IS NOT NULL AND {_KEPT}"
            " ORDER BY s.started_utc DESC LIMIT 1"
        ).fetchone()
        return MeasurementTrend(points, period, count, (_day(started, tz), pain))

    @as_history_error
    def pain_series(self, tz: tzinfo | None = None) -> list[tuple[date, int]]:
        """The pain rated after each session, oldest first (sessions not rated are left out)."""
        rows = self._conn.execute(
            f"SELECT s.started_at, s.pain FROM sessions s WHERE s.pain IS NOT NULL AND {_KEPT}"
            " ORDER BY s.started_utc"
        )
        return [(_day(started, tz), pain) for started, pain in rows]
