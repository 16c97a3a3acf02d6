"""The "From a photo…" button of a test step: opens the dialog for the step's test and side.

The player shows it in its measure box.  What was measured is kept by step index in
:attr:`results` until the session records the step (:class:`SessionController` reads it
there), so the measurement is stored as measured from a photo, with the photo if asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from hiptimer.core.history.measurements import TEST_BY_EXERCISE
from hiptimer.core.routines.model import Side

if TYPE_CHECKING:
    from hiptimer.qt.photo.camera import Say
    from hiptimer.qt.photo.dialog import PhotoMeasureDialog, PhotoMeasurement


class PhotoMeasureButton(QPushButton):
    """Shown only on a measured test's step with a side; ``measured`` emits the degrees."""

    measured = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("No goniometer? Measure on a &photo…", parent)
        self.setToolTip("Measure the angle on a photo: no goniometer or helper needed")
        self.setAccessibleName("Measure from a photo")
        self.say: Say | None = None  # the session's voice, for the self-timer
        self.results: dict[int, PhotoMeasurement] = {}  # by step index, until recorded
        self.last_photo: QImage | None = None  # the other side is often on the same photo
        self.dialog: PhotoMeasureDialog | None = None
        self._step: tuple[int, str, Side] | None = None
        self.clicked.connect(self.open_dialog)
        self.hide()

    def reset(self) -> None:
        """A new session: nothing measured, no photo held."""
        self.results.clear()
        self.last_photo = None
        self._step = None

    def set_step(self, step_index: int, exercise_id: str, side: Side | None) -> None:
        test = TEST_BY_EXERCISE.get(exercise_id)
        self._step = None if test is None or side is None else (step_index, test, side)
        self.setVisible(self._step is not None)

    def open_dialog(self) -> PhotoMeasureDialog | None:
        if self._step is None:
            return None
        from hiptimer.qt.photo.dialog import PhotoMeasureDialog  # loaded when first used

        step_index, test, side = self._step
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = PhotoMeasureDialog(
            self.window(), test, side, say=self.say, last_photo=self.last_photo
        )
        self.dialog.finished.connect(lambda result: self._finished(step_index, result))
        self.dialog.open()
        return self.dialog

    def _finished(self, step_index: int, result: int) -> None:
        dialog = self.dialog
        if dialog is None or result != QDialog.DialogCode.Accepted:
            return
        measurement = dialog.measurement
        if measurement is not None:
            self.results[step_index] = measurement
            self.last_photo = measurement.image
            self.measured.emit(measurement.degrees)
