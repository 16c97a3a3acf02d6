"""At the summary: what each exercise was, with its pictogram and what was done of it, and one
tap to say whether it helped, and its pain (optional).

Rating is never required: Enter saves the summary with or without any.  What people say here
ranks the exercises in "Your exercises" (:mod:`hiptimer.core.history.what_helps`).  Tests are
listed with their degrees but not rated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.what_helps import RATING_WORDS, Rating
from hiptimer.core.routines.model import Kind
from hiptimer.core.session.display import outcome_line
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import StepStatus
from hiptimer.qt.widgets.pictogram import PictogramWidget

#: What each exercise got: (rating or None, pain or None).
Feedback = dict[str, tuple[Rating | None, int | None]]


@dataclass
class DoneExercise:
    """One exercise of the session and what was done of it, step by step."""

    exercise_id: str
    name: str
    rated: bool  # tests are not rated (nor is an exercise skipped)
    done: bool = False  # any of its steps ended done
    amounts: list[str] = field(default_factory=list)  # "left: 60 s of 60 s"


def done_exercises(outcomes: Sequence[StepOutcome]) -> list[DoneExercise]:
    """The session's exercises in order, once each, each with what was done of it."""
    found: dict[str, DoneExercise] = {}
    for outcome in outcomes:
        entry = found.setdefault(
            outcome.exercise_id,
            DoneExercise(outcome.exercise_id, outcome.exercise_name, outcome.kind is not Kind.TEST),
        )
        entry.done = entry.done or outcome.status is StepStatus.DONE
        said = outcome_line(outcome).split(" ", 1)[1].removeprefix(outcome.exercise_name).strip()
        if said.startswith("("):  # "(left, set 2 of 3): 20 of 20 reps"
            said = said[1:].replace("):", ":", 1)
        entry.amounts.append(said.lstrip(": "))
    return list(found.values())


def rated_exercises(outcomes: Sequence[StepOutcome]) -> list[tuple[str, str]]:
    """(exercise id, name) of the exercises a session did, once each, tests left out."""
    return [(e.exercise_id, e.name) for e in done_exercises(outcomes) if e.rated]


class ExerciseRatings(QWidget):
    """A row per exercise: its pictogram, its name and what was done, then Helped / Neutral /
    Not for me and a pain choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What you did, and how each exercise went (optional)")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(len(Rating) + 2, 1)  # the buttons keep their width
        self.groups: dict[str, QButtonGroup] = {}
        self.pains: dict[str, QComboBox] = {}
        self._rows: list[QWidget] = []
        self._icon = 48

    def set_icon_size(self, pixels: int) -> None:
        self._icon = pixels
        for widget in self._rows:
            if isinstance(widget, PictogramWidget):
                widget.setFixedSize(pixels, pixels)

    def show_exercises(
        self,
        exercises: Sequence[tuple[str, str]] | Sequence[DoneExercise],
        positions: Mapping[str, str] | None = None,
    ) -> None:
        """``exercises``: what was done (or bare (id, name) pairs, all rated); ``positions``:
        each exercise's position, for its pictogram."""
        for widget in self._rows:
            widget.hide()
            widget.deleteLater()
        self._rows.clear()
        self.groups.clear()
        self.pains.clear()
        rows = [
            e if isinstance(e, DoneExercise) else DoneExercise(e[0], e[1], True, True)
            for e in exercises
        ]
        for row, exercise in enumerate(rows):
            self._add_row(row, exercise, (positions or {}).get(exercise.exercise_id, ""))
        self.setVisible(bool(rows))

    def _add_row(self, row: int, exercise: DoneExercise, position: str) -> None:
        """Two grid rows: the pictogram beside the name and what was done, and under them
        the rating buttons and the pain choice."""
        top, below = 2 * row, 2 * row + 1
        picture = PictogramWidget()
        picture.setFixedSize(self._icon, self._icon)
        picture.set_position(position)
        picture.setAccessibleName(f"{exercise.name}: position")
        self._add(picture, top, 0, rows=2)
        mark = "✓" if exercise.done else "–"
        amounts = " · ".join(a for a in exercise.amounts if a)
        label = QLabel(f"<b>{mark} {_html(exercise.name)}</b><br>{_html(amounts)}")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        label.setAccessibleName(exercise.name)
        self._add(label, top, 1, columns=len(Rating) + 2)
        if not exercise.rated or not exercise.done:
            return  # tests are measured, not rated; a skipped exercise has nothing to rate
        name = exercise.name
        group = QButtonGroup(self)
        group.setExclusive(False)  # none chosen is an answer too; a second tap clears
        for column, rating in enumerate(Rating, start=1):
            button = QPushButton(RATING_WORDS[rating])
            button.setCheckable(True)
            button.setAccessibleName(f"{name}: {RATING_WORDS[rating]}")
            group.addButton(button, column)
            self._add(button, below, column)
        group.buttonToggled.connect(lambda button, on, g=group: self._only_one(g, button, on))
        self.groups[exercise.exercise_id] = group
        pain = QComboBox()
        pain.addItem("pain –", None)
        for value in range(PAIN_LIMITS.low, PAIN_LIMITS.high + 1):
            pain.addItem(f"pain {value}", value)
        pain.setAccessibleName(f"{name}: pain during it (optional)")
        self.pains[exercise.exercise_id] = pain
        self._add(pain, below, len(Rating) + 1)

    def _add(
        self, widget: QWidget, row: int, column: int, *, rows: int = 1, columns: int = 1
    ) -> None:
        align = Qt.AlignmentFlag.AlignTop if rows > 1 else Qt.AlignmentFlag.AlignVCenter
        self._grid.addWidget(widget, row, column, rows, columns, align)
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


def _html(text: str) -> str:
    from html import escape

    return escape(text)
