"""Gather a report from one history store for a period: figures, charts' data, words.

The period defaults to the last :data:`DEFAULT_WEEKS` weeks up to ``today`` (from the first
record when the history is younger).  Reading costs a few queries, whatever the length of the
history: the sessions and measurements lists, the kept routine texts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta, tzinfo

from hiptimer.core.history import weeks
from hiptimer.core.history.adherence import EXPECTATION, WORKOUT_RULE, SessionKind
from hiptimer.core.history.measurements import MEASURED_TESTS, NormalRanges, normal_text
from hiptimer.core.history.report.buckets import bars_note, buckets_for
from hiptimer.core.history.report.model import Dated, Period, ReportData, RomChart, RoutineDoses
from hiptimer.core.history.report.routines import routine_doses
from hiptimer.core.history.rows import MeasurementRow, SessionRow
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.trends import trend_of
from hiptimer.core.history.verdict import NOISE_DEGREES, NOISE_SOURCE, NORMAL_SOURCE
from hiptimer.core.routines.model import Library, Routine, Side
from hiptimer.core.session.status import SessionStatus
from hiptimer.core.text import day_text, hours_minutes_text, plural

DEFAULT_WEEKS = 12
#: Beyond this many points a chart draws means by month (beyond MOST_MONTHS, by quarter).
MOST_POINTS = 60
MOST_MONTHS = 40
#: Pain is one mark a session along the page's width: up to a year of sessions is drawn as is.
MOST_PAIN_POINTS = 160
#: Pain at or above this is flagged for the clinician.
PAIN_FLAG = 6
MOST_FLAGS = 12
MOST_NOTES = 10
NOTE_CHARS = 280


def default_period(store: HistoryStore, today: date, tz: tzinfo) -> Period:
    start = weeks.week_start(today) - timedelta(weeks=DEFAULT_WEEKS - 1)
    first = store.first_session_date(tz)
    measured = [weeks.local_date(m.taken_at, tz) for m in store.recent_measurements(1)]
    oldest = min([d for d in (first, *measured) if d is not None], default=None)
    if oldest is not None and start < oldest <= today:
        start = oldest
    return Period(start, today)


def gather(
    store: HistoryStore,
    *,
    source: str,
    normals: NormalRanges,
    library: Library,
    routines_here: Mapping[str, Routine],
    goal: int,
    goal_text: str,
    today: date,
    tz: tzinfo,
    since: date | None = None,
    until: date | None = None,
) -> ReportData:
    """The report of ``store`` from ``since`` to ``until`` (both days included)."""
    last = until or today
    period = Period(since, last) if since is not None else default_period(store, last, tz)
    if period.first > period.last:
        raise ValueError(
            f"the period starts ({period.first}) after it ends ({period.last}): "
            "give --since before --until"
        )
    sessions = _sessions_in(store.sessions(limit=None), period, tz)
    measured = [
        (weeks.local_date(m.taken_at, tz), m)
        for m in store.measurements()
        if weeks.local_date(m.taken_at, tz) in period
    ]
    routines = routine_doses(sessions, store.routine_texts(), routines_here, library, period)
    for routine in routines:  # the most done routine's own plan is the goal, when it has one
        kept_goal = _plan_goal(routine)
        if kept_goal is not None:
            goal, goal_text = kept_goal
        break
    unit, buckets = buckets_for(period, sessions, goal)
    pain = [(day, s.pain) for day, s in sessions if s.pain is not None]
    pain_drawn = trend_of(pain, MOST_PAIN_POINTS, MOST_MONTHS)
    return ReportData(
        source=source,
        made=today,
        period=period,
        period_text=_period_text(period),
        goal=goal,
        goal_text=goal_text,
        bucket_unit=unit,
        buckets=buckets,
        bars_note=bars_note(unit, buckets),
        summary=_summary(sessions, period, goal),
        routines=routines,
        rom=tuple(_rom(test.key, test.title, measured, normals) for test in MEASURED_TESTS),
        pain=tuple(pain_drawn.points),
        pain_averaged_by=pain_drawn.averaged_by or "",
        pain_text=_pain_text(pain),
        flags=tuple((flags := _flags(sessions))[:MOST_FLAGS]),
        flags_more=max(0, len(flags) - MOST_FLAGS),
        notes=tuple((notes := _notes(sessions, measured))[:MOST_NOTES]),
        notes_more=max(0, len(notes) - MOST_NOTES),
        sources=(NORMAL_SOURCE, NOISE_SOURCE, WORKOUT_RULE, EXPECTATION),
    )


def _sessions_in(
    rows: Sequence[SessionRow], period: Period, tz: tzinfo
) -> list[tuple[date, SessionRow]]:
    found = [(weeks.local_date(s.started_at, tz), s) for s in rows]
    return sorted(((d, s) for d, s in found if d in period), key=lambda x: x[1].started_at)


def _plan_goal(routine: RoutineDoses) -> tuple[int, str] | None:
    rx = routine.prescription
    if rx is not None:
        return rx.per_week, f"prescribed by {rx.by} for “{routine.name}”"
    return None


def _period_text(period: Period) -> str:
    return (
        f"{day_text(period.first)} – {day_text(period.last)} "
        f"({plural(period.days, 'day')}, {plural(-(-period.days // 7), 'week')})"
    )


def _summary(
    sessions: Sequence[tuple[date, SessionRow]], period: Period, goal: int
) -> tuple[str, ...]:
    workouts = [s for _d, s in sessions if s.kind == SessionKind.WORKOUT.value]
    check_ins = [s for _d, s in sessions if s.kind == SessionKind.CHECK_IN.value]
    early = [s for _d, s in sessions if s.status is SessionStatus.ENDED_EARLY]
    seconds = sum(s.active_seconds for _d, s in sessions)
    whole_weeks = period.days / 7
    per_week = len(workouts) / whole_weeks if whole_weeks else 0.0
    lines = [
        f"Sessions: {len(sessions)} ({len(workouts)} counted as workouts, "
        f"{len(check_ins)} check-ins, {len(early)} ended early).",
        f"Time exercising: {hours_minutes_text(seconds)} in all"
        + (
            f", {hours_minutes_text(seconds / len(sessions))} a session on average."
            if sessions
            else "."
        ),
        f"Workouts a week: {per_week:.1f} on average against a goal of {goal}.",
    ]
    return tuple(lines)


def _rom(
    test: str,
    title: str,
    measured: Sequence[tuple[date, MeasurementRow]],
    normals: NormalRanges,
) -> RomChart:
    points: dict[Side, tuple[tuple[date, int], ...]] = {}
    for side in (Side.LEFT, Side.RIGHT):
        rows = sorted(
            ((d, m) for d, m in measured if m.test == test and m.side is side),
            key=lambda x: x[1].taken_at,
        )
        points[side] = tuple((d, m.degrees) for d, m in rows)
    baseline = {side: values[0][1] for side, values in points.items() if values}
    drawn = {
        side: trend_of(list(values), MOST_POINTS, MOST_MONTHS) for side, values in points.items()
    }
    averaged = {trend.averaged_by for trend in drawn.values() if trend.averaged_by}
    normal = normals.get(test)
    lines: list[str] = []
    for side in (Side.LEFT, Side.RIGHT):
        values = points[side]
        name = side.value.capitalize()
        if not values:
            lines.append(f"{name}: not measured in this period.")
            continue
        first, last = values[0][1], values[-1][1]
        text = f"{name}: {first}° → {last}° ({plural(len(values), 'measurement')})"
        if len(values) > 1:
            change = last - first
            text += (
                f", {change:+d}°, beyond the {NOISE_DEGREES}° noise"
                if abs(change) >= NOISE_DEGREES
                else f", {change:+d}°: within the {NOISE_DEGREES}° noise"
            )
        if normal is not None:
            text += "; " + _band_words(last, normal.low, normal.high)
        lines.append(text + ".")
    if points[Side.LEFT] and points[Side.RIGHT]:
        gap = points[Side.RIGHT][-1][1] - points[Side.LEFT][-1][1]
        lines.append(
            f"Latest right − left: {gap:+d}°"
            + (" (about the same)." if abs(gap) < NOISE_DEGREES else ".")
        )
    if normal is not None:
        lines.append(f"{normal_text(normal)}.")
    return RomChart(
        test,
        title,
        normal,
        {side: tuple(trend.points) for side, trend in drawn.items()},
        baseline,
        tuple(lines),
        max(averaged, default="", key=len),  # "quarter" over "month"
    )


def _band_words(degrees: int, low: int, high: int) -> str:
    if degrees < low:
        return "below normal"
    if degrees > high:
        return "above normal"
    return "within normal"


def _pain_text(pain: Sequence[tuple[date, int]]) -> str:
    if not pain:
        return "No pain rated after sessions in this period."
    values = [p for _d, p in pain]
    high = sum(1 for p in values if p >= PAIN_FLAG)
    return (
        f"Pain after sessions (0–10), rated {plural(len(values), 'time')}: "
        f"median {sorted(values)[len(values) // 2]}, highest {max(values)}, "
        f"{high} at {PAIN_FLAG} or more."
    )


def _flags(sessions: Sequence[tuple[date, SessionRow]]) -> list[Dated]:
    flags: list[Dated] = []
    for day, s in sessions:
        if s.status is SessionStatus.ENDED_EARLY:
            flags.append(
                Dated(day, f"{s.routine_name}: ended early ({s.steps_done} of {s.steps_of} steps)")
            )
        if s.pain is not None and s.pain >= PAIN_FLAG:
            flags.append(Dated(day, f"{s.routine_name}: pain {s.pain}/10 afterwards"))
    return sorted(flags, key=lambda f: f.day, reverse=True)


def _notes(
    sessions: Sequence[tuple[date, SessionRow]],
    measured: Sequence[tuple[date, MeasurementRow]],
) -> list[Dated]:
    notes = [Dated(d, f"{s.routine_name}: {_short(s.note)}") for d, s in sessions if s.note.strip()]
    notes += [
        Dated(d, f"{m.side.value} {m.test} test, {m.degrees}°: {_short(m.note)}")
        for d, m in measured
        if m.note.strip()
    ]
    return sorted(notes, key=lambda n: n.day, reverse=True)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NOTE_CHARS else flat[: NOTE_CHARS - 1] + "…"
