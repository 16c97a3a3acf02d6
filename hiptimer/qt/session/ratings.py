"""At the summary: one tap per exercise to say whether it helped, and its pain (optional).

Rating is never required: Enter saves the summary with or without any.  What people say here
ranks the exercises in "Your exercises" (:mod:`hiptimer.core.history.what_helps`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.what_helps import RATING_WORDS, Rating
from hiptimer.core.routines.model import Kind
from hiptimer.core.session.events import StepOutcome

#: What each exercise got: (rating or None, pain or None).
Feedback = dict[str, tuple[Rating | None, int | None]]


def rated_exercises(outcomes: Sequence[StepOutcome]) -> list[tuple[str, str]]:
    """(exercise id, name) of the exercises a session did, once each, tests left out."""
    seen: dict[str, str] = {}
    for outcome in outcomes:
        if outcome.kind is not Kind.TEST and outcome.exercise_id not in seen:
            seen[outcome.exercise_id] = outcome.exercise_name
    return list(seen.items())


class ExerciseRatings(QWidget):
    """A row per exercise: Helped / Neutral / Not for me, and a pain choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("How each exercise went (optional)")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.groups: dict[str, QButtonGroup] = {}
        self.pains: dict[str, QComboBox] = {}
        self._rows: list[QWidget] = []

    def show_exercises(self, exercises: Sequence[tuple[str, str]]) -> None:
        for widget in self._rows:
            widget.deleteLater()
        self._rows.clear()
        self.groups.clear()
        self.pains.clear()
        for row, (exercise_id, name) in enumerate(exercises):
            label = QLabel(name)
            label.setWordWrap(True)
            self._add(label, row, 0)
            group = QButtonGroup(self)
            group.setExclusive(False)  # none chosen is an answer too; a second tap clears
            for column, rating in enumerate(Rating, start=1):
                button = QPushButton(RATING_WORDS[rating])
                button.setCheckable(True)
                button.setAccessibleName(f"{name}: {RATING_WORDS[rating]}")
                group.addButton(button, column)
                self._add(button, row, column)
            group.buttonToggled.connect(lambda button, on, g=group: self._only_one(g, button, on))
            self.groups[exercise_id] = group
            pain = QComboBox()
            pain.addItem("pain –", None)
            for value in range(PAIN_LIMITS.low, PAIN_LIMITS.high + 1):
                pain.addItem(f"pain {value}", value)
            pain.setAccessibleName(f"{name}: pain during it (optional)")
            self.pains[exercise_id] = pain
            self._add(pain, row, len(Rating) + 1)
        self.setVisible(bool(exercises))

    def _add(self, widget: QWidget, row: int, column: int) -> None:
        self._grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignVCenter)
        self._rows.append(widget)

    @staticmethod
    def _only_one(group: QButtonGroup, button: object, on: bool) -> None:
        if on:
            for other in group.buttons():
                if other is not button and other.isChecked():
                    other.setChecked(False)

    def feedback(self) -> Feedback:
        """What was said, for the exercises something was said about."""
        said: Feedback = {}
        ratings = list(Rating)
        for exercise_id, group in self.groups.items():
            checked = [group.id(b) for b in group.buttons() if b.isChecked()]
            rating = ratings[checked[0] - 1] if checked else None
            pain = self.pains[exercise_id].currentData()
            if rating is not None or pain is not None:
                said[exercise_id] = (rating, pain)
        return said
