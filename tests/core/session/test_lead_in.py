"""The get-ready's length and what it says to fetch: one pure function decides."""

from __future__ import annotations

from hiptimer.core.routines.model import Exercise
from hiptimer.core.session.lead_in import Change, LeadIn, change_between, lead_in_seconds

FLOOR = Exercise("floor", "Floor", "S", "on-back")
FLOOR_BAND = Exercise("floor-band", "Floor band", "S", "on-back", ("band",))
WALL = Exercise("wall", "Wall", "S", "feet-on-wall", ("wall",))
CHAIR = Exercise("chair", "Chair", "S", "tall-chair", ("tall-chair", "ball"))
TIMING = LeadIn(seconds=10, change_seconds=25)


def test_the_first_exercise_needs_everything_and_gets_the_long_get_ready() -> None:
    assert change_between(CHAIR, None) == Change(True, ("tall-chair", "ball"))
    assert lead_in_seconds(FLOOR, None, TIMING) == 25


def test_staying_put_with_nothing_new_is_the_short_get_ready() -> None:
    assert change_between(FLOOR, FLOOR_BAND) == Change(False, ())  # a band you no longer use
    assert lead_in_seconds(FLOOR, FLOOR_BAND, TIMING) == 10


def test_new_gear_or_a_new_position_is_the_long_one() -> None:
    assert change_between(FLOOR_BAND, FLOOR) == Change(False, ("band",))
    assert change_between(WALL, FLOOR) == Change(True, ("wall",))
    assert lead_in_seconds(FLOOR_BAND, FLOOR, TIMING) == 25
    assert lead_in_seconds(WALL, FLOOR, TIMING) == 25


def test_the_long_get_ready_is_never_shorter_than_the_short_one() -> None:
    assert lead_in_seconds(WALL, FLOOR, LeadIn(seconds=15, change_seconds=5)) == 15
    assert lead_in_seconds(WALL, FLOOR, LeadIn(seconds=0, change_seconds=0)) == 0
