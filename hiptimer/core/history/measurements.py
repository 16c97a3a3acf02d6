"""Range-of-motion measurements: which tests there are, what a valid entry is, and the normals.

The two tests are exercises of the library (``routines/exercises.yaml``: ``prone-ir-test`` and
``seated-ir-test``), which also says what is normal for each (``normal:``).  The history file
stores a short key per test instead of the exercise id; :data:`MEASURED_TESTS` is the one table
linking the two, and everything else here is derived from it or from the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import Library, Range


@dataclass(frozen=True)
class MeasuredTest:
    key: str  # what the measurements table stores ("prone", "seated"); never changes
    exercise_id: str  # the library's test exercise, which holds the normal range
    title: str  # what the progress chart and the log-measurement dialog call it


MEASURED_TESTS: tuple[MeasuredTest, ...] = (
    MeasuredTest("prone", "prone-ir-test", "Hip in neutral — lying face down"),
    MeasuredTest("seated", "seated-ir-test", "Hip in flexion — seated"),
)

#: The stored test keys, in the order they are shown.
TESTS: tuple[str, ...] = tuple(test.key for test in MEASURED_TESTS)
#: Measurement test by the exercise that takes it.
TEST_BY_EXERCISE: dict[str, str] = {test.exercise_id: test.key for test in MEASURED_TESTS}
TEST_TITLES: dict[str, str] = {test.key: test.title for test in MEASURED_TESTS}

#: A measured test's normal range, by test key.
NormalRanges = dict[str, Range]

#: When a measurement is logged for an earlier day, the time it is stored with: midday is never
#: inside a clock change, and is still that day seen from a zone a few hours away.
PAST_DAY_TIME = time(12, 0)


def stored_test(name: str) -> str:
    """The stored key of a test named by its key or by its exercise id; ValueError if neither."""
    key = TEST_BY_EXERCISE.get(name, name)
    if key not in TESTS:
        known = ", ".join([*TESTS, *TEST_BY_EXERCISE])
        raise ValueError(f"unknown range-of-motion test {name!r} (known: {known})")
    return key


def check_degrees(degrees: object) -> None:
    """ValueError unless ``degrees`` is a whole number within :data:`DEGREE_LIMITS`."""
    if degrees not in DEGREE_LIMITS:
        raise ValueError(
            f"a range-of-motion measurement must be a whole number of degrees from "
            f"{DEGREE_LIMITS.low} to {DEGREE_LIMITS.high}, got {degrees!r}"
        )


def normal_ranges(library: Library) -> NormalRanges:
    """The normal range of each test whose exercise the library has, with a ``normal``."""
    ranges: NormalRanges = {}
    for test in MEASURED_TESTS:
        exercise = library.exercises.get(test.exercise_id)
        if exercise is not None and exercise.normal is not None:
            ranges[test.key] = exercise.normal
    return ranges


def normal_text(normal: Range) -> str:
    """``Normal 30–45°``: what is normal for a test, in words."""
    return f"Normal {normal}°"


def entry_problem(degrees: int | None, day: date, today: date) -> str | None:
    """Why a measurement typed in by hand cannot be stored yet, or None.

    ``degrees`` is None until something was entered; ``day`` is when it was taken.
    """
    if degrees is None:
        return f"Enter the degrees you measured ({DEGREE_LIMITS.low}–{DEGREE_LIMITS.high})."
    if degrees not in DEGREE_LIMITS:
        return f"Degrees go from {DEGREE_LIMITS.low} to {DEGREE_LIMITS.high}."
    if day > today:
        return "The date cannot be in the future."
    return None


def taken_at(day: date, now: datetime) -> datetime:
    """When a measurement logged for ``day`` was taken: ``now`` if ``day`` is today in the
    zone of the aware ``now``, otherwise midday of ``day`` in that zone."""
    if now.tzinfo is None:
        raise ValueError("taken_at needs a timezone-aware now")
    if day == now.date():
        return now
    return datetime.combine(day, PAST_DAY_TIME, tzinfo=now.tzinfo)
