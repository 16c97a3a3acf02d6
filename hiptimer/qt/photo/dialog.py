"""Measure from a photo: how to take it, then the knee, ankle and reference points on it.

First page: the test's protocol (where the camera goes, level, what must be in view) and the
ways to get a photo: the camera with a spoken self-timer (only when a camera is found), a
photo file from a phone, or the photo just used for the other side.  Second page: the photo
on a :class:`PhotoCanvas`; the reading comes from :func:`core.history.photo_angle.shin_angle`,
the one piece of maths every measurement and test goes through.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.measurements import TEST_TITLES
from hiptimer.core.history.photo_angle import (
    PhotoAngleError,
    Point,
    ShinReading,
    distance,
    shin_angle,
)
from hiptimer.core.history.photo_auto import AUTO_TESTS
from hiptimer.core.history.photo_protocols import lean_problem, lean_words, protocol_for
from hiptimer.core.history.photos import keep_photo
from hiptimer.core.routines.model import Side
from hiptimer.qt.photo.auto_points import AutoPlacer, auto_points_installed
from hiptimer.qt.photo.camera import CameraBackend, CameraDialog, Say, camera_names
from hiptimer.qt.photo.canvas import Mark, PhotoCanvas
from hiptimer.qt.photo.image_file import (
    PhotoFileError,
    jpeg_bytes,
    load_photo,
    photo_file_filter,
    photo_start_folder,
)
from hiptimer.qt.photo.protocol_panel import ProtocolPanel

NO_CAMERA_TEXT = (
    "No camera was found on this computer. Take the photo with your phone's self-timer "
    "instead, copy it here and open it."
)
KEEP_TEXT = (
    "&Keep this photo with the measurement (it stays in hiptimer's data folder on this "
    "computer and is deleted with the measurement)"
)


@dataclass(frozen=True)
class PhotoMeasurement:
    """A measurement read from a photo, as the person confirmed it."""

    test: str
    side: Side
    reading: ShinReading
    image: QImage
    keep: bool  # the person asked to keep the photo with the measurement

    @property
    def degrees(self) -> int:
        return self.reading.stored

    def kept_in(self, folder: Path) -> str | None:
        """Keep the photo in ``folder`` if the person asked (see :func:`photos.keep_photo`):
        the kept file's name, or None.  Raises OSError or ValueError when it cannot be."""
        return keep_photo(folder, jpeg_bytes(self.image)) if self.keep else None


class PhotoMeasureDialog(QDialog):
    """After ``exec()`` returns Accepted, ``measurement`` holds what was measured."""

    def __init__(
        self,
        parent: QWidget | None,
        test: str,
        side: Side,
        *,
        say: Say | None = None,
        last_photo: QImage | None = None,
        cameras: Callable[[], list[str]] = camera_names,
        camera_backend: Callable[[], CameraBackend] | None = None,
        timer_interval_ms: int = 1000,
        placer: AutoPlacer | None = None,
    ) -> None:
        """``placer``: the pose model's runner; by default one when the ``camera`` extra is
        installed and the test is one it serves, else none (no "Place points for me")."""
        super().__init__(parent)
        self.test, self.side = test, side
        self.protocol = protocol_for(test)
        self.measurement: PhotoMeasurement | None = None
        self.reading: ShinReading | None = None
        self._say = say
        self._camera_backend = camera_backend
        self._timer_interval = timer_interval_ms
        self._last_photo = last_photo
        self.camera_dialog: CameraDialog | None = None
        self.setWindowTitle(f"Measure from a photo — {side.value} hip")
        self.cameras = cameras()
        if placer is None and test in AUTO_TESTS and auto_points_installed():
            placer = AutoPlacer()
        self.placer = placer
        self.to_confirm = False  # points proposed by the pose model, not yet confirmed
        self._asked_for = 0  # the photo the pose model was asked about (its cache key)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_prepare_page())
        self.pages.addWidget(self._build_mark_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        self._fit_to_screen()

    # -- page 1: how to take the photo ------------------------------------------------------

    def _build_prepare_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(
            f"<b>{TEST_TITLES[self.test]}, {self.side.value} hip.</b> Set up the camera like "
            "this, take the photo, then mark the knee and ankle on it."
        )
        title.setWordWrap(True)
        self.protocol_panel = ProtocolPanel(self.protocol)
        self.camera_button = QPushButton("Take a photo with the &camera…")
        self.camera_button.clicked.connect(self.take_photo)
        self.open_button = QPushButton("&Open a photo…")
        self.open_button.clicked.connect(self.choose_file)
        self.last_button = QPushButton("Use the &last photo")
        self.last_button.setToolTip("The photo you measured the other side on")
        self.last_button.clicked.connect(lambda: self.use_photo(self._last_photo))
        self.last_button.setVisible(self._last_photo is not None)
        self.camera_note = QLabel(NO_CAMERA_TEXT)
        self.camera_note.setWordWrap(True)
        self.camera_button.setEnabled(bool(self.cameras))
        self.camera_note.setVisible(not self.cameras)
        self.file_problem = QLabel()
        self.file_problem.setWordWrap(True)
        self.file_problem.setStyleSheet("font-weight: bold")
        self.file_problem.setAccessibleName("Photo problem")
        self.file_problem.hide()
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.camera_button, self.open_button, self.last_button):
            button.setMinimumHeight(40)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addWidget(self.protocol_panel, 1)
        layout.addWidget(self.camera_note)
        layout.addWidget(self.file_problem)
        layout.addLayout(buttons)
        return page

    def take_photo(self) -> None:
        """Open the camera with its self-timer; its photo goes on to marking."""
        backend = self._camera_backend() if self._camera_backend is not None else None
        self.camera_dialog = CameraDialog(
            self,
            self.test,
            self.cameras,
            say=self._say,
            backend=backend,
            interval_ms=self._timer_interval,
        )
        self.camera_dialog.resize(self.size())
        self.camera_dialog.finished.connect(self._camera_finished)
        self.camera_dialog.open()

    def _camera_finished(self, result: int) -> None:
        dialog = self.camera_dialog
        if dialog is not None and result == QDialog.DialogCode.Accepted and dialog.image:
            self.use_photo(dialog.image)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a photo", photo_start_folder(), photo_file_filter()
        )
        if path:
            self.open_photo_file(path)

    def open_photo_file(self, path: str) -> bool:
        """Open a photo file to mark; a file that cannot be used is explained on the page."""
        try:
            image = load_photo(path)
        except PhotoFileError as problem:
            self.file_problem.setText(str(problem))
            self.file_problem.show()
            return False
        self.use_photo(image)
        return True

    # -- page 2: the points -----------------------------------------------------------------

    def _build_mark_page(self) -> QWidget:
        page = QWidget()
        self.canvas = PhotoCanvas()
        self.canvas.points_changed.connect(self._points_changed)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setAccessibleName("What to mark next")
        self.value = QLabel()
        self.value.setAccessibleName("Measured angle")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 9) * 2.6)
        self.value.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("About the reading")
        self.keep = QCheckBox()  # unticked: a photo is kept only when asked
        self.keep.setAccessibleName("Keep this photo with the measurement")
        keep_text = QLabel(KEEP_TEXT)  # a label, so the long text wraps
        keep_text.setWordWrap(True)
        keep_text.setBuddy(self.keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep, 0, Qt.AlignmentFlag.AlignTop)
        keep_row.addWidget(keep_text, 1)
        self.clear_reference_button = QPushButton("Remove the &reference")
        self.clear_reference_button.clicked.connect(self.clear_reference)
        self.restart_button = QPushButton("Place the points a&gain")
        self.restart_button.clicked.connect(self.restart_points)
        self.auto_button = QPushButton("Place points for &me")
        self.auto_button.setToolTip("The pose model proposes the knee and ankle; you check them")
        self.auto_button.setVisible(self.placer is not None)
        self.auto_button.clicked.connect(self.place_for_me)
        self.confirm_button = QPushButton("&Confirm the points")
        self.confirm_button.hide()
        self.confirm_button.clicked.connect(self.confirm_points)
        if self.placer is not None:
            self.placer.setParent(self)
            self.placer.proposed.connect(self._proposed)
            self.placer.failed.connect(self._placing_failed)
        self.other_button = QPushButton("◀ Other &photo")
        self.other_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        keys = QLabel(
            "<small>Drag a point, or select it with Tab and move it with the arrow keys "
            "(Shift: 10 pixels). Wheel or +/- to zoom, 0 to fit.</small>"
        )
        keys.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.prompt, self.value, self.details):
            side_layout.addWidget(label)
        side_layout.addStretch(1)
        side_layout.addLayout(keep_row)
        widgets = (self.auto_button, self.confirm_button, self.clear_reference_button)
        for widget in (*widgets, self.restart_button, self.other_button, keys):
            side_layout.addWidget(widget)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        scroll.setMaximumWidth(340)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.canvas, 1)
        body.addWidget(scroll)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        return page

    def use_photo(self, image: QImage | None) -> None:
        """Show ``image`` for marking, with no points yet."""
        if image is None or image.isNull():
            return
        self.file_problem.hide()
        self.pages.setCurrentIndex(1)
        self._set_to_confirm(False)
        self.canvas.set_photo(image)
        self.canvas.setFocus()

    def clear_reference(self) -> None:
        self.canvas.remove(Mark.REFERENCE_A)
        self.canvas.remove(Mark.REFERENCE_B)

    def restart_points(self) -> None:
        self._set_to_confirm(False)
        for mark in Mark:
            self.canvas.remove(mark)

    def place_for_me(self) -> None:
        """Ask the pose model for the knee and ankle (answered by ``_proposed``)."""
        if self.placer is None or self.placer.running():
            return
        self.auto_button.setEnabled(False)
        self.details.setText("Looking for the knee and ankle…")
        self._asked_for = self.canvas.photo().cacheKey()
        self.placer.start(self.canvas.photo(), self.side)

    def _proposed(self, knee: Point, ankle: Point) -> None:
        self.auto_button.setEnabled(True)
        if self.canvas.photo().cacheKey() != self._asked_for:
            return  # another photo was opened meanwhile
        self._set_to_confirm(True)
        self.canvas.place(Mark.KNEE, knee)
        self.canvas.place(Mark.ANKLE, ankle)
        self.canvas.select(Mark.KNEE)
        self.canvas.setFocus()

    def _placing_failed(self, message: str) -> None:
        self.auto_button.setEnabled(True)
        self.details.setText(message)

    def confirm_points(self) -> None:
        """The person has checked the proposed points: the reading may now be used."""
        self._set_to_confirm(False)
        self._points_changed()

    def _set_to_confirm(self, value: bool) -> None:
        self.to_confirm = value
        self.confirm_button.setVisible(value)

    def _points_changed(self) -> None:
        canvas = self.canvas
        knee, ankle = canvas.point(Mark.KNEE), canvas.point(Mark.ANKLE)
        ends = canvas.point(Mark.REFERENCE_A), canvas.point(Mark.REFERENCE_B)
        reference = (ends[0], ends[1]) if ends[0] is not None and ends[1] is not None else None
        self.prompt.setText(self._prompt_for(canvas.next_mark()))
        if self.to_confirm:
            self.prompt.setText(
                f"<b>Proposed points: check them.</b> Each must sit on the middle of the "
                f"{self.side.value} knee and ankle; drag it if not, then press Confirm the points."
            )
        self.clear_reference_button.setEnabled(ends != (None, None))
        self.reading, problem = None, ""
        if knee is not None and ankle is not None:
            try:
                self.reading = shin_angle(knee, ankle, reference)
            except PhotoAngleError as error:
                problem = str(error)
        self._show_reading(knee, ankle, problem)

    def _prompt_for(self, mark: Mark | None) -> str:
        side = self.side.value
        if mark is Mark.KNEE:
            return f"<b>Click the middle of the {side} knee.</b> {self.protocol.marks}"
        if mark is Mark.ANKLE:
            return f"<b>Now click the middle of the {side} ankle.</b>"
        if mark is Mark.REFERENCE_A:
            return (
                "<b>Done, unless the camera was tipped.</b> Then click one end of a door "
                "frame, a chair leg or the floor line (optional)."
            )
        if mark is Mark.REFERENCE_B:
            return "<b>Click the other end of the same line.</b>"
        return "<b>All points placed.</b> Drag or nudge any of them to adjust."

    def _show_reading(self, knee: Point | None, ankle: Point | None, problem: str) -> None:
        reading = self.reading
        self.ok_button.setEnabled(reading is not None and not self.to_confirm)
        if reading is None:
            self.value.setText("—")
            self.ok_button.setText("OK")
            self.details.setText(problem)
            self.canvas.set_overlay("")
            self.canvas.set_vertical(None, None)
            return
        self.value.setText(f"{reading.stored}°")
        self.ok_button.setText(f"&Use {reading.stored}°")
        if reading.reference is None:
            level = "Levelled by the photo's edges (no reference line)."
        else:
            level = (
                f"Levelled by the {reading.reference.kind.value} reference: the camera was "
                f"tipped {abs(reading.reference.roll):.1f}°."
            )
        lines = [
            f"{reading.degrees:.1f}° from vertical; the ankle is {lean_words(reading.lean)}.",
            level,
            *reading.warnings,
        ]
        question = lean_problem(self.test, self.side, reading.lean)
        if question:
            lines.append(question)
        self.details.setText("\n\n".join(lines))
        self.canvas.set_overlay(f"{reading.stored}°", f"{self.side.value} hip")
        if knee is not None and ankle is not None:
            self.canvas.set_vertical(knee, _vertical_end(knee, ankle, reading))

    def accept(self) -> None:
        if self.reading is None or self.to_confirm:
            return
        self.measurement = PhotoMeasurement(
            self.test, self.side, self.reading, self.canvas.photo(), self.keep.isChecked()
        )
        super().accept()

    def _fit_to_screen(self) -> None:
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1200, int(screen.width() * 0.92)), min(820, int(screen.height() * 0.9)))


def _vertical_end(knee: Point, ankle: Point, reading: ShinReading) -> Point:
    """Where the levelled vertical through the knee ends, as long as the shin and on its side."""
    roll = math.radians(0.0 if reading.reference is None else reading.reference.roll)
    length = distance(knee, ankle)
    direction = (math.sin(roll), -math.cos(roll))  # the levelled "up" in picture pixels
    up_side = (ankle[0] - knee[0]) * direction[0] + (ankle[1] - knee[1]) * direction[1] >= 0
    sign = 1 if up_side else -1
    return (knee[0] + sign * length * direction[0], knee[1] + sign * length * direction[1])
