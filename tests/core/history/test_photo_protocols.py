"""The protocols for measuring alone: one per test, and which lean is outward."""

from __future__ import annotations

import pytest

from hiptimer.core.history.measurements import TESTS
from hiptimer.core.history.photo_protocols import (
    HOLD_STILL_WORDS,
    PROTOCOLS,
    lean_problem,
    protocol_for,
    self_timer_words,
)
from hiptimer.core.paths import resources_dir
from hiptimer.core.routines.model import Side


def test_every_measured_test_has_a_protocol_with_its_pictogram() -> None:
    assert set(PROTOCOLS) == set(TESTS) == set(HOLD_STILL_WORDS)
    for test in TESTS:
        protocol = protocol_for(test)
        assert protocol.test == test
        assert (resources_dir() / "pictograms" / f"{protocol.pictogram}.svg").is_file()
        assert protocol.camera and protocol.level and protocol.in_view and protocol.steps


def test_the_two_camera_places_see_left_and_right_the_other_way_round() -> None:
    # from the feet the camera sees the person's left on the picture's left; from in front,
    # on its right; feet go outward in both tests
    assert protocol_for("prone").outward == {Side.LEFT: -1, Side.RIGHT: 1}
    assert protocol_for("seated").outward == {Side.LEFT: 1, Side.RIGHT: -1}


@pytest.mark.parametrize("test", TESTS)
@pytest.mark.parametrize("side", list(Side))
def test_only_an_inward_lean_is_queried(test: str, side: Side) -> None:
    outward = protocol_for(test).outward[side]
    assert lean_problem(test, side, outward) is None
    assert lean_problem(test, side, 0) is None
    problem = lean_problem(test, side, -outward)
    assert problem is not None and f"inward for your {side.value} leg" in problem
    assert "mirrored" in problem


def test_the_seated_test_says_how_to_turn_the_feet_out_alone() -> None:
    seated = protocol_for("seated")
    assert any("band" in step for step in seated.steps)
    assert "helper" in seated.alone and "own muscles" in seated.alone


def test_the_self_timer_says_when_then_asks_for_stillness_and_counts() -> None:
    said = [self_timer_words("prone", left, 10) for left in range(10, -1, -1)]
    assert [words for words in said if words] == ["Photo in 10 seconds", "Lie still", "3", "2", "1"]
    assert self_timer_words("seated", 4, 5) == "Sit still"
    assert [w for w in (self_timer_words("prone", n, 3) for n in (3, 2, 1)) if w] == [
        "Photo in 3 seconds",
        "2",
        "1",
    ]
