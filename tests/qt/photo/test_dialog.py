"""The measure-from-a-photo dialog: how to take it, where the photo comes from, the reading."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from hiptimer.core.routines.model import Side
from hiptimer.qt.photo.canvas import Mark
from hiptimer.qt.photo.dialog import NO_CAMERA_TEXT, PhotoMeasureDialog
from tests.fakes import draw_leg_photo, fake_camera


def _dialog(qtbot, test="prone", side=Side.LEFT, **options) -> PhotoMeasureDialog:
    options.setdefault("cameras", lambda: [])
    dialog = PhotoMeasureDialog(None, test, side, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_without_a_camera_the_photo_file_is_offered(qtbot, tmp_path) -> None:
    dialog = _dialog(qtbot)
    assert not dialog.camera_button.isEnabled()
    assert dialog.camera_note.isVisible() and dialog.camera_note.text() == NO_CAMERA_TEXT
    assert dialog.open_button.isEnabled()
    assert not dialog.last_button.isVisible()
    assert "feet" in dialog.protocol_panel.text.text()  # the face-down test's protocol
    assert dialog.protocol_panel.pictogram.position() == ("photo-face-down", False)
    photo = draw_leg_photo(45, lean=-1)
    path = tmp_path / "from-phone.jpg"
    assert photo.image.save(str(path))
    assert dialog.open_photo_file(str(path))
    assert dialog.pages.currentIndex() == 1 and dialog.focusWidget() is dialog.canvas


def test_a_file_that_is_no_photo_is_explained_on_the_page(qtbot, tmp_path) -> None:
    dialog = _dialog(qtbot)
    path = tmp_path / "notes.jpg"
    path.write_text("shopping list")
    assert not dialog.open_photo_file(str(path))
    assert dialog.pages.currentIndex() == 0
    assert dialog.file_problem.isVisible() and "notes.jpg is not a photo" in (
        dialog.file_problem.text()
    )


def test_the_reading_needs_both_points_far_enough_apart(qtbot) -> None:
    dialog = _dialog(qtbot)
    dialog.use_photo(draw_leg_photo(45).image)
    assert not dialog.ok_button.isEnabled() and "knee" in dialog.prompt.text()
    dialog.canvas.place(Mark.KNEE, (400.0, 500.0))
    assert "ankle" in dialog.prompt.text() and not dialog.ok_button.isEnabled()
    dialog.canvas.place(Mark.ANKLE, (405.0, 505.0))
    assert not dialog.ok_button.isEnabled() and "on top of each other" in dialog.details.text()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.measurement is None
    dialog.canvas.place(Mark.ANKLE, (330.0, 430.0))
    assert dialog.ok_button.isEnabled() and dialog.ok_button.text() == "&Use 45°"
    assert dialog.value.text() == "45°"
    assert "close together" in dialog.details.text()  # 99 pixels: says to zoom in
    dialog.canvas.place(Mark.ANKLE, (200.0, 200.0))
    assert "close together" not in dialog.details.text()


def test_a_shin_leaning_inward_for_the_side_is_queried(qtbot) -> None:
    dialog = _dialog(qtbot, side=Side.LEFT)
    dialog.use_photo(draw_leg_photo(40).image)
    dialog.canvas.place(Mark.KNEE, (480.0, 620.0))
    dialog.canvas.place(Mark.ANKLE, (680.0, 380.0))  # to the right: inward for the left leg
    assert "inward for your left leg" in dialog.details.text()
    dialog.canvas.place(Mark.ANKLE, (280.0, 380.0))
    assert "inward" not in dialog.details.text()


def test_the_photo_is_kept_only_when_ticked(qtbot) -> None:
    image = draw_leg_photo(40).image
    dialog = _dialog(qtbot)
    dialog.use_photo(image)
    dialog.canvas.place(Mark.KNEE, (480.0, 620.0))
    dialog.canvas.place(Mark.ANKLE, (280.0, 380.0))
    assert not dialog.keep.isChecked()
    dialog.keep.setChecked(True)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    measurement = dialog.measurement
    assert measurement is not None and measurement.keep and measurement.image == image
    assert (measurement.test, measurement.side, measurement.degrees) == ("prone", Side.LEFT, 40)


def test_the_last_photo_serves_the_other_side(qtbot) -> None:
    image = draw_leg_photo(40).image
    dialog = _dialog(qtbot, "seated", Side.RIGHT, last_photo=image)
    assert dialog.last_button.isVisible()
    assert dialog.protocol_panel.pictogram.position() == ("photo-seated", False)
    assert "band" in dialog.protocol_panel.text.text()
    dialog.last_button.click()
    assert dialog.pages.currentIndex() == 1 and dialog.canvas.photo() == image
    dialog.canvas.place(Mark.KNEE, (100.0, 100.0))
    dialog.restart_button.click()
    assert dialog.canvas.placed() == []


def test_the_camera_photo_goes_on_to_marking(qtbot) -> None:
    image = draw_leg_photo(30).image
    said: list[str] = []
    dialog = _dialog(
        qtbot,
        cameras=lambda: ["Laptop camera"],
        say=said.append,
        camera_backend=lambda: fake_camera(image),
        timer_interval_ms=5,
    )
    assert dialog.camera_button.isEnabled() and not dialog.camera_note.isVisible()
    dialog.camera_button.click()
    camera = dialog.camera_dialog
    assert camera is not None
    camera.delay.setCurrentIndex(camera.delay.findData(5))
    camera.start_button.click()
    qtbot.waitUntil(lambda: camera.image is not None, timeout=2000)
    camera.use_button.click()
    assert said[-4:] == ["Lie still", "3", "2", "1"]
    assert dialog.pages.currentIndex() == 1 and dialog.canvas.photo().size() == image.size()
