"""Accuracy: photos of a leg drawn at known angles, opened and marked as a person would.

Each photo is saved as a JPEG and opened through the dialog (the phone-photo path), its
stickers are found in the decoded pixels and clicked on the canvas; the dialog's reading comes
from the same core maths as every measurement.  It must agree with the drawn angle within 1°.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from hiptimer.core.routines.model import Side
from hiptimer.qt.photo.canvas import Mark
from hiptimer.qt.photo.dialog import PhotoMeasureDialog
from tests.fakes import (
    ANKLE_STICKER,
    FRAME_STICKER,
    KNEE_STICKER,
    LegPhoto,
    draw_leg_photo,
    sticker_at,
)


def _dialog(qtbot, test: str, side: Side) -> PhotoMeasureDialog:
    dialog = PhotoMeasureDialog(None, test, side, cameras=lambda: [])
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot, dialog: PhotoMeasureDialog, point: tuple[float, float]) -> None:
    canvas = dialog.canvas
    qtbot.mouseClick(
        canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(*point))
    )


def _measure(qtbot, tmp_path, photo: LegPhoto, test: str, side: Side, *, level: bool):
    path = tmp_path / "leg.jpg"
    assert photo.image.save(str(path), "JPEG", 92)
    dialog = _dialog(qtbot, test, side)
    assert dialog.open_photo_file(str(path))
    decoded = dialog.canvas.photo()
    _click(qtbot, dialog, sticker_at(decoded, photo.knee, KNEE_STICKER))
    _click(qtbot, dialog, sticker_at(decoded, photo.ankle, ANKLE_STICKER))
    if level:
        _click(qtbot, dialog, sticker_at(decoded, photo.frame[0], FRAME_STICKER))
        _click(qtbot, dialog, sticker_at(decoded, photo.frame[1], FRAME_STICKER))
    assert dialog.canvas.placed() == list(Mark)[: 4 if level else 2]
    return dialog


CASES = [
    # (test, side, drawn degrees, lean in the picture, camera roll)
    ("prone", Side.LEFT, 45, -1, 0.0),
    ("prone", Side.RIGHT, 38, 1, 0.0),
    ("prone", Side.LEFT, 22, -1, 6.0),
    ("prone", Side.RIGHT, 51, 1, -8.5),
    ("prone", Side.LEFT, 0, 1, 3.0),
    ("prone", Side.RIGHT, 67, 1, 12.0),
    ("seated", Side.LEFT, 30, 1, 0.0),
    ("seated", Side.RIGHT, 42, -1, 4.0),
    ("seated", Side.LEFT, 12, 1, -11.0),
    ("seated", Side.RIGHT, 35, -1, -3.5),
]


@pytest.mark.parametrize(("test", "side", "degrees", "lean", "roll"), CASES)
def test_a_drawn_leg_measures_within_a_degree(
    qtbot, tmp_path, test: str, side: Side, degrees: float, lean: int, roll: float
) -> None:
    photo = draw_leg_photo(degrees, lean=lean, roll=roll, hanging=test == "seated")
    dialog = _measure(qtbot, tmp_path, photo, test, side, level=bool(roll))
    reading = dialog.reading
    assert reading is not None
    assert reading.degrees == pytest.approx(degrees, abs=1.0)
    assert reading.lean == (lean if degrees else reading.lean)
    if roll:
        assert reading.reference is not None
        assert reading.reference.roll == pytest.approx(roll, abs=1.0)
    dialog.accept()
    assert dialog.measurement is not None
    assert abs(dialog.measurement.degrees - degrees) <= 1  # the whole degrees stored
    assert dialog.measurement.keep is False  # kept only when asked


def test_without_the_reference_a_crooked_camera_reads_the_roll_too(qtbot, tmp_path) -> None:
    photo = draw_leg_photo(30, lean=-1, roll=-9.0)
    dialog = _measure(qtbot, tmp_path, photo, "prone", Side.LEFT, level=False)
    assert dialog.reading is not None
    assert dialog.reading.degrees == pytest.approx(39, abs=1.0)  # off by the roll
    _click(qtbot, dialog, sticker_at(dialog.canvas.photo(), photo.frame[0], FRAME_STICKER))
    _click(qtbot, dialog, sticker_at(dialog.canvas.photo(), photo.frame[1], FRAME_STICKER))
    assert dialog.reading.degrees == pytest.approx(30, abs=1.0)


def test_the_floor_line_levels_as_well_as_a_door_frame(qtbot, tmp_path) -> None:
    photo = draw_leg_photo(40, lean=1, roll=7.0)
    dialog = _measure(qtbot, tmp_path, photo, "prone", Side.RIGHT, level=False)
    # the floor line runs across the photo at 62 % of its height before the roll; two points
    # on it, found as the dark line's pixels, turned as the photo was
    from PySide6.QtGui import QImage, QTransform

    matrix = QImage.trueMatrix(QTransform().rotate(7.0), 960, 720)
    for x in (300.0, 800.0):
        point = matrix.map(QPointF(x, 720 * 0.62))
        dialog.canvas.place(dialog.canvas.next_mark(), (point.x(), point.y()))
    assert dialog.reading is not None and dialog.reading.reference is not None
    assert dialog.reading.reference.kind.value == "horizontal"
    assert dialog.reading.degrees == pytest.approx(40, abs=1.0)
