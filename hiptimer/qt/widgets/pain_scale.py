"""A pain scale from 0 to 10 that can be used from the floor: big buttons and number keys.

Nothing is chosen until the person chooses (not rating is an answer too).  With the scale
focused, the digit keys pick 0–9 ("1" then "0" quickly picks 10), Left and Right step, and
Backspace or Delete clear the choice.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.rows import PAIN_LIMITS

#: Words under a few of the numbers, so the scale reads without a legend.
ANCHORS = {0: "none", 3: "mild", 5: "moderate", 7: "strong", 10: "worst"}
#: A "1" followed by "0" within this many seconds picks 10.
TEN_WINDOW_SECONDS = 1.0


class PainScale(QFrame):
    """Emits ``changed(value or None)`` whenever the choice changes."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, button_size: int = 52) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Pain from {PAIN_LIMITS.low} (none) to {PAIN_LIMITS.high} (worst)")
        self._value: int | None = None
        self._last_one_at = -1.0
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # a second press on the chosen number clears it
        row = QHBoxLayout()
        row.setSpacing(4)
        self.buttons: list[QPushButton] = []
        for number in range(PAIN_LIMITS.low, PAIN_LIMITS.high + 1):
            column = QVBoxLayout()
            column.setSpacing(2)
            button = QPushButton(str(number))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scale takes the keys
            button.setMinimumSize(QSize(button_size, button_size))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(f"Pain {number}")
            font = QFont(button.font())
            font.setPixelSize(max(14, button_size // 2))
            font.setBold(True)
            button.setFont(font)
            self.group.addButton(button, number)
            self.buttons.append(button)
            column.addWidget(button)
            anchor = QLabel(ANCHORS.get(number, ""))
            anchor.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(anchor)
            row.addLayout(column)
        self.group.idClicked.connect(self._clicked)
        self.setLayout(row)

    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        if value is not None and value not in PAIN_LIMITS:
            raise ValueError(f"pain must be within {PAIN_LIMITS}, got {value!r}")
        for number, button in enumerate(self.buttons, start=PAIN_LIMITS.low):
            button.setChecked(number == value)
        if value != self._value:
            self._value = value
            self.changed.emit(value)

    def _clicked(self, number: int) -> None:
        self.set_value(None if number == self._value else number)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = key - Qt.Key.Key_0
            now = time.monotonic()
            if digit == 0 and self._value == 1 and now - self._last_one_at <= TEN_WINDOW_SECONDS:
                self.set_value(10)
            else:
                self.set_value(digit)
            self._last_one_at = now if digit == 1 else -1.0
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            start = self._value if self._value is not None else (-1 if step > 0 else 11)
            self.set_value(min(max(start + step, PAIN_LIMITS.low), PAIN_LIMITS.high))
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.set_value(None)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """A frame shows where the keys go (the buttons themselves never take focus)."""
        super().focusInEvent(event)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.setFrameShape(QFrame.Shape.NoFrame)
