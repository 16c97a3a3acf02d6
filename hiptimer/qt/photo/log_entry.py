"""Measuring from a photo in the Log measurement dialog: the button, what it measured, keeping.

:class:`PhotoEntry` sits beside the dialog's degrees box.  A photo's reading fills the box and
marks the entry as measured from a photo; typing other degrees, or choosing another test or
side, takes the mark (and the photo) away again, so the mark always means what it says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from hiptimer.core.history.photos import remove_photo
from hiptimer.core.routines.model import Side

if TYPE_CHECKING:
    from hiptimer.core.history.commands import AddMeasurement
    from hiptimer.qt.photo.dialog import PhotoMeasureDialog, PhotoMeasurement


class PhotoEntry(QWidget):
    """The degrees box with a "From a photo…" button and a line saying how it was measured."""

    def __init__(
        self, degrees: QSpinBox, test: QComboBox, side: QComboBox, photos: Path | None
    ) -> None:
        """``photos``: where a photo is kept when the person asks (None: never kept)."""
        super().__init__()
        self.degrees, self.test, self.side = degrees, test, side
        self.photos = photos
        self.measurement: PhotoMeasurement | None = None
        self.dialog: PhotoMeasureDialog | None = None
        self.button = QPushButton("From a &photo…")
        self.button.setToolTip("Measure the angle on a photo: no goniometer or helper needed")
        self.button.clicked.connect(self.open_dialog)
        self.how = QLabel()
        self.how.setWordWrap(True)
        self.how.setAccessibleName("How it was measured")
        self.how.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(degrees, 1)
        row.addWidget(self.button)
        degrees.valueChanged.connect(self._typed)
        test.currentIndexChanged.connect(self.forget)
        side.currentIndexChanged.connect(self.forget)

    def open_dialog(self) -> PhotoMeasureDialog:
        from hiptimer.qt.photo.dialog import PhotoMeasureDialog  # loaded when first used

        last = None if self.measurement is None else self.measurement.image
        self.dialog = PhotoMeasureDialog(
            self.window(), self.test.currentData(), Side(self.side.currentData()), last_photo=last
        )
        self.dialog.finished.connect(self._finished)
        self.dialog.open()
        return self.dialog

    def _finished(self, result: int) -> None:
        if self.dialog is None or result != QDialog.DialogCode.Accepted:
            return
        measurement = self.dialog.measurement
        if measurement is None:
            return
        self.measurement = None
        self.degrees.setValue(measurement.degrees)
        self.measurement = measurement
        kept = "the photo is kept with it" if measurement.keep else "the photo is not kept"
        self.how.setText(
            f"Measured on a photo: {measurement.reading.degrees:.1f}° from vertical; {kept}."
        )
        self.how.show()

    def _typed(self, value: int) -> None:
        if self.measurement is not None and value != self.measurement.degrees:
            self.forget()

    def forget(self) -> None:
        """Typed by hand after all: no photo mark, no photo."""
        self.measurement = None
        self.how.hide()

    def save(
        self, measurement: AddMeasurement, save: Callable[[AddMeasurement], None]
    ) -> AddMeasurement:
        """Hand ``measurement`` to ``save``, marked and with its photo kept when it came from
        one; return what was handed over.  A photo kept for a save that failed is removed."""
        photo = self.measurement
        if photo is None:
            save(measurement)
            return measurement
        kept = photo.kept_in(self.photos) if self.photos is not None else None
        marked = dataclasses.replace(measurement, from_photo=True, photo=kept)
        try:
            save(marked)
        except BaseException:
            if self.photos is not None:
                remove_photo(self.photos, kept)
            raise
        return marked
