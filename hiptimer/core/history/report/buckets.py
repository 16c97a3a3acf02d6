"""The bars of "planned vs done": weeks for a short period, then months, quarters or years, so
a chart never has more than about thirty bars, however long the period."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from hiptimer.core.history import weeks
from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.report.model import Bucket, Period
from hiptimer.core.history.rows import SessionRow

MOST_BARS = 30


def _month(day: date) -> date:
    return day.replace(day=1)


def _quarter(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _year(day: date) -> date:
    return date(day.year, 1, 1)


def _next_month(start: date, months: int) -> date:
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


#: unit -> (the bucket's first day for a day, the next bucket's first day, its label)
_UNITS: tuple[
    tuple[str, Callable[[date], date], Callable[[date], date], Callable[[date], str]], ...
] = (
    ("week", weeks.week_start, lambda d: d + timedelta(days=7), lambda d: f"{d.day} {d:%b}"),
    ("month", _month, lambda d: _next_month(d, 1), lambda d: f"{d:%b %y}"),
    ("quarter", _quarter, lambda d: _next_month(d, 3), lambda d: f"Q{(d.month + 2) // 3} {d:%y}"),
    ("year", _year, lambda d: date(d.year + 1, 1, 1), lambda d: f"{d.year}"),
)


def buckets_for(
    period: Period, sessions: Sequence[tuple[date, SessionRow]], goal: int
) -> tuple[str, tuple[Bucket, ...]]:
    """The unit chosen and its buckets over ``period``: workouts, other sessions, the goal for
    the days of each bucket inside the period, and the minutes exercised."""
    for chosen in _UNITS:
        starts = [chosen[1](period.first)]
        while chosen[2](starts[-1]) <= period.last:
            starts.append(chosen[2](starts[-1]))
        if len(starts) <= MOST_BARS:
            break
    unit, start_of, next_of, label = chosen
    done = dict.fromkeys(starts, 0)
    other = dict.fromkeys(starts, 0)
    minutes = dict.fromkeys(starts, 0.0)
    for day, session in sessions:
        first = start_of(day)
        if first not in done:
            continue
        if session.kind == SessionKind.WORKOUT.value:
            done[first] += 1
        else:
            other[first] += 1
        minutes[first] += session.active_seconds / 60
    buckets = []
    for first in starts:
        end = next_of(first)
        inside = (min(end, period.last + timedelta(days=1)) - max(first, period.first)).days
        partial = inside < (end - first).days
        buckets.append(
            Bucket(
                label(first) + ("*" if partial else ""),
                first,
                done[first],
                other[first],
                goal * inside / 7,
                minutes[first],
                partial,
            )
        )
    return unit, tuple(buckets)


def bars_note(unit: str, buckets: tuple[Bucket, ...]) -> str:
    """What a bar marked * means, when there is one."""
    if not any(bucket.partial for bucket in buckets):
        return ""
    return f"* Only part of this {unit} is in the period: its goal is for the days that are."
