"""Measured tests, degree checks, normals from the exercise library, entries typed in by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history.measurements import (
    MEASURED_TESTS,
    TEST_BY_EXERCISE,
    TEST_TITLES,
    TESTS,
    check_degrees,
    entry_problem,
    normal_ranges,
    normal_text,
    stored_test,
    taken_at,
)
from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import Kind, Library, Range
from tests.fakes import builtin_catalog

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_every_measured_test_is_a_test_exercise_of_the_library_with_a_normal() -> None:
    library = builtin_catalog().library
    for test in MEASURED_TESTS:
        exercise = library[test.exercise_id]
        assert exercise.normal is not None, test
        assert exercise.normal.low in DEGREE_LIMITS and exercise.normal.high in DEGREE_LIMITS
    routines = builtin_catalog().routines
    test_items = {
        item.exercise for routine in routines for item in routine.items if item.kind is Kind.TEST
    }
    assert test_items == set(TEST_BY_EXERCISE)  # every test a routine runs is stored


def test_the_stored_keys_never_change() -> None:
    assert TESTS == ("prone", "seated")
    assert TEST_BY_EXERCISE == {"prone-ir-test": "prone", "seated-ir-test": "seated"}
    assert set(TEST_TITLES) == set(TESTS)


def test_a_test_is_named_by_its_key_or_its_exercise() -> None:
    assert stored_test("prone") == "prone"
    assert stored_test("seated-ir-test") == "seated"
    with pytest.raises(ValueError, match=r"unknown range-of-motion test 'supine' \(known: prone"):
        stored_test("supine")


@pytest.mark.parametrize("degrees", [0, 1, 45, 89, 90])
def test_degrees_within_the_limits_pass(degrees: int) -> None:
    check_degrees(degrees)


@pytest.mark.parametrize("degrees", [-1, 91, 45.5, True, "45", None])
def test_other_degrees_are_refused(degrees: object) -> None:
    with pytest.raises(ValueError, match="whole number of degrees from 0 to 90"):
        check_degrees(degrees)


def test_the_normal_ranges_are_read_from_the_library() -> None:
    assert normal_ranges(builtin_catalog().library) == {
        "prone": Range(45, 45),
        "seated": Range(30, 45),
    }


def test_a_library_without_a_test_or_its_normal_gives_no_range_for_it() -> None:
    library = builtin_catalog().library
    prone = library["prone-ir-test"]
    changed = Library(
        {"prone-ir-test": replace(prone, normal=None), "other": replace(prone, id="other")}
    )
    assert normal_ranges(changed) == {}
    own = Library({"seated-ir-test": replace(prone, id="seated-ir-test", normal=Range(35, 50))})
    assert normal_ranges(own) == {"seated": Range(35, 50)}


def test_normal_text() -> None:
    assert normal_text(Range(45, 45)) == "Normal 45°"
    assert normal_text(Range(30, 45)) == "Normal 30–45°"


TODAY = date(2026, 5, 28)


@pytest.mark.parametrize(
    ("degrees", "day", "problem"),
    [
        (None, TODAY, "Enter the degrees you measured (0–90)."),
        (91, TODAY, "Degrees go from 0 to 90."),
        (30, TODAY + timedelta(days=1), "The date cannot be in the future."),
        (0, TODAY, None),
        (90, TODAY - timedelta(days=400), None),
    ],
)
def test_entry_problems(degrees: int | None, day: date, problem: str | None) -> None:
    assert entry_problem(degrees, day, TODAY) == problem


def test_a_measurement_for_today_is_taken_now() -> None:
    now = datetime(2026, 5, 28, 7, 45, 12, tzinfo=BERLIN)
    assert taken_at(date(2026, 5, 28), now) == now


@pytest.mark.parametrize(
    ("zone", "day", "offset"),
    [
        (BERLIN, date(2026, 3, 29), timedelta(hours=2)),  # the day of the spring change
        (BERLIN, date(2026, 3, 28), timedelta(hours=1)),  # the day before it
        (NEW_YORK, date(2026, 11, 1), timedelta(hours=-5)),  # the autumn change
        (NEW_YORK, date(2026, 10, 31), timedelta(hours=-4)),
    ],
)
def test_a_past_day_is_stored_at_midday_with_that_days_offset(zone, day, offset) -> None:
    now = datetime(2026, 12, 15, 9, 0, tzinfo=zone)  # winter or not, now does not decide
    moment = taken_at(day, now)
    assert (moment.date(), moment.time(), moment.utcoffset()) == (day, time(12), offset)


def test_taken_at_needs_an_aware_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        taken_at(TODAY, datetime(2026, 5, 28, 9, 0))
