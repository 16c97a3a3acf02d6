"""The charts' date axis: ticks on midnights, whole days apart, every day in range."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.core.history.date_axis import STEPS, date_axis


def test_a_week_gets_a_tick_each_day() -> None:
    axis = date_axis(date(2026, 5, 4), date(2026, 5, 10), 10)
    assert (axis.first, axis.last, axis.ticks, axis.step_days) == (
        date(2026, 5, 4),
        date(2026, 5, 11),
        8,
        1,
    )
    assert axis.label_format == "d MMM"


def test_fewer_ticks_than_days_step_by_whole_weeks() -> None:
    axis = date_axis(date(2026, 3, 2), date(2026, 5, 10), 8)
    assert axis.step_days == 14 and axis.ticks <= 8
    assert axis.days == axis.step_days * (axis.ticks - 1)
    assert axis.last >= date(2026, 5, 11)


def test_a_span_over_new_year_names_the_year() -> None:
    assert date_axis(date(2025, 12, 1), date(2026, 1, 20), 6).label_format == "d MMM yyyy"


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)),
    st.integers(min_value=0, max_value=4000),
    st.integers(min_value=2, max_value=20),
)
def test_every_day_is_shown_and_ticks_fall_on_whole_days(first, days, most) -> None:
    last = first + timedelta(days=days)
    axis = date_axis(first, last, most)
    assert axis.first == first and axis.last > last  # the last day is shown whole
    assert axis.days == axis.step_days * (axis.ticks - 1)  # every tick on a midnight
    assert axis.step_days in STEPS
    if axis.step_days != STEPS[-1]:
        assert axis.ticks <= most


@pytest.mark.parametrize("most", [0, 1, 2])
def test_at_least_both_ends_are_ticked(most) -> None:
    assert date_axis(date(2026, 1, 1), date(2026, 1, 1), most).ticks == 2
