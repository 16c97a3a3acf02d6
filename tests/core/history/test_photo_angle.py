"""The shin's angle from photo points: known geometry, levelling by a reference, signs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.core.history.photo_angle import (
    PhotoAngleError,
    ReferenceKind,
    reference_of,
    shin_angle,
    stored_degrees,
    tilt,
)


def _turned(point: tuple[float, float], degrees: float, centre=(500.0, 500.0)):
    """``point`` turned clockwise on the picture (y down) by ``degrees`` about ``centre``."""
    angle = math.radians(degrees)
    x, y = point[0] - centre[0], point[1] - centre[1]
    return (
        centre[0] + x * math.cos(angle) - y * math.sin(angle),
        centre[1] + x * math.sin(angle) + y * math.cos(angle),
    )


def _shin_up(degrees: float, length: float = 300.0, knee=(500.0, 700.0)):
    """Knee and ankle of a shin rising from the knee, its top leaning right by ``degrees``."""
    angle = math.radians(degrees)
    return knee, (knee[0] + length * math.sin(angle), knee[1] - length * math.cos(angle))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 100), (0, 0), 0.0),  # straight up
        ((0, 0), (0, 100), 0.0),  # either order
        ((0, 100), (100, 0), 45.0),  # top to the right
        ((0, 100), (-100, 0), -45.0),  # top to the left
        ((0, 0), (100, 0), 90.0),  # horizontal is +90, never -90
        ((100, 0), (0, 0), 90.0),
    ],
)
def test_tilt_from_the_vertical(a, b, expected) -> None:
    assert tilt(a, b) == pytest.approx(expected)


@pytest.mark.parametrize("degrees", [0, 5, 12.5, 30, 45, 60, 89])
def test_a_level_shin_reads_its_angle_and_lean(degrees: float) -> None:
    knee, ankle = _shin_up(degrees)
    reading = shin_angle(knee, ankle)
    assert reading.degrees == pytest.approx(degrees)
    assert reading.lean == (1 if degrees else 0)
    left = shin_angle(knee, (2 * knee[0] - ankle[0], ankle[1]))
    assert left.degrees == pytest.approx(degrees) and left.lean == (-1 if degrees else 0)
    assert left.signed == pytest.approx(-degrees)


def test_a_hanging_shin_leans_by_where_its_ankle_is() -> None:
    # seated: the knee above, the ankle below and to the picture's left
    reading = shin_angle((400, 200), (400 - 300 * math.sin(math.radians(35)), 200 + 300 * 0.819))
    assert reading.degrees == pytest.approx(35, abs=0.05) and reading.lean == -1


@pytest.mark.parametrize("roll", [-15, -4, 0, 3, 10])
@pytest.mark.parametrize("kind", [ReferenceKind.VERTICAL, ReferenceKind.HORIZONTAL])
def test_a_reference_undoes_the_camera_roll(roll: float, kind: ReferenceKind) -> None:
    knee, ankle = _shin_up(40)
    line = ((200, 900), (200, 100)) if kind is ReferenceKind.VERTICAL else ((50, 950), (950, 950))
    turned_ref = (_turned(line[0], roll), _turned(line[1], roll))
    reference = reference_of(*turned_ref)
    assert reference.kind is kind and reference.roll == pytest.approx(roll)
    reading = shin_angle(_turned(knee, roll), _turned(ankle, roll), turned_ref)
    assert reading.degrees == pytest.approx(40) and reading.lean == 1
    unlevelled = shin_angle(_turned(knee, roll), _turned(ankle, roll))
    assert unlevelled.degrees == pytest.approx(40 + roll)


@given(
    degrees=st.floats(0, 89),
    roll=st.floats(-20, 20),
    length=st.floats(60, 2000),
    vertical=st.booleans(),
)
def test_levelled_angles_match_whatever_the_roll(degrees, roll, length, vertical) -> None:
    knee, ankle = _shin_up(degrees, length)
    line = ((100, 900), (120, 100)) if vertical else ((50, 950), (950, 930))
    level = shin_angle(knee, ankle, line)
    turned_line = (_turned(line[0], roll), _turned(line[1], roll))
    turned = shin_angle(_turned(knee, roll), _turned(ankle, roll), turned_line)
    assert turned.degrees == pytest.approx(level.degrees, abs=1e-6)


def test_points_on_top_of_each_other_are_refused_with_a_reason() -> None:
    with pytest.raises(PhotoAngleError, match="shin"):
        shin_angle((10, 10), (12, 15))
    with pytest.raises(PhotoAngleError, match="line"):
        shin_angle((0, 0), (0, 300), ((5, 5), (5, 9)))


def test_short_shins_and_odd_references_are_warned_about() -> None:
    assert shin_angle((0, 0), (0, 300)).warnings == ()
    assert "zoom in" in shin_angle((0, 0), (0, 60)).warnings[0]
    odd = shin_angle((0, 0), (0, 300), ((0, 0), (100, 200)))  # 27° off vertical
    assert "door frame" in odd.warnings[0]


@pytest.mark.parametrize(("value", "whole"), [(44.5, 45), (44.49, 44), (0.2, 0), (89.6, 90)])
def test_stored_degrees_round_halves_up(value: float, whole: int) -> None:
    assert stored_degrees(value) == whole
