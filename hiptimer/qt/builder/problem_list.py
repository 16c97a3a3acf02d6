"""The editor's list of what to fix before saving, each problem named by its item or section.

Problems come from the loader with their locations; the list words them for the builder
(:func:`hiptimer.core.routines.drafts.plain_message`) and Enter on one emits
``go_to(place, key)``: the item or section it is about, or ``None`` and the routine's key.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from hiptimer.core.routines.drafts import Place, plain_message
from hiptimer.core.routines.model import Library, Routine
from hiptimer.core.routines.problems import Problem
from hiptimer.qt.style import problem_colour

ROLE_PLACE = Qt.ItemDataRole.UserRole
ROLE_KEY = Qt.ItemDataRole.UserRole + 1  # the key a problem is about; None on the "none" row
MOST_HEIGHT = 72  # pixels: the list scrolls beyond about four problems


class ProblemList(QListWidget):
    go_to = Signal(object, str)  # Place, key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Problems")
        self.setMaximumHeight(MOST_HEIGHT)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Text, problem_colour(palette))
        self.setPalette(palette)
        self.itemActivated.connect(self._activated)

    def show_problems(
        self, problems: Sequence[tuple[Problem, Place]], routine: Routine, library: Library
    ) -> None:
        self.clear()
        for problem, place in problems:
            entry = QListWidgetItem(
                f"{place_text(place, routine, library)}{plain_message(problem)}"
            )
            entry.setData(ROLE_PLACE, place)
            entry.setData(ROLE_KEY, problem.location.key)
            entry.setForeground(QBrush(problem_colour(self.palette())))
            self.addItem(entry)
        if not problems:
            entry = QListWidgetItem("None: the routine is ready to save and to try.")
            entry.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.addItem(entry)
        # One row when there is nothing to fix, so the panes above keep the room.
        one_row = self.fontMetrics().lineSpacing() + 8 + 2 * self.frameWidth()
        self.setMaximumHeight(MOST_HEIGHT if problems else one_row)

    def _activated(self, entry: QListWidgetItem) -> None:
        key = entry.data(ROLE_KEY)
        if key is None:  # the "none" row
            return
        place = entry.data(ROLE_PLACE)
        self.go_to.emit(None if place is None else (place[0], place[1]), key)


def place_text(place: Place, routine: Routine, library: Library) -> str:
    """``3. Deep glute release: `` or ``Section “Move”: ``; nothing for the routine."""
    if place is None or place[0] >= len(routine.sections):
        return ""
    section, item = place
    if item is None:
        return f"Section “{routine.sections[section].name}”: "
    number = sum(len(s.items) for s in routine.sections[:section]) + item + 1
    exercise = library.exercises.get(routine.sections[section].items[item].exercise)
    return f"{number}. {exercise.name if exercise else '?'}: "
