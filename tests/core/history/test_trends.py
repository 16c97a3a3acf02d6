"""Measurement trends in memory: the points themselves, or means by month or by quarter."""

from __future__ import annotations

from datetime import date

from hiptimer.core.history.trends import (
    NO_TREND,
    MeasurementTrend,
    month_totals,
    period_means,
    trend_of,
)
from hiptimer.core.routines.model import Side
from tests.core.history.oracles import monthly_means, trends_of

VALUES = [
    (date(2026, 1, 3), 20),
    (date(2026, 1, 28), 25),
    (date(2026, 2, 10), 30),
    (date(2026, 4, 1), 31),
    (date(2026, 4, 30), 34),
]


def test_month_totals_sum_and_count_each_month() -> None:
    assert month_totals(VALUES) == [(2026, 1, 45, 2), (2026, 2, 30, 1), (2026, 4, 65, 2)]
    assert month_totals([]) == []


def test_period_means_by_month_then_by_quarter() -> None:
    months = month_totals(VALUES)
    assert period_means(months) == (
        [(date(2026, 1, 15), 22.5), (date(2026, 2, 15), 30.0), (date(2026, 4, 15), 32.5)],
        "month",
    )
    by_quarter = period_means(months, most_months=2)
    assert by_quarter == ([(date(2026, 2, 15), 25.0), (date(2026, 5, 15), 32.5)], "quarter")


def test_monthly_means() -> None:
    assert monthly_means(VALUES)[0] == (date(2026, 1, 15), 22.5)
    assert len(monthly_means(VALUES)) == 3


def test_a_trend_is_the_points_up_to_most_points() -> None:
    assert trend_of(VALUES, most_points=5) == MeasurementTrend(
        [(day, float(degrees)) for day, degrees in VALUES], None, 5, (date(2026, 4, 30), 34)
    )
    averaged = trend_of(VALUES, most_points=4)
    assert (averaged.averaged_by, averaged.count, averaged.latest) == (
        "month",
        5,
        (date(2026, 4, 30), 34),  # the newest measurement itself, never an average
    )
    assert trend_of(VALUES, most_points=4, most_months=2).averaged_by == "quarter"
    assert trend_of([], most_points=0) == NO_TREND


def test_trends_of_has_every_test_and_side() -> None:
    trends = trends_of({("prone", Side.LEFT): VALUES}, most_points=150)
    assert set(trends) == {(test, side) for test in ("prone", "seated") for side in Side}
    assert trends[("prone", Side.LEFT)].count == 5
    assert trends[("seated", Side.RIGHT)] == NO_TREND
