"""Reading the pose model's answer into a proposed knee and ankle (core/history/photo_auto)."""

from __future__ import annotations

import json

import pytest

from hiptimer.core.history.photo_auto import (
    KNEE_ANKLE,
    LANDMARK_COUNT,
    AutoPointsError,
    proposal_from,
)
from hiptimer.core.routines.model import Side


def answer(points: dict[int, list[float]], visibility: float = 0.9) -> str:
    marks = [[0.5, 0.5, visibility] for _ in range(LANDMARK_COUNT)]
    for index, point in points.items():
        marks[index] = point
    return json.dumps({"landmarks": marks})


def test_each_side_takes_its_own_leg_in_pixels() -> None:
    text = answer({25: [0.25, 0.5, 0.9], 27: [0.2, 0.9, 0.8], 26: [0.75, 0.5, 1], 28: [0.8, 1, 1]})
    left = proposal_from(text, Side.LEFT, 800, 600)
    assert (left.knee, left.ankle) == ((200.0, 300.0), (160.0, 540.0))
    right = proposal_from(text, Side.RIGHT, 800, 600)
    assert (right.knee, right.ankle) == ((600.0, 300.0), (640.0, 600.0))
    assert set(KNEE_ANKLE) == set(Side)


def test_no_person_found_says_so() -> None:
    with pytest.raises(AutoPointsError, match="No person was found"):
        proposal_from('{"landmarks": null}', Side.LEFT, 800, 600)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "no readable answer"),
        ("[]", "no readable answer"),
        ('{"other": 1}', "no readable answer"),
        ('{"landmarks": [[0.5, 0.5, 1]]}', "33 points"),
        (answer({25: [0.5, "x", 1]}), "knee point is not three numbers"),
        (answer({27: [0.5, 0.5]}), "ankle point is not three numbers"),
        (answer({25: [float("nan"), 0.5, 1]}), "not three numbers"),
    ],
)
def test_a_broken_answer_is_explained(text: str, words: str) -> None:
    with pytest.raises(AutoPointsError, match=words):
        proposal_from(text, Side.LEFT, 800, 600)


def test_a_point_the_model_doubts_or_puts_off_the_photo_is_refused() -> None:
    with pytest.raises(AutoPointsError, match="left ankle is not clearly in view"):
        proposal_from(answer({27: [0.5, 0.9, 0.2]}), Side.LEFT, 800, 600)
    with pytest.raises(AutoPointsError, match="right knee is not clearly in view"):
        proposal_from(answer({26: [1.3, 0.5, 0.99]}), Side.RIGHT, 800, 600)
