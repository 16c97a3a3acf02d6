"""A chart's date axis that is accurate to the day: ticks on midnights, whole days apart.

Qt's date-time axis spaces its ticks evenly between the ends of its range, so from an
arbitrary span they land at odd hours and a label can name the day before or after the one
under it, or seem to skip days.  Here the range starts at a midnight and is stretched to a
whole number of steps, each a whole number of days (1, 2, 7, 14 … days), the fewest that
keep the labels apart; every point sits at noon of its day, between two ticks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

#: Tick steps in days, smallest first: days, weeks, months of four weeks, quarters, years.
STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1456)


@dataclass(frozen=True)
class DateAxis:
    first: date  # the axis starts at this day's midnight
    last: date  # ... and ends at the midnight that starts this day
    ticks: int  # ticks including both ends
    step_days: int
    label_format: str  # a Qt date format: "d MMM" within one year, else with the year

    @property
    def days(self) -> int:
        return (self.last - self.first).days


def date_axis(first: date, last: date, most_ticks: int) -> DateAxis:
    """An axis showing every day from ``first`` to ``last`` (both whole), with at most
    ``most_ticks`` ticks (at least 2)."""
    most_ticks = max(2, most_ticks)
    end = max(last, first) + timedelta(days=1)  # the midnight after the last day shown
    span = (end - first).days
    step = next((s for s in STEPS if -(-span // s) + 1 <= most_ticks), STEPS[-1])
    steps = max(1, -(-span // step))
    end = first + timedelta(days=steps * step)
    same_year = first.year == (end - timedelta(days=1)).year
    return DateAxis(
        first=first,
        last=end,
        ticks=steps + 1,
        step_days=step,
        label_format="d MMM" if same_year else "d MMM yyyy",
    )
