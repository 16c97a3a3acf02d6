"""Reference versions of what the history store computes in SQL, for the tests to compare."""

from __future__ import annotations

from datetime import date

from hiptimer.core.history.measurements import TESTS
from hiptimer.core.history.rows import MeasurementSeries
from hiptimer.core.history.trends import (
    MOST_MONTHS,
    MeasurementTrends,
    month_totals,
    period_means,
    trend_of,
)
from hiptimer.core.routines.model import Side


def monthly_means(values: list[tuple[date, int]]) -> list[tuple[date, float]]:
    """One point per calendar month (on the 15th): the mean of that month's measurements."""
    return period_means(month_totals(values), most_months=len(values))[0]


def trends_of(
    series: MeasurementSeries, most_points: int, most_months: int = MOST_MONTHS
) -> MeasurementTrends:
    """:func:`trend_of` for every (test, side) of ``series`` (missing keys are empty)."""
    return {
        (test, side): trend_of(series.get((test, side), []), most_points, most_months)
        for test in TESTS
        for side in Side
    }
