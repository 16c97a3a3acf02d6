"""Week and streak arithmetic over plain dates.

Weeks are ISO weeks: Monday to Sunday, named by ``date.isocalendar()`` (so Dec 31 may be in
week 1 of the next year and Jan 1 in week 53 of the last).  A week is identified by its
Monday.  Which week an instant belongs to depends on the time zone: 23:30 on a Sunday in
Berlin is already Monday in UTC, but it is still that Sunday's week for the person training.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo

ONE_WEEK = timedelta(days=7)
ONE_DAY = timedelta(days=1)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def iso_week_label(day: date) -> str:
    """``2026-W53``: the ISO year and week of ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_in_range(first: date, last: date) -> list[date]:
    """The Mondays of every week from ``first``'s week to ``last``'s week, inclusive."""
    monday, end = week_start(first), week_start(last)
    mondays: list[date] = []
    while monday <= end:
        mondays.append(monday)
        monday += ONE_WEEK
    return mondays


def local_date(instant: datetime, tz: tzinfo) -> date:
    """The calendar date of an aware ``instant`` in ``tz``."""
    if instant.tzinfo is None:
        raise ValueError("local_date needs a timezone-aware datetime")
    return instant.astimezone(tz).date()


def local_midnight_epoch(day: date, tz: tzinfo) -> float:
    """Seconds since the epoch at the start of ``day`` in ``tz``.

    Where midnight does not exist (a clock change at 00:00) this is the moment the day began.
    """
    return datetime.combine(day, time(0), tzinfo=tz).timestamp()


def week_bounds_epoch(monday: date, tz: tzinfo) -> tuple[float, float]:
    """[start, end) of the week starting ``monday`` in ``tz``, in seconds since the epoch."""
    return local_midnight_epoch(monday, tz), local_midnight_epoch(monday + ONE_WEEK, tz)


def current_streak(counts: Mapping[date, int], goal: int, today: date) -> int:
    """How many weeks in a row, up to now, met ``goal`` sessions.

    ``counts`` maps a week's Monday to its session count (missing weeks count 0).  The
    current week counts once it meets the goal; until then the streak runs up to last week,
    so an unfinished week never breaks it.
    """
    if goal < 1:
        raise ValueError(f"a weekly goal must be at least 1 session, got {goal}")
    week = week_start(today)
    if counts.get(week, 0) < goal:
        week -= ONE_WEEK
    streak = 0
    while counts.get(week, 0) >= goal:
        streak += 1
        week -= ONE_WEEK
    return streak
