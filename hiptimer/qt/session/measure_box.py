"""Where a test step's degrees are typed: the box, Save, and measuring on a photo instead.

The player shows it in the "next" card while a measurement phase waits; the big number shows
what is being typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import Side
from hiptimer.core.session.display import measure_caption
from hiptimer.core.session.plan import Step
from hiptimer.qt.photo.measure_button import PhotoMeasureButton

NO_DEGREES = -1  # the box's "nothing typed yet" value


class MeasureBox(QFrame):
    measured = Signal(int)  # degrees, typed and saved or measured on a photo
    asked = Signal()  # Save with nothing typed: the player asks for the degrees

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key: tuple[int, int] | None = None  # the measurement phase last entered
        self.caption = QLabel("Degrees:")
        self.spin = QSpinBox()
        self.spin.setRange(NO_DEGREES, DEGREE_LIMITS.high)
        self.spin.setSpecialValueText("type degrees")  # nothing entered yet, not 0°
        self.spin.setSuffix("°")
        self.spin.setAccessibleName("Measured degrees")
        self.caption.setBuddy(self.spin)
        self.save = QPushButton("Save measurement")
        self.save.setAccessibleName("Save measurement")
        self.save.clicked.connect(self.submit)
        self.photo_button = PhotoMeasureButton()  # alone, no goniometer: measure on a photo
        self.photo_button.measured.connect(self.measured.emit)
        for button in (self.save, self.photo_button):
            button.setProperty("role", "compact")
        rows = QVBoxLayout(self)  # three short rows: the box fits the "next" card's width
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        typed = QHBoxLayout()
        typed.addWidget(self.spin, 1)
        typed.addWidget(self.save, 1)
        rows.addWidget(self.caption)
        rows.addLayout(typed)
        rows.addWidget(self.photo_button)

    def reset(self) -> None:
        self._key = None
        self.spin.setValue(NO_DEGREES)
        self.photo_button.reset()

    def enter(self, step: Step, phase_index: int, side: Side | None) -> None:
        """A measurement phase shows: a new one starts empty with the keys in the box."""
        if (step.index, phase_index) == self._key:
            return
        self._key = (step.index, phase_index)
        self.spin.setValue(NO_DEGREES)
        self.caption.setText(measure_caption(step, side))
        self.photo_button.set_step(step.index, step.exercise.id, side)
        self.spin.setFocus()
        self.spin.selectAll()  # typing digits replaces "type degrees"

    def degrees_text(self) -> str:
        value = self.spin.value()
        return "?" if value == NO_DEGREES else f"{value}°"

    def submit(self) -> None:
        if self.spin.value() == NO_DEGREES:
            self.asked.emit()
            self.spin.setFocus()
            return
        self.measured.emit(self.spin.value())

    def set_pixels(self, pixels: int) -> None:
        for widget in (self.caption, self.spin, self.save, self.photo_button):
            font = QFont(widget.font())
            font.setPixelSize(pixels)
            widget.setFont(font)
        line = self.spin.lineEdit()
        if line is not None:
            line.setFont(font)  # the box's text itself, not only its frame
        self.spin.setMinimumWidth(pixels * 6)
