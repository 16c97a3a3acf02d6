"""Proposed knee and ankle points from a pose model's answer (the optional ``camera`` extra).

The model (MediaPipe Pose, the "full" model its 0.10.21 wheel ships) runs in a separate
process and prints one JSON object: ``{"landmarks": [[x, y, visibility], ...]}`` with its 33
body landmarks as fractions of the photo's width and height, or ``{"landmarks": null}`` when it
found no one.  This module turns that into pixel points for one leg, or says why not.  The
points are only a proposal: the person confirms or drags them.

Only the seated test is offered: tried on the face-down test seen from the feet, the model
found no person, or put the ankles on the thighs (the pose detector looks for a face, which
is on the floor at the far end of that photo).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from hiptimer.core.history.photo_angle import Point
from hiptimer.core.routines.model import Side

AUTO_TESTS = frozenset({"seated"})  # the tests a proposal is offered for (see above)
LANDMARK_COUNT = 33
# MediaPipe's landmark numbers for the person's own left and right leg.
KNEE_ANKLE = {Side.LEFT: (25, 27), Side.RIGHT: (26, 28)}
MIN_VISIBILITY = 0.5  # below this the model itself doubts the point is in view


class AutoPointsError(ValueError):
    """The answer gives no usable knee and ankle; the message says why, for the person."""


@dataclass(frozen=True)
class Proposal:
    knee: Point
    ankle: Point


def proposal_from(answer: str, side: Side, width: int, height: int) -> Proposal:
    """The ``side`` leg's knee and ankle in pixels of a ``width`` x ``height`` photo."""
    try:
        landmarks = json.loads(answer)["landmarks"]
    except (ValueError, TypeError, KeyError) as error:
        raise AutoPointsError(f"The pose model gave no readable answer ({error}).") from None
    if landmarks is None:
        raise AutoPointsError("No person was found on this photo: place the points yourself.")
    if not isinstance(landmarks, list) or len(landmarks) != LANDMARK_COUNT:
        raise AutoPointsError(f"The pose model's answer does not hold {LANDMARK_COUNT} points.")
    knee_index, ankle_index = KNEE_ANKLE[side]
    points = []
    for name, index in (("knee", knee_index), ("ankle", ankle_index)):
        entry = landmarks[index]
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and all(isinstance(v, (int, float)) and math.isfinite(v) for v in entry)
        ):
            raise AutoPointsError(f"The pose model's {name} point is not three numbers.")
        x, y, visibility = entry
        if visibility < MIN_VISIBILITY or not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
            raise AutoPointsError(
                f"The {side.value} {name} is not clearly in view for the pose model: "
                "place the points yourself."
            )
        points.append((x * width, y * height))
    return Proposal(points[0], points[1])
