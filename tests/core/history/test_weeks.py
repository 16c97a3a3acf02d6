"""ISO weeks and streaks: year boundaries, week 53, time zones, clock changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history import weeks

NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("day", "monday", "label"),
    [
        (date(2026, 1, 4), date(2025, 12, 29), "2026-W01"),  # Sunday; Jan 1 2026 is a Thursday
        (date(2025, 12, 31), date(2025, 12, 29), "2026-W01"),  # Dec 31 already in next year's W01
        (date(2020, 12, 31), date(2020, 12, 28), "2020-W53"),
        (date(2021, 1, 1), date(2020, 12, 28), "2020-W53"),  # Jan 1 still in last year's W53
        (date(2021, 1, 3), date(2020, 12, 28), "2020-W53"),
        (date(2021, 1, 4), date(2021, 1, 4), "2021-W01"),
        (date(2026, 12, 31), date(2026, 12, 28), "2026-W53"),
        (date(2027, 1, 3), date(2026, 12, 28), "2026-W53"),
    ],
)
def test_week_start_and_label_across_year_boundaries(day: date, monday: date, label: str) -> None:
    assert weeks.week_start(day) == monday
    assert weeks.iso_week_label(day) == label


def test_weeks_in_range_runs_through_week_53() -> None:
    mondays = weeks.weeks_in_range(date(2020, 12, 20), date(2021, 1, 11))
    assert [weeks.iso_week_label(m) for m in mondays] == [
        "2020-W51",
        "2020-W52",
        "2020-W53",
        "2021-W01",
        "2021-W02",
    ]
    assert weeks.weeks_in_range(date(2021, 1, 10), date(2020, 12, 20)) == []


def test_sunday_late_evening_belongs_to_its_local_week_not_the_utc_one() -> None:
    sunday_night = datetime(2026, 1, 4, 23, 30, tzinfo=NEW_YORK)  # 04:30 Monday in UTC
    assert weeks.local_date(sunday_night, NEW_YORK) == date(2026, 1, 4)
    assert weeks.week_start(weeks.local_date(sunday_night, NEW_YORK)) == date(2025, 12, 29)
    assert weeks.week_start(weeks.local_date(sunday_night, UTC)) == date(2026, 1, 5)


def test_monday_just_after_midnight_ahead_of_utc_starts_the_new_week() -> None:
    monday_early = datetime(2026, 1, 5, 0, 30, tzinfo=AUCKLAND)  # Sunday 11:30 in UTC
    assert weeks.week_start(weeks.local_date(monday_early, AUCKLAND)) == date(2026, 1, 5)
    assert weeks.week_start(weeks.local_date(monday_early, UTC)) == date(2025, 12, 29)


def test_local_date_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        weeks.local_date(datetime(2026, 1, 4, 12, 0), UTC)


def test_week_bounds_follow_local_midnight_through_a_clock_change() -> None:
    start, end = weeks.week_bounds_epoch(date(2026, 3, 23), BERLIN)  # DST begins Mar 29
    assert start == datetime(2026, 3, 22, 23, 0, tzinfo=UTC).timestamp()
    assert end - start == timedelta(days=7, hours=-1).total_seconds()
    next_start, _ = weeks.week_bounds_epoch(date(2026, 3, 30), BERLIN)
    assert next_start == end


def _counts(*mondays: date, per_week: int = 1) -> dict[date, int]:
    return dict.fromkeys(mondays, per_week)


def test_streak_counts_the_current_week_once_the_goal_is_met() -> None:
    counts = _counts(date(2026, 1, 19), date(2026, 1, 12), date(2026, 1, 5))
    assert weeks.current_streak(counts, goal=1, today=date(2026, 1, 21)) == 3


def test_streak_runs_to_last_week_while_the_current_week_is_short() -> None:
    counts = {date(2026, 1, 19): 1, date(2026, 1, 12): 3, date(2026, 1, 5): 3}
    assert weeks.current_streak(counts, goal=3, today=date(2026, 1, 21)) == 2


def test_a_missed_week_ends_the_streak() -> None:
    counts = _counts(date(2026, 1, 19), date(2026, 1, 5), date(2025, 12, 29))
    assert weeks.current_streak(counts, goal=1, today=date(2026, 1, 25)) == 1


def test_streak_crosses_week_53_into_the_new_year() -> None:
    counts = _counts(date(2020, 12, 21), date(2020, 12, 28), date(2021, 1, 4), per_week=2)
    assert weeks.current_streak(counts, goal=2, today=date(2021, 1, 10)) == 3
    assert weeks.current_streak(counts, goal=2, today=date(2021, 1, 11)) == 3  # new week, short
    assert weeks.current_streak(counts, goal=2, today=date(2021, 1, 18)) == 0


def test_streak_without_sessions_is_zero_and_goal_must_be_positive() -> None:
    assert weeks.current_streak({}, goal=1, today=date(2026, 1, 1)) == 0
    with pytest.raises(ValueError, match="at least 1"):
        weeks.current_streak({}, goal=0, today=date(2026, 1, 1))
