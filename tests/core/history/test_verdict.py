"""The assessment verdict: bands against the normal, the gap, real change beyond the noise."""

from __future__ import annotations

import pytest

from hiptimer.core.history.measurements import normal_ranges
from hiptimer.core.history.verdict import (
    NOISE_DEGREES,
    Band,
    assess,
    band_of,
    latest_before,
    latest_verdict,
    results_of,
)
from hiptimer.core.routines.model import Range, Side
from tests.fakes import builtin_catalog

L, R = Side.LEFT, Side.RIGHT


@pytest.fixture(scope="module")
def normals():
    return normal_ranges(builtin_catalog().library)


def test_the_normals_are_the_librarys() -> None:
    assert normal_ranges(builtin_catalog().library) == {
        "prone": Range(45, 45),
        "seated": Range(30, 45),
    }


@pytest.mark.parametrize(
    ("degrees", "normal", "band"),
    [
        (29, Range(30, 45), Band.BELOW),
        (30, Range(30, 45), Band.WITHIN),
        (45, Range(30, 45), Band.WITHIN),
        (46, Range(30, 45), Band.ABOVE),
        (44, Range(45, 45), Band.BELOW),
        (45, Range(45, 45), Band.WITHIN),
    ],
)
def test_bands(degrees: int, normal: Range, band: Band) -> None:
    assert band_of(degrees, normal) is band


def test_the_new_users_assessment_finds_the_right_hip_limited(normals) -> None:
    """The issue's example: left 42°/40°, right 30°/25°."""
    verdict = assess(
        {("prone", L): 42, ("prone", R): 30, ("seated", L): 40, ("seated", R): 25}, None, normals
    )
    prone, seated = verdict.tests
    assert (prone.gap, prone.lower_side) == (-12, R)
    assert (seated.gap, seated.lower_side) == (-15, R)
    assert verdict.suggested_limited_side is R
    assert verdict.lines() == [
        "Hip in neutral — lying face down:",
        "  Left 42°: below the normal 45°",
        "  Right 30°: below the normal 45°",
        "  Right is 12° lower than left.",
        "Hip in flexion — seated:",
        "  Left 40°: within the normal 30–45°",
        "  Right 25°: below the normal 30–45°",
        "  Right is 15° lower than left.",
    ]


def test_a_gap_under_the_noise_offers_no_limited_side(normals) -> None:
    verdict = assess({("prone", L): 40, ("prone", R): 40 + NOISE_DEGREES - 1}, None, normals)
    assert verdict.tests[0].lower_side is None
    assert verdict.suggested_limited_side is None
    assert verdict.tests[0].gap_words() == "Left and right are about the same (4° apart)."


def test_tests_that_point_to_different_sides_offer_nothing_and_say_so(normals) -> None:
    verdict = assess(
        {("prone", L): 30, ("prone", R): 40, ("seated", L): 40, ("seated", R): 30}, None, normals
    )
    assert verdict.suggested_limited_side is None and verdict.sides_disagree
    assert verdict.lines()[-1].startswith("The two tests point to different sides")


def test_change_is_told_only_beyond_the_noise(normals) -> None:
    before = {("prone", R): 30, ("seated", R): 25}
    now = {("prone", R): 34, ("seated", R): 31}
    prone, seated = assess(now, before, normals).tests
    assert (prone.sides[0].change, prone.sides[0].changed) == (4, False)
    assert prone.sides[0].words(prone.normal).endswith("about the same as last time")
    assert (seated.sides[0].change, seated.sides[0].changed) == (6, True)
    assert seated.sides[0].words(seated.normal).endswith("up 6° since last time")
    assert prone.gap is None  # one side only: no gap


def test_without_a_normal_in_the_library_there_is_no_band() -> None:
    verdict = assess({("prone", L): 40}, None, {})
    assert verdict.tests[0].sides[0].band is None
    assert verdict.lines() == ["Hip in neutral — lying face down:", "  Left 40°"]


def test_results_come_from_a_sessions_measured_test_steps() -> None:
    steps = [
        ("prone-ir-test", L, 40),
        ("prone-ir-test", R, 31),
        ("figure-four-supine", L, None),  # not a test
        ("seated-ir-test", None, 30),  # no side
        ("seated-ir-test", R, None),  # skipped: no degrees
    ]
    assert results_of(steps) == {("prone", L): 40, ("prone", R): 31}


def test_the_previous_results_are_the_newest_before_this_session(store) -> None:
    from datetime import datetime, timedelta, timezone

    t0 = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
    store.add_measurement("prone", "left", 30, t0)
    store.add_measurement("prone", "left", 33, t0 + timedelta(days=7))
    store.add_measurement("prone", "left", 50, t0 + timedelta(days=30))  # after: ignored
    store.add_measurement("seated", "right", 20, t0 + timedelta(days=1))
    before = latest_before(store.measurements(), t0 + timedelta(days=14))
    assert before == {("prone", L): 33, ("seated", R): 20}


def test_the_latest_verdict_compares_each_sides_newest_with_the_one_before(store, normals) -> None:
    from datetime import datetime, timedelta, timezone

    t0 = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
    for days, left, right in ((0, 40, 28), (21, 41, 35)):
        store.add_measurement("prone", "left", left, t0 + timedelta(days=days))
        store.add_measurement("prone", "right", right, t0 + timedelta(days=days))
    verdict = latest_verdict(store.measurements(), normals)
    (prone,) = verdict.tests
    assert [(s.degrees, s.change, s.changed) for s in prone.sides] == [
        (41, 1, False),
        (35, 7, True),
    ]
    assert prone.lower_side is Side.RIGHT


def test_the_newest_two_per_side_give_the_verdict_all_measurements_give(store, normals) -> None:
    """The History tab reads only the two newest of each (test, side), through the index."""
    import random
    from datetime import datetime, timedelta, timezone

    rng = random.Random(5)
    t0 = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)
    for _ in range(300):
        test, side = rng.choice(["prone", "seated"]), rng.choice(["left", "right"])
        taken = t0 + timedelta(hours=rng.randrange(0, 24 * 400))  # out of order, some ties
        store.add_measurement(test, side, rng.randrange(10, 70), taken)
    everything = store.measurements()
    recent = store.recent_measurements(2)
    assert len(recent) == 8
    assert latest_verdict(recent, normals) == latest_verdict(everything, normals)
    for key in {(row.test, row.side) for row in everything}:
        mine = [r for r in everything if (r.test, r.side) == key]
        assert [r for r in recent if (r.test, r.side) == key] == mine[-2:]
    assert max(r.taken_at for r in recent) == max(r.taken_at for r in everything)
