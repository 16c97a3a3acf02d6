"""The History calendar's days and weeks, read a block of weeks at a time as they are needed.

Ten years of daily sessions are 3,650 days in 520 weeks, and the calendar shows a few dozen
of them: reading and adding up every day before the tab could draw made ten years cost
1.7 times as much to open as a month.  Blocks are counted back from this week, so opening the
tab reads the newest block only; an older block is read the first time it is scrolled into
view (or a week in it is asked for).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from hiptimer.core.history import weeks
from hiptimer.core.history.rows import WeekCount
from hiptimer.core.lazy_sequence import LazySequence

#: Weeks read in one query: a year, more than the widest screen shows at once.
BLOCK_WEEKS = 53

DayTotals = dict[date, tuple[int, int]]
#: Reads (workouts, other sessions) for the days from the first date to the last that had any;
#: None when the history could not be read (the block is asked for again next time).
DayLoader = Callable[[date, date], DayTotals | None]

NOTHING = (0, 0)


class CalendarDays:
    """(workouts, other sessions) per day from ``first_week`` to ``today``, read by block."""

    def __init__(self, first_week: date, today: date, load: DayLoader) -> None:
        self.first_week, self.today = first_week, today
        self.this_week = weeks.week_start(today)
        self._load = load
        self._blocks: dict[int, DayTotals] = {}

    def week_count(self) -> int:
        """How many weeks, ``first_week``'s to today's."""
        return max(0, (self.this_week - self.first_week).days // 7 + 1)

    def _block(self, monday: date) -> DayTotals:
        index = (self.this_week - monday).days // 7 // BLOCK_WEEKS
        block = self._blocks.get(index)
        if block is None:
            newest = self.this_week - timedelta(weeks=index * BLOCK_WEEKS)
            oldest = max(self.first_week, newest - timedelta(weeks=BLOCK_WEEKS - 1))
            read = self._load(oldest, min(self.today, newest + timedelta(days=6)))
            if read is None:
                return {}
            block = self._blocks[index] = read
        return block

    def get(self, day: date, default: tuple[int, int] = NOTHING) -> tuple[int, int]:
        """The day's (workouts, other sessions); ``default`` for a day outside the calendar."""
        if not self.first_week <= day <= self.today:
            return default
        return self._block(weeks.week_start(day)).get(day, default)

    def week_workouts(self, monday: date) -> int:
        """The workouts of the week starting ``monday`` (the days the calendar has of it)."""
        block = self._block(monday) if self.first_week <= monday <= self.today else {}
        return sum(block.get(monday + timedelta(days=n), NOTHING)[0] for n in range(7))

    def blocks_read(self) -> int:
        return len(self._blocks)


class WeekCounts(LazySequence[WeekCount]):
    """The workouts of every week of a :class:`CalendarDays`, oldest first, each added up
    from its days when asked for."""

    def __init__(self, days: CalendarDays) -> None:
        self._days = days

    def __len__(self) -> int:
        return self._days.week_count()

    def _item(self, index: int) -> WeekCount:
        monday = self._days.first_week + timedelta(weeks=index)
        return WeekCount(monday, self._days.week_workouts(monday))
