"""Measurement trends: what a progress chart draws, few points however long the record.

Up to a number of measurements a series is drawn as it is; beyond that as the mean of each
month, and beyond :data:`MOST_MONTHS` months as the mean of each quarter.  The store makes the
same trends from its per-month summary table (see :meth:`HistoryReader.measurement_trends`);
the functions here make them from values already in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hiptimer.core.routines.model import Side

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


#: A trend with no measurements.
NO_TREND = MeasurementTrend([], None, 0, None)

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
