"""The limited side's dose: an item's own values, the routine's percent, and the builder's edits."""

from __future__ import annotations

import pytest

from hiptimer.core.routines.limits import REPS_COUNT_LIMITS, SECONDS_LIMITS
from hiptimer.core.routines.model import Exercise, Item, Kind, Range, Sidedness, Sides
from hiptimer.core.routines.side_dose import (
    has_limited_side,
    limited_dose,
    limited_values,
    no_limited_side,
    scaled,
    side_dose_fields,
    with_own_side_dose,
    with_side_value,
)

ONE = Exercise("one", "One", "Stretches", "on-back")
TOGETHER = Exercise("both", "Both", "Moves", "chair-edge", sidedness=Sidedness.TOGETHER)
ALTERNATING = Exercise("alt", "Alt", "Moves", "on-back", sidedness=Sidedness.ALTERNATING)
EITHER = Exercise("either", "Either", "Moves", "on-back", sidedness=Sidedness.EITHER)
HOLD = Item("one", Kind.HOLD, seconds=Range(60, 60))
REPS = Item("one", Kind.REPS, count=20, hold=Range(3, 5), sets=2)


@pytest.mark.parametrize(
    ("value", "percent", "expected"),
    [
        (60, 50, 90),
        (20, 50, 30),
        (5, 50, 8),  # 7.5 rounds half up
        (3, 10, 3),  # 3.3
        (1, 200, 3),
        (Range(60, 120), 50, Range(90, 180)),
        (Range(1000, 1500), 100, Range(1800, 1800)),  # kept within the limits
        (60, 0, 60),
    ],
)
def test_scaled_rounds_half_up_within_the_limits(value, percent, expected) -> None:
    assert scaled(value, percent, SECONDS_LIMITS) == expected


def test_the_percent_scales_only_the_kinds_amount() -> None:
    assert limited_values(REPS, 50) == {"count": 30}
    assert limited_values(HOLD, 50) == {"seconds": Range(90, 90)}
    assert limited_values(Item("one", Kind.ONCE), 50) == {}
    assert limited_values(REPS, 0) == {}
    assert scaled(400, 50, REPS_COUNT_LIMITS) == 500


def test_an_items_own_dose_replaces_the_percent() -> None:
    own = Item("one", Kind.REPS, count=20, sets=2, limited=(("sets", 3),))
    assert limited_values(own, 50) == {"sets": 3}
    played = limited_dose(own, 50)
    assert (played.count, played.sets) == (20, 3)
    same = Item("one", Kind.REPS, count=20, limited=())
    assert limited_dose(same, 50) is same


@pytest.mark.parametrize(
    ("item", "exercise", "why"),
    [
        (HOLD, ONE, ""),
        (Item("either", Kind.REPS, count=5), EITHER, ""),
        (Item("one", Kind.REPS, count=5, sides=Sides.ALTERNATE), ONE, "alternates"),
        (Item("either", Kind.REPS, count=5, sides=Sides.ALTERNATE), EITHER, "alternates"),
        (Item("alt", Kind.REPS, count=5), ALTERNATING, "alternates"),
        (Item("both", Kind.HOLD, seconds=Range(5, 5)), TOGETHER, "both legs together"),
        (Item("one", Kind.ONCE), ONE, "no dose"),
        (Item("one", Kind.TEST), ONE, "no dose"),
    ],
)
def test_which_items_have_a_limited_side(item: Item, exercise: Exercise, why: str) -> None:
    reason = no_limited_side(item, exercise)
    assert (why in reason) if why else reason == ""
    assert has_limited_side(item, exercise) is (not why)


def test_the_builder_sets_and_clears_one_value_in_documented_order() -> None:
    item = with_side_value(REPS, "sets", 3)
    item = with_side_value(item, "count", 25)
    assert item.limited == (("count", 25), ("sets", 3))
    item = with_side_value(item, "count", None)
    assert item.limited == (("sets", 3),)
    assert with_side_value(item, "sets", None).limited == ()
    with pytest.raises(ValueError, match="seconds"):
        with_side_value(REPS, "seconds", Range(5, 5))


def test_turning_an_own_dose_on_starts_from_what_the_side_plays_now() -> None:
    assert with_own_side_dose(REPS, True, 50).limited == (("count", 30),)
    assert with_own_side_dose(REPS, True, 0).limited == ()
    own = with_side_value(REPS, "sets", 3)
    assert with_own_side_dose(own, True, 50) == own  # already its own: kept
    assert with_own_side_dose(own, False, 50).limited is None


def test_the_builder_offers_the_amount_and_the_sets_for_the_limited_side() -> None:
    keys = {kind: tuple(f.key for f in side_dose_fields(kind)) for kind in Kind}
    assert keys == {
        Kind.HOLD: ("seconds", "sets"),
        Kind.RELEASE: ("seconds",),
        Kind.REPS: ("count", "sets"),
        Kind.CYCLES: ("count", "sets"),
        Kind.ONCE: (),
        Kind.TEST: (),
    }
