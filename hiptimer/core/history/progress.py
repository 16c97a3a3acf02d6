"""What a range-of-motion progress chart shows, worked out without Qt.

One chart per test: both sides' trends, the normal range shaded, where training started, the
span of dates on the x axis and the latest right − left difference in words.  The Qt chart
(``hiptimer.qt.history.chart``) draws a :class:`ChartContent` and decides nothing itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hiptimer.core.history.measurements import TEST_TITLES, NormalRanges, normal_text
from hiptimer.core.history.trends import NO_TREND, MeasurementTrend, MeasurementTrends
from hiptimer.core.routines.limits import DEGREE_LIMITS, Limits
from hiptimer.core.routines.model import Range, Side
from hiptimer.core.text import day_text

#: The y axis: every value a measurement can take.
DEGREES_SHOWN = DEGREE_LIMITS

#: A normal range of one value (45°) is drawn as a band this many degrees either side of it:
#: a band of zero height would be invisible, and a measurement with a phone level is good to
#: about two degrees anyway.  A range (30–45°) is drawn as it is.
SINGLE_VALUE_BAND = 2


def normal_band(normal: Range) -> Limits:
    """The degrees shaded as normal (see :data:`SINGLE_VALUE_BAND`), within the y axis."""
    widen = SINGLE_VALUE_BAND if normal.is_fixed else 0
    low = max(DEGREES_SHOWN.low, normal.low - widen)
    high = min(DEGREES_SHOWN.high, normal.high + widen)
    return Limits(low, high)


def band_text(normal: Range) -> str:
    """The legend of the shaded band: ``Normal 45° (band 43–47°)``, ``Normal 30–45° (band)``."""
    if not normal.is_fixed:
        return f"{normal_text(normal)} (band)"
    low, high = normal_band(normal)
    return f"{normal_text(normal)} (band {low}–{high}°)"


def signed_degrees(value: int) -> str:
    """``+5°``, ``0°``, ``−12°`` (a real minus sign)."""
    return f"+{value}°" if value > 0 else f"−{-value}°" if value < 0 else "0°"


def latest_difference_text(left: tuple[date, int] | None, right: tuple[date, int] | None) -> str:
    """The right − left difference of the latest measurements of each side, in words."""
    if left is None or right is None:
        for side, latest in (("left", left), ("right", right)):
            if latest is not None:
                day, degrees = latest
                return (
                    f"Latest: {side} {degrees}° on {day_text(day)}. Measure both sides to compare."
                )
        return "No measurements of this test yet."
    (left_day, left_deg), (right_day, right_deg) = left, right
    when = (
        f"on {day_text(left_day)}"
        if left_day == right_day
        else f"left on {day_text(left_day)}, right on {day_text(right_day)}"
    )
    return (
        f"Right − left: {signed_degrees(right_deg - left_deg)} "
        f"(latest: left {left_deg}°, right {right_deg}°, {when})"
    )


def started_text(started: date) -> str:
    return f"Started {day_text(started)}"


@dataclass(frozen=True)
class ChartContent:
    """Everything one test's chart shows."""

    test: str
    title: str
    sides: dict[Side, MeasurementTrend]
    normal: Range | None  # None: the library does not say, nothing is shaded
    started: date | None  # the first session, marked by a vertical line
    first_day: date  # the x axis, padded so no point sits on its edge (see date_axis)
    last_day: date
    difference: str

    @property
    def band(self) -> Limits | None:
        return None if self.normal is None else normal_band(self.normal)

    @property
    def band_text(self) -> str:
        return "" if self.normal is None else band_text(self.normal)


def chart_content(
    test: str,
    trends: MeasurementTrends,
    started: date | None,
    normals: NormalRanges,
    today: date,
) -> ChartContent:
    """What the chart of ``test`` shows; ``today`` places an axis that has no dates at all."""
    sides = {side: trends.get((test, side), NO_TREND) for side in Side}
    periods = {trend.averaged_by for trend in sides.values()} - {None}
    title = TEST_TITLES[test]
    if periods:
        title += " — quarterly averages" if "quarter" in periods else " — monthly averages"
    days = [day for trend in sides.values() for day, _ in trend.points]
    if started is not None:
        days.append(started)
    first, last = (min(days), max(days)) if days else (today, today)
    pad = max(timedelta(days=3), (last - first) / 30)
    return ChartContent(
        test=test,
        title=title,
        sides=sides,
        normal=normals.get(test),
        started=started,
        first_day=first - pad,
        last_day=last + pad,
        difference=latest_difference_text(sides[Side.LEFT].latest, sides[Side.RIGHT].latest),
    )
