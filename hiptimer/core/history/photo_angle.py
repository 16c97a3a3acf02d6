"""The angle of a shin in a photo: the maths behind "measure from a photo", without Qt.

Conventions (one place for them; the dialog, the tests and the help text follow these):

* Points are in the photo's pixels: x to the right, y downwards, as Qt and every image
  format count them.  Only the photo's own pixels count, never the zoom on screen.
* A line's *tilt* is its angle from the vertical, in degrees, in (-90, 90]: 0 is vertical,
  positive when its top end leans to the picture's right (clockwise), negative to the left.
  A line has no direction, so knee-to-ankle and ankle-to-knee tilt the same.
* The *reference* (optional) is two points on something truly vertical (a door frame, a table
  leg) or truly horizontal (the floor line, a skirting board).  Which one is decided by the
  line itself: within 45° of the picture's vertical it counts as vertical, otherwise as
  horizontal.  Its tilt from what it should be is the camera's roll, and the shin is levelled
  by turning it back by that much.  Without a reference the picture's own edges are taken as
  level.
* The *shin angle* is the levelled shin's unsigned angle from the vertical, 0 to 90°, which
  is what both tests measure.  Its *lean* says where the ankle lies from the knee in the
  levelled picture: ``+1`` to the picture's right, ``-1`` to its left, ``0`` straight below
  or above.  :mod:`hiptimer.core.history.photo_protocols` says which lean is "outward" for a
  side, test and camera place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

Point = tuple[float, float]

#: Below this many photo pixels between two points the angle cannot be trusted at all.
MIN_POINT_GAP = 20.0
#: Below this the shin's angle may be off by more than a degree (one pixel of error at each
#: end of a 60-pixel segment turns it by about 1°); the person is told to zoom in.
STEADY_POINT_GAP = 120.0
#: A reference line farther than this from both vertical and horizontal is more likely a
#: mistake than a tilted camera.
MOST_ROLL = 20.0


class ReferenceKind(str, Enum):
    VERTICAL = "vertical"
    HORIZONTAL = "horizontal"


class PhotoAngleError(ValueError):
    """The points cannot give an angle (too close together); the message says what to do."""


@dataclass(frozen=True)
class Reference:
    """A levelling line: which way it counts and the camera roll it shows, in degrees
    (positive: the picture is turned clockwise, its true verticals lean to the right)."""

    kind: ReferenceKind
    roll: float


@dataclass(frozen=True)
class ShinReading:
    """What the photo says about one shin."""

    degrees: float  # levelled angle from the vertical, 0 to 90
    lean: int  # +1 ankle to the picture's right of the knee, -1 to its left, 0 neither
    raw_tilt: float  # the shin's tilt before levelling
    reference: Reference | None
    warnings: tuple[str, ...]

    @property
    def signed(self) -> float:
        """``degrees`` with the lean's sign: positive when the ankle is to the right."""
        return self.degrees * self.lean

    @property
    def stored(self) -> int:
        """The whole degrees the history keeps (half a degree rounds up)."""
        return stored_degrees(self.degrees)


def stored_degrees(degrees: float) -> int:
    """Round to whole degrees, halves up (``round`` would take 44.5 to 44)."""
    return math.floor(degrees + 0.5)


def distance(a: Point, b: Point) -> float:
    return math.hypot(b[0] - a[0], b[1] - a[1])


def tilt(a: Point, b: Point) -> float:
    """The tilt of the line through ``a`` and ``b`` (see the module's conventions)."""
    dx, up = b[0] - a[0], a[1] - b[1]  # y grows downwards in a picture
    if up < 0 or (up == 0 and dx < 0):  # the same line, pointing upwards
        dx, up = -dx, -up
    angle = math.degrees(math.atan2(dx, up))  # in (-90, 90]
    return 90.0 if angle == -90.0 else angle


def reference_of(a: Point, b: Point) -> Reference:
    """The camera roll shown by a reference line; PhotoAngleError if its points are too close."""
    _require_gap(a, b, "reference")
    line_tilt = tilt(a, b)
    if abs(line_tilt) <= 45:
        return Reference(ReferenceKind.VERTICAL, line_tilt)
    # A horizontal line tilts by ±90 when level; what is left over is the roll.
    roll = line_tilt - 90 if line_tilt > 0 else line_tilt + 90
    return Reference(ReferenceKind.HORIZONTAL, roll)


def shin_angle(
    knee: Point, ankle: Point, reference: tuple[Point, Point] | None = None
) -> ShinReading:
    """The shin's angle from the vertical, levelled by ``reference`` when one is given."""
    _require_gap(knee, ankle, "shin")
    levelling = None if reference is None else reference_of(*reference)
    roll = 0.0 if levelling is None else levelling.roll
    # Turn the knee-to-ankle vector back by the roll (counter-clockwise by ``roll``).
    dx, up = ankle[0] - knee[0], knee[1] - ankle[1]
    turn = math.radians(-roll)
    x = dx * math.cos(turn) + up * math.sin(turn)
    y = -dx * math.sin(turn) + up * math.cos(turn)
    degrees = math.degrees(math.atan2(abs(x), abs(y)))
    lean = 0 if abs(x) < 1e-9 else (1 if x > 0 else -1)
    warnings = []
    if distance(knee, ankle) < STEADY_POINT_GAP:
        warnings.append(
            "The knee and ankle points are close together, so a small slip changes the angle: "
            "zoom in or use a photo taken closer."
        )
    if levelling is not None and abs(roll) > MOST_ROLL:
        warnings.append(
            f"The reference line is {abs(roll):.0f}° from "
            f"{levelling.kind.value}: check it runs along a door frame or the floor line."
        )
    return ShinReading(degrees, lean, tilt(knee, ankle), levelling, tuple(warnings))


def _require_gap(a: Point, b: Point, what: str) -> None:
    if distance(a, b) < MIN_POINT_GAP:
        raise PhotoAngleError(
            f"The two {what} points are almost on top of each other: put them at the two ends "
            f"of the {'shin' if what == 'shin' else 'line'}, as far apart as you can."
        )
