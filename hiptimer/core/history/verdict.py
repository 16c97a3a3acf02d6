"""What an assessment says: each side against the normal range, the gap, and what changed.

The rules, with where their numbers come from:

- **Normal ranges** are the program's own (its source article): 45° for the hip in neutral
  (lying face down), 30–45° for the hip in flexion (seated).  They come from the exercise
  library (``normal:`` of each test), never from here.
- **Measurement noise, about 5°**: two careful measurements of the same hip differ by a few
  degrees.  Krause and colleagues (Knee Surgery, Sports Traumatology, Arthroscopy) found a
  minimal detectable change of 5.4° for seated hip internal rotation measured with an
  inclinometer; by hand or from a photo it is not smaller.  So a change, or a left–right gap,
  under 5° is told as "about the same", never as progress or a difference.
- **The limited side**: when one side is lower than the other by 5° or more in a test, and no
  test says the opposite, hiptimer offers to make it the limited side.  The person decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from hiptimer.core.history.measurements import MEASURED_TESTS, TEST_BY_EXERCISE, NormalRanges
from hiptimer.core.history.rows import MeasurementRow
from hiptimer.core.routines.model import Range, Side

#: Degrees under which two measurements (or the two sides) are not told apart.
NOISE_DEGREES = 5
NOISE_SOURCE = (
    "Changes under 5° can be measurement noise: repeat measurements of the same hip differ by "
    "a few degrees (a minimal detectable change of 5.4° for seated hip rotation, Krause and "
    "colleagues, Knee Surgery, Sports Traumatology, Arthroscopy)."
)
NORMAL_SOURCE = "Normal values are the program's own: 45° lying face down, 30–45° seated."

#: Degrees per (test key, side): one assessment's results.
Results = Mapping[tuple[str, Side], int]


class Band(str, Enum):
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


def band_of(degrees: int, normal: Range) -> Band:
    if degrees < normal.low:
        return Band.BELOW
    if degrees > normal.high:
        return Band.ABOVE
    return Band.WITHIN


@dataclass(frozen=True)
class SideResult:
    side: Side
    degrees: int
    band: Band | None  # None when the library has no normal for the test
    change: int | None  # degrees since the last assessment; None without one

    @property
    def changed(self) -> bool:
        """True when the change is larger than the measurement's noise."""
        return self.change is not None and abs(self.change) >= NOISE_DEGREES

    def words(self, normal: Range | None) -> str:
        """``Left 30°: below the normal 45° · up 6° since last time``."""
        text = f"{self.side.value.capitalize()} {self.degrees}°"
        if self.band is not None and normal is not None:
            text += f": {self.band.value} the normal {normal}°"
        if self.change is not None:
            if not self.changed:
                text += " · about the same as last time"
            else:
                text += (
                    f" · {'up' if self.change > 0 else 'down'} {abs(self.change)}° since last time"
                )
        return text


@dataclass(frozen=True)
class TestResult:
    key: str
    title: str
    normal: Range | None
    sides: tuple[SideResult, ...]  # left first, the sides measured

    def side(self, side: Side) -> SideResult | None:
        return next((result for result in self.sides if result.side is side), None)

    @property
    def gap(self) -> int | None:
        """Right minus left, when both sides were measured."""
        left, right = self.side(Side.LEFT), self.side(Side.RIGHT)
        if left is None or right is None:
            return None
        return right.degrees - left.degrees

    @property
    def lower_side(self) -> Side | None:
        """The side clearly lower than the other (by the noise or more), if one is."""
        gap = self.gap
        if gap is None or abs(gap) < NOISE_DEGREES:
            return None
        return Side.LEFT if gap > 0 else Side.RIGHT

    def gap_words(self) -> str:
        gap = self.gap
        if gap is None:
            return ""
        lower = self.lower_side
        if lower is None:
            return f"Left and right are about the same ({abs(gap)}° apart)."
        return f"{lower.value.capitalize()} is {abs(gap)}° lower than {lower.other.value}."


@dataclass(frozen=True)
class Verdict:
    tests: tuple[TestResult, ...]

    @property
    def suggested_limited_side(self) -> Side | None:
        """The side to offer as the limited one: lower in a test, and higher in none."""
        lower = {test.lower_side for test in self.tests} - {None}
        return lower.pop() if len(lower) == 1 else None

    @property
    def sides_disagree(self) -> bool:
        return len({test.lower_side for test in self.tests} - {None}) > 1

    def lines(self) -> list[str]:
        """The verdict in sentences, test by test, then the sources."""
        lines: list[str] = []
        for test in self.tests:
            lines.append(f"{test.title}:")
            lines += [f"  {side.words(test.normal)}" for side in test.sides]
            if test.gap is not None:
                lines.append(f"  {test.gap_words()}")
        if self.sides_disagree:
            lines.append("The two tests point to different sides: ask a professional to check.")
        return lines


def assess(current: Results, previous: Results | None, normals: NormalRanges) -> Verdict:
    """The verdict of the results ``current`` (against ``previous``, the last assessment)."""
    tests: list[TestResult] = []
    for test in MEASURED_TESTS:
        normal = normals.get(test.key)
        sides: list[SideResult] = []
        for side in (Side.LEFT, Side.RIGHT):
            degrees = current.get((test.key, side))
            if degrees is None:
                continue
            before = previous.get((test.key, side)) if previous else None
            sides.append(
                SideResult(
                    side=side,
                    degrees=degrees,
                    band=None if normal is None else band_of(degrees, normal),
                    change=None if before is None else degrees - before,
                )
            )
        if sides:
            tests.append(TestResult(test.key, test.title, normal, tuple(sides)))
    return Verdict(tuple(tests))


def results_of(
    measured: Sequence[tuple[str, Side | None, int | None]],
) -> dict[tuple[str, Side], int]:
    """One assessment's results from (exercise id, side, degrees) of its steps; steps that are
    not a measured test, have no side or no degrees are left out (the last one of a test and
    side counts)."""
    results: dict[tuple[str, Side], int] = {}
    for exercise_id, side, degrees in measured:
        test = TEST_BY_EXERCISE.get(exercise_id)
        if test is not None and side is not None and degrees is not None:
            results[(test, side)] = degrees
    return results


def latest_before(
    measurements: Sequence[MeasurementRow], before: datetime, *, not_session: int | None = None
) -> dict[tuple[str, Side], int]:
    """The newest measurement of each (test, side) taken before ``before`` (and not in the
    session ``not_session``): what an assessment is compared with."""
    latest: dict[tuple[str, Side], MeasurementRow] = {}
    for row in measurements:
        if row.taken_at >= before or (not_session is not None and row.session_id == not_session):
            continue
        key = (row.test, row.side)
        if key not in latest or row.taken_at > latest[key].taken_at:
            latest[key] = row
    return {key: row.degrees for key, row in latest.items()}


def latest_verdict(measurements: Sequence[MeasurementRow], normals: NormalRanges) -> Verdict:
    """What the record says now: each (test, side)'s newest measurement, against the one
    before it (the last assessment, or an earlier logged measurement)."""
    by_key: dict[tuple[str, Side], list[MeasurementRow]] = {}
    for row in sorted(measurements, key=lambda r: r.taken_at):
        by_key.setdefault((row.test, row.side), []).append(row)
    current = {key: rows[-1].degrees for key, rows in by_key.items()}
    previous = {key: rows[-2].degrees for key, rows in by_key.items() if len(rows) > 1}
    return assess(current, previous, normals)
