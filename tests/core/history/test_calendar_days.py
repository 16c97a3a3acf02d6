"""The History calendar's days and weeks: read a block at a time, added up as the store counts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history.calendar_days import BLOCK_WEEKS, CalendarDays, DayTotals, WeekCounts
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.session.status import SessionStatus
from tests.fakes import add_session

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TODAY = date(2026, 6, 3)  # a Wednesday
THIS_WEEK = date(2026, 6, 1)
FIRST = THIS_WEEK - timedelta(weeks=3 * BLOCK_WEEKS)  # three blocks and one week


class Reads:
    """A loader that says a workout was done every day and records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[date, date]] = []
        self.failing = False

    def __call__(self, first: date, last: date) -> DayTotals | None:
        self.asked.append((first, last))
        if self.failing:
            return None
        return {first + timedelta(days=n): (1, 0) for n in range((last - first).days + 1)}


def test_only_the_newest_block_is_read_for_this_week() -> None:
    reads = Reads()
    days = CalendarDays(FIRST, TODAY, reads)
    counts = WeekCounts(days)
    assert len(counts) == 3 * BLOCK_WEEKS + 1
    assert counts[-1].week == THIS_WEEK and counts[-1].count == 3  # Monday to today
    assert days.get(TODAY - timedelta(days=10)) == (1, 0)
    oldest_read = THIS_WEEK - timedelta(weeks=BLOCK_WEEKS - 1)
    assert reads.asked == [(oldest_read, TODAY)]


def test_an_older_day_reads_its_block_once_and_the_first_block_stops_at_the_first_week() -> None:
    reads = Reads()
    days = CalendarDays(FIRST, TODAY, reads)
    assert days.get(FIRST) == (1, 0)
    assert days.get(FIRST + timedelta(days=1)) == (1, 0)
    assert WeekCounts(days)[0].count == 7
    assert reads.asked == [(FIRST, FIRST + timedelta(days=6))]  # the oldest block: one week
    assert days.blocks_read() == 1


def test_days_outside_the_calendar_read_nothing() -> None:
    reads = Reads()
    days = CalendarDays(FIRST, TODAY, reads)
    assert days.get(TODAY + timedelta(days=1)) == (0, 0)
    assert days.get(FIRST - timedelta(days=1), (9, 9)) == (9, 9)
    assert days.week_workouts(FIRST - timedelta(weeks=1)) == 0
    assert reads.asked == []
    with pytest.raises(IndexError):
        WeekCounts(days)[3 * BLOCK_WEEKS + 1]


def test_a_block_that_could_not_be_read_counts_nothing_and_is_asked_for_again() -> None:
    reads = Reads()
    reads.failing = True
    days = CalendarDays(FIRST, TODAY, reads)
    assert days.get(TODAY) == (0, 0)
    reads.failing = False
    assert days.get(TODAY) == (1, 0)
    assert len(reads.asked) == 2


@pytest.mark.parametrize("tz", [NEW_YORK, timezone.utc, BERLIN])
def test_the_weeks_added_up_from_the_days_are_the_weeks_the_store_counts(
    store: HistoryStore, tz: tzinfo
) -> None:
    """The History tab adds the calendar's days up into its weeks instead of asking again,
    across a year's end, a clock change and blocks of weeks."""
    done = partial(add_session, store, side="left")
    done(datetime(2026, 1, 4, 23, 30, tzinfo=NEW_YORK))  # a Sunday night, or Monday
    done(datetime(2026, 1, 6, 9, 0, tzinfo=NEW_YORK), SessionStatus.ENDED_EARLY)
    add_session(store, datetime(2026, 1, 7, 9, 0, tzinfo=NEW_YORK), work_seconds=60)  # short
    done(datetime(2026, 1, 8, 9, 0, tzinfo=NEW_YORK), "discarded")
    for day in (date(2026, 3, 29), date(2026, 12, 27), date(2027, 1, 1), date(2028, 3, 26)):
        done(datetime.combine(day, datetime.min.time(), BERLIN) + timedelta(hours=1))
    first, last = date(2025, 12, 29), date(2028, 4, 5)
    days = CalendarDays(first, last, partial(store.day_counts, tz=tz))
    summed = [(week.week, week.count) for week in WeekCounts(days)]
    asked = [(week.week, week.count) for week in store.week_counts(first, last, tz)]
    assert summed == asked
    assert sum(count for _, count in summed) == 6  # neither the short nor the discarded one
    assert days.blocks_read() == 3
