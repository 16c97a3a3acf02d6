"""Placing points by mouse and keyboard: nudges in photo pixels, Tab between points, zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from hiptimer.qt.photo.canvas import Mark, PhotoCanvas
from tests.fakes import draw_leg_photo


@pytest.fixture
def canvas(qtbot):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    view = PhotoCanvas()
    layout.addWidget(view)
    layout.addWidget(QPushButton("after"))
    qtbot.addWidget(holder)
    holder.resize(800, 600)
    holder.show()
    qtbot.waitExposed(holder)
    view.set_photo(draw_leg_photo(30).image)
    view.setFocus()
    yield view  # the holder lives as long as the test


def test_clicks_place_knee_ankle_then_the_reference(qtbot, canvas: PhotoCanvas) -> None:
    seen: list[Mark | None] = []
    canvas.points_changed.connect(lambda: seen.append(canvas.next_mark()))
    for x, y in ((480, 620), (560, 320), (115, 50), (115, 440), (300, 300)):
        qtbot.mouseClick(
            canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.mapFromScene(QPointF(x, y))
        )
    assert canvas.placed() == list(Mark)  # the fifth click places nothing more
    knee = canvas.point(Mark.KNEE)
    assert knee is not None and abs(knee[0] - 480) <= 1.5 and abs(knee[1] - 620) <= 1.5
    assert seen[-1] is None


def test_arrows_nudge_the_selected_point_in_photo_pixels(qtbot, canvas: PhotoCanvas) -> None:
    canvas.place(Mark.KNEE, (400.0, 500.0))
    canvas.zoom_by(3)  # the zoom never changes what a nudge moves
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    qtbot.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(canvas, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.point(Mark.KNEE) == (391.0, 509.0)


def test_points_stay_on_the_photo(qtbot, canvas: PhotoCanvas) -> None:
    canvas.place(Mark.ANKLE, (3.0, 2.0))
    for _ in range(2):
        qtbot.keyClick(canvas, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(canvas, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.point(Mark.ANKLE) == (0.0, 0.0)
    canvas.place(Mark.ANKLE, (5000.0, 5000.0))
    assert canvas.point(Mark.ANKLE) == (959.0, 719.0)


def test_tab_selects_each_point_then_moves_on(qtbot, canvas: PhotoCanvas) -> None:
    canvas.place(Mark.KNEE, (400.0, 600.0))
    canvas.place(Mark.ANKLE, (450.0, 300.0))
    canvas.select(None)
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selected() is Mark.KNEE
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    assert canvas.selected() is Mark.ANKLE
    qtbot.keyClick(canvas, Qt.Key.Key_Backtab)
    assert canvas.selected() is Mark.KNEE and canvas.hasFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)
    qtbot.keyClick(canvas, Qt.Key.Key_Tab)  # past the last point: focus leaves the photo
    assert canvas.selected() is None and not canvas.hasFocus()


def test_space_places_at_the_middle_and_delete_removes(qtbot, canvas: PhotoCanvas) -> None:
    qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert canvas.placed() == [Mark.KNEE]
    qtbot.keyClick(canvas, Qt.Key.Key_Delete)
    assert canvas.placed() == [] and canvas.next_mark() is Mark.KNEE


def test_wheel_and_keys_zoom_between_fit_and_a_limit(qtbot, canvas: PhotoCanvas) -> None:
    fitted = canvas.zoom()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.zoom() == pytest.approx(fitted * 1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.zoom() == pytest.approx(fitted)  # never smaller than the whole photo
    for _ in range(30):
        canvas.zoom_by(1.25)
    assert canvas.zoom() == pytest.approx(16.0)
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert canvas.zoom() == pytest.approx(fitted)


def test_dragging_a_point_moves_it(qtbot, canvas: PhotoCanvas) -> None:
    canvas.place(Mark.KNEE, (400.0, 500.0))
    start = canvas.mapFromScene(QPointF(400, 500))
    end = canvas.mapFromScene(QPointF(460, 440))
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(canvas.viewport(), pos=end)
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=end)
    x, y = canvas.point(Mark.KNEE) or (0, 0)
    assert abs(x - 460) <= 2 and abs(y - 440) <= 2
    assert canvas.placed() == [Mark.KNEE]  # a drag never places a new point


def test_the_reading_and_loupe_are_drawn_over_the_photo(canvas: PhotoCanvas) -> None:
    canvas.place(Mark.KNEE, (480.0, 620.0))
    canvas.set_overlay("41°", "left hip")
    plain = canvas.viewport().grab().toImage()
    canvas.set_overlay("")
    canvas.select(None)
    assert canvas.viewport().grab().toImage() != plain
