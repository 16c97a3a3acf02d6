"""What a progress chart shows: the normal band, its words, the date span, the difference."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hiptimer.core.history.measurements import normal_ranges
from hiptimer.core.history.progress import (
    DEGREES_SHOWN,
    band_text,
    chart_content,
    latest_difference_text,
    normal_band,
    signed_degrees,
)
from hiptimer.core.history.trends import NO_TREND, MeasurementTrend
from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import Range, Side
from tests.core.history.oracles import trends_of
from tests.fakes import builtin_catalog

NORMALS = normal_ranges(builtin_catalog().library)
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("normal", "band", "words"),
    [
        (Range(45, 45), (43, 47), "Normal 45° (band 43–47°)"),  # one value: a thin band
        (Range(30, 45), (30, 45), "Normal 30–45° (band)"),  # a range: as it is
        (Range(90, 90), (88, 90), "Normal 90° (band 88–90°)"),  # never past the axis
        (Range(0, 0), (0, 2), "Normal 0° (band 0–2°)"),
    ],
)
def test_the_normal_band_and_its_words(normal: Range, band: tuple[int, int], words: str) -> None:
    assert normal_band(normal) == band
    assert band_text(normal) == words


def test_the_y_axis_shows_every_degree_a_measurement_can_have() -> None:
    assert DEGREES_SHOWN == DEGREE_LIMITS


def test_signed_degrees_use_a_real_minus() -> None:
    assert [signed_degrees(v) for v in (5, 0, -12)] == ["+5°", "0°", "−12°"]


def test_the_latest_difference_in_words() -> None:
    jan5, jan9 = date(2026, 1, 5), date(2026, 1, 9)
    assert latest_difference_text(None, None) == "No measurements of this test yet."
    assert latest_difference_text((jan5, 30), None) == (
        "Latest: left 30° on 5 Jan 2026. Measure both sides to compare."
    )
    assert latest_difference_text(None, (jan9, 28)).startswith("Latest: right 28° on 9 Jan")
    assert latest_difference_text((jan5, 30), (jan5, 42)) == (
        "Right − left: +12° (latest: left 30°, right 42°, on 5 Jan 2026)"
    )
    assert latest_difference_text((jan5, 40), (jan9, 28)) == (
        "Right − left: −12° (latest: left 40°, right 28°, left on 5 Jan 2026, right on 9 Jan 2026)"
    )


def _series(days: list[date]) -> dict:
    return {("prone", Side.LEFT): [(day, 30) for day in days]}


def test_the_content_of_a_chart_with_a_few_points() -> None:
    days = [date(2026, 1, 5), date(2026, 2, 2)]
    trends = trends_of({**_series(days), ("prone", Side.RIGHT): [(days[1], 40)]}, 150)
    content = chart_content("prone", trends, date(2026, 1, 1), NORMALS, TODAY)
    assert content.title == "Hip in neutral — lying face down"
    assert content.sides[Side.LEFT].count == 2 and content.sides[Side.RIGHT].count == 1
    assert (content.normal, content.band) == (Range(45, 45), (43, 47))
    assert content.band_text == "Normal 45° (band 43–47°)"
    assert content.started == date(2026, 1, 1)
    # from the start line to the last point, padded by at least 3 days
    assert (content.first_day, content.last_day) == (date(2025, 12, 29), date(2026, 2, 5))
    assert content.difference.startswith("Right − left: +10°")


def test_a_long_span_is_padded_by_a_thirtieth() -> None:
    days = [date(2025, 1, 1), date(2026, 1, 1)]  # 365 days: padded by 12 whole days
    content = chart_content("prone", trends_of(_series(days), 150), None, NORMALS, TODAY)
    assert content.first_day == date(2024, 12, 20)
    assert content.last_day == date(2026, 1, 13)


def test_an_axis_with_no_dates_at_all_is_around_today() -> None:
    content = chart_content("seated", trends_of({}, 150), None, NORMALS, TODAY)
    assert content.sides == {Side.LEFT: NO_TREND, Side.RIGHT: NO_TREND}
    assert content.first_day < TODAY < content.last_day
    assert content.difference == "No measurements of this test yet."


def test_the_title_says_when_points_are_averages() -> None:
    monthly = MeasurementTrend([(date(2026, 1, 15), 30.0)], "month", 200, (date(2026, 1, 20), 31))
    quarterly = MeasurementTrend([(date(2026, 2, 15), 30.0)], "quarter", 900, None)
    by_month = {("seated", Side.LEFT): monthly}
    assert chart_content("seated", by_month, None, NORMALS, TODAY).title == (
        "Hip in flexion — seated — monthly averages"
    )
    both = {("seated", Side.LEFT): monthly, ("seated", Side.RIGHT): quarterly}
    assert chart_content("seated", both, None, NORMALS, TODAY).title.endswith(
        " — quarterly averages"
    )


def test_without_a_normal_from_the_library_nothing_is_shaded() -> None:
    content = chart_content("prone", trends_of({}, 150), None, {}, TODAY)
    assert (content.normal, content.band, content.band_text) == (None, None, "")


def test_the_padding_never_shrinks_below_three_days() -> None:
    one_day = [date(2026, 3, 10)]
    content = chart_content("prone", trends_of(_series(one_day), 150), None, NORMALS, TODAY)
    assert content.last_day - content.first_day == timedelta(days=6)
